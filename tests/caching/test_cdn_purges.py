"""A CDN that purges by key: pages name their keys in the configured header, and changes reach
the CDN as background purges — coalesced, batched within each CDN's limits, retried, logged —
that never slow a save (docs/operations/caching.md, "A CDN in front")."""

import json
import logging
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from articles.caching import keys, purging
from articles.models import CdnPurge
from articles.workflow import save_edits

pytestmark = pytest.mark.usefixtures("shared_cache")


@pytest.fixture
def cdn_api(settings):
    """A CDN's purge API on loopback that records every request it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            received.append((self.path, dict(self.headers), self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CDN_PURGE_ENDPOINTS = [f"http://127.0.0.1:{server.server_port}"]
    settings.CDN_SERVICE = "newsroom-service"
    settings.CDN_API_TOKEN = "token-for-tests"
    yield received
    server.shutdown()
    server.server_close()


def test_it_names_a_pages_keys_for_the_cdn(client, settings, published, make_article):
    settings.CDN_KEYS_HEADER = "Surrogate-Key"
    settings.CDN_PURGE = "fastly"
    page = client.get(published.get_absolute_url())
    named = page["Surrogate-Key"].split(" ")
    assert {keys.story_key(published.pk), keys.STORIES, keys.EVERYTHING} <= set(named)
    assert "max-age=" in page["CDN-Cache-Control"]
    assert "stale-if-error=" in page["CDN-Cache-Control"]
    assert "s-maxage=" in page["Cache-Control"]  # browsers and other caches: as before

    for n in range(6):
        make_article(f"Kyiv grid update {n}")
    settings.CDN_KEYS_HEADER = "Cache-Tag"
    named = client.get("/")["Cache-Tag"].split(",")
    stories = [key for key in named if key.startswith("story-")]
    assert len(stories) == 7
    # A page naming more than its CDN takes names every story at once instead.
    settings.CDN_KEYS_MAX_BYTES = len(",".join(named)) - 1
    tags = client.get("/")["Cache-Tag"].split(",")
    assert tags == sorted({*(set(named) - set(stories)), keys.STORY_VALUES})


def test_it_sends_many_changes_as_one_soft_purge(
    settings, cdn_api, published, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE = "fastly"
    for words in ("Power is back.", "Power is back across the city."):
        published.standfirst = words
        with django_capture_on_commit_callbacks(execute=True):
            save_edits(published)
    pending = CdnPurge.objects.filter(sent_at__isnull=True).count()
    assert pending >= 2
    assert purging.send_due() == pending
    ((path, headers, _),) = cdn_api
    assert path == "/service/newsroom-service/purge"
    assert keys.story_key(published.pk) in headers["Surrogate-Key"].split()
    assert headers["Fastly-Soft-Purge"] == "1" and headers["Fastly-Key"] == "token-for-tests"
    assert not CdnPurge.objects.filter(sent_at__isnull=True).exists()


def test_it_batches_cloudflare_tags_within_its_limit(settings, cdn_api, db):
    settings.CDN_PURGE = "cloudflare"
    purging.purge_later([f"story-{n}" for n in range(45)])
    assert purging.send_due() == 1
    batches = [json.loads(body)["tags"] for _, _, body in cdn_api]
    assert [len(batch) for batch in batches] == [30, 15]
    assert cdn_api[0][0] == "/zones/newsroom-service/purge_cache"


def test_it_keeps_saving_and_retries_when_the_cdn_is_down(settings, published, caplog):
    settings.CDN_PURGE = "varnish"
    settings.CDN_PURGE_ENDPOINTS = ["http://127.0.0.1:9/"]  # the discard port: nothing listens
    published.standfirst = "Power is back."
    save_edits(published)
    purge = CdnPurge.objects.get()
    now = timezone.now()
    with caplog.at_level(logging.WARNING, logger="articles.caching.purging"):
        for attempt in range(purging.ALERT_AFTER):
            assert purging.send_due(now=now) == 0
            purge.refresh_from_db()
            assert purge.attempts == attempt + 1 and purge.next_attempt_at > now
            assert purging.send_due(now=now) == 0  # not due again before its time
            now = purge.next_attempt_at + timedelta(seconds=1)
    alerts = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(alerts) == 1 and "keep failing" in alerts[0].getMessage()
    assert purge.sent_at is None and "127.0.0.1:9" in purge.last_error


def test_it_shows_the_purge_log_to_superusers_read_only(admin_client, settings, db):
    settings.CDN_PURGE = "varnish"
    purging.purge_later(["story-7", "stories"])
    page = admin_client.get("/admin/articles/cdnpurge/")
    assert page.status_code == 200 and "stories story-7" in page.content.decode()
    assert admin_client.get("/admin/articles/cdnpurge/add/").status_code == 403
