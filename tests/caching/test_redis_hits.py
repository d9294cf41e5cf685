"""On Redis a page hit is one round trip and no query, and still never stale: the page, its
keys and their versions are read by one script (`articles.caching.hits`)."""

import os

import pytest
import redis
from django.core.cache import cache

from articles.caching import hits, keys
from articles.workflow import save_edits

REDIS_URL = "redis://127.0.0.1:6379/3"  # this module's Redis database
# Emptied by each test: one test worker runs every test that uses a real Redis database.
pytestmark = pytest.mark.xdist_group("real-redis")


@pytest.fixture
def on_redis(settings, shared_cache):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI: {error}")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": REDIS_URL}
    }
    cache.clear()
    yield
    cache.clear()


def test_it_serves_a_hit_in_one_round_trip_and_a_change_at_once(
    client,
    on_redis,
    published,
    django_assert_num_queries,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    url = published.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    calls = []
    monkeypatch.setattr(cache, "get", lambda *a, **k: calls.append(a))  # the slow way: unused
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: calls.append(a))
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "HIT"
    assert calls == []
    monkeypatch.undo()

    published.standfirst = "Engineers reconnected the last district at dawn."
    with django_capture_on_commit_callbacks(execute=True):
        save_edits(published)
    page = client.get(url)
    assert page["X-Cache"] == "MISS" and "Engineers reconnected" in page.content.decode()
    assert client.get(url)["X-Cache"] == "HIT"
    cache.delete(keys.VERSION + keys.story_key(published.pk))  # evicted under maxmemory
    assert client.get(url)["X-Cache"] == "MISS"


def test_it_answers_without_the_script_on_another_cache(db, shared_cache):
    assert hits.fetch("newsroom:page:x", "newsroom:page:x:keys") is None
