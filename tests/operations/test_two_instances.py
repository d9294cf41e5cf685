"""Two app servers sharing one PostgreSQL and one Redis: what an editor changes through one, a
reader sees through the other on the very next request.

Two gunicorn instances run on loopback with production settings (DEBUG off, collected static
files, Redis as the cache). They serve pytest-django's test database: the test commits
(transaction=True), so the servers see its stories, and the test database is flushed and
dropped as usual afterwards. A separate database would cost a migration run for nothing.

The reader asks instance B first, so anything B keeps (a cached page, counts) is warm before
the editor saves through instance A; a cache that A's save does not reach shows up here.
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from django.db import connection
from django.utils import timezone

from articles.models import Article, Status
from articles.staff.roles import EDITOR

ROOT = Path(__file__).resolve().parents[2]
# The test's own Redis database: it is flushed before and after.
REDIS_URL = "redis://127.0.0.1:6379/13"
EDITOR_PASSWORD = "two-servers-one-newsroom-2026"

pytestmark = [
    # Redis databases are shared by every test worker: one worker runs the real-Redis tests.
    pytest.mark.xdist_group("real-redis"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="app servers on several machines share a PostgreSQL server; SQLite is one file",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def shared_redis():
    """The Redis both instances cache in, emptied before and after. Unreachable: skipped
    locally, a failure in CI (which has Redis)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture
def production_environment(shared_redis, tmp_path):
    """The environment of an app server in production, on this test's database and Redis."""
    database = connection.settings_dict
    credentials = quote(database["USER"]) + (
        f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    )
    environment = {
        # The test process's own leftovers are no production server's.
        name: value
        for name, value in os.environ.items()
        if name not in {"CACHE_URL", "DATABASE_REPLICA_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DEBUG="false",
        SECRET_KEY="two-instances-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on loopback stands in for the TLS proxy in front of production.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATABASE_URL=(
            f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        REDIS_URL=shared_redis,
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONUNBUFFERED="1",
    )
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=environment, check=True, timeout=120)
    return environment


@pytest.fixture
def instances(run_server, production_environment, tmp_path):
    """Instances A and B: two gunicorn servers, each on a free loopback port."""

    def serve(name):
        command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--chdir", str(ROOT)]
        command += ["--bind", "127.0.0.1:0", "--workers", "1"]
        return run_server(
            command,
            ready=r"Listening at: (http://127\.0\.0\.1:\d+)",
            log=tmp_path / f"gunicorn-{name}.log",
            env=production_environment,
        )

    with serve("a") as a, serve("b") as b:
        _wait_until_serving(a)
        _wait_until_serving(b)
        yield {"a": a, "b": b}


def _read(url):
    """The page at `url` as text, as a reader without cookies gets it."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _wait_until_serving(address, timeout=60):
    """Listening is not serving yet: the worker loads the site first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return _read(f"{address}/readyz")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class AdminSession:
    """An editor in a browser: logs in through the admin's form and posts its forms."""

    def __init__(self, address, username, password):
        self.address = address
        self.browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = self._open("/admin/login/?next=/admin/")
        self._open(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
            form=page,
        )

    def save(self, path, data):
        """Open the form at `path` and post `data` with its CSRF token; the page answered."""
        return self._open(path, data, form=self._open(path))

    def _open(self, path, data=None, form=None):
        if data is not None:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            data = urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        with self.browser.open(self.address + path, data, timeout=30) as response:
            return response.read().decode()


def test_it_shows_an_edit_through_one_instance_through_the_other_at_once(
    instances, make_article, make_staff, edit_post, change_url
):
    story = make_article("Power station repairs to take weeks")
    make_article("Grain corridor reopens")
    draft = make_article("Ceasefire talks resume in Geneva", public=False)
    make_staff(EDITOR, "editor", password=EDITOR_PASSWORD)
    a, b = instances["a"], instances["b"]
    pages = {"home": "/", "section": story.section.get_absolute_url()}
    pages["story"] = story.get_absolute_url()

    # A reader warms instance B.
    for path in [*pages.values(), *pages.values()]:
        assert "Ceasefire talks" not in _read(b + path)
    assert "Power station repairs to take weeks" in _read(b + pages["story"])

    # An editor, through instance A, corrects the headline and publishes the draft.
    editor = AdminSession(a, "editor", EDITOR_PASSWORD)
    edited = editor.save(change_url(story), edit_post(story, headline="Power station back online"))
    when = timezone.localtime(timezone.now() - timedelta(minutes=1))
    publication = {
        "status": Status.PUBLISHED,
        "published_at_0": when.strftime("%Y-%m-%d"),
        "published_at_1": when.strftime("%H:%M:%S"),
    }
    published = editor.save(change_url(draft), edit_post(draft, **publication))
    assert "was changed successfully" in edited and "was changed successfully" in published
    draft = Article.objects.get(pk=draft.pk)
    assert draft.status == Status.PUBLISHED

    # The reader's very next requests to instance B.
    story_page = _read(b + pages["story"])
    assert "Power station back online" in story_page
    assert "Power station repairs to take weeks" not in story_page
    for name in ("home", "section"):
        page = _read(b + pages[name])
        assert "Power station back online" in page, name
        assert "Ceasefire talks resume in Geneva" in page, name
    assert "Ceasefire talks resume in Geneva" in _read(b + draft.get_absolute_url())
