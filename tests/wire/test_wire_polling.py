"""Polling agency feeds: a real HTTP server on loopback, conditional GETs, bounded time."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, WireStory
from articles.wire.polling import poll, poll_all


class AgencyFeed:
    """An agency's feed server on 127.0.0.1 (random port): serves `body` with `etag`,
    answers 304 to a matching If-None-Match, and remembers what it was asked."""

    def __init__(self, body: bytes, etag='"v1"'):
        self.body, self.etag, self.delay, self.requests = body, etag, 0.0, []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                feed.requests.append(dict(self.headers))
                time.sleep(feed.delay)
                if self.headers.get("If-None-Match") == feed.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", feed.etag)
                self.send_header("Last-Modified", "Fri, 04 Dec 2026 16:10:00 GMT")
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.block_on_close = False  # a slow answer never holds the test up
        self.url = f"http://127.0.0.1:{self.server.server_port}/feed.rss"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def agency_feed(wire_sample):
    feed = AgencyFeed(wire_sample("feed.rss"))
    yield feed
    feed.stop()


@pytest.fixture
def polled_provider(wire_provider, agency_feed):
    wire_provider.feed_url = agency_feed.url
    wire_provider.save()
    return wire_provider


def test_it_fetches_a_feed_then_asks_only_whether_it_changed(polled_provider, agency_feed):
    first = poll(polled_provider)
    second = poll(polled_provider)

    assert first.status == "fetched" and first.counts["new"] == 2
    assert second.status == "not modified"
    assert agency_feed.requests[1]["If-None-Match"] == '"v1"'
    assert agency_feed.requests[1]["If-Modified-Since"] == "Fri, 04 Dec 2026 16:10:00 GMT"
    polled_provider.refresh_from_db()
    assert polled_provider.etag == '"v1"'
    assert "not modified" in polled_provider.last_poll_result
    assert WireStory.objects.count() == Article.objects.count() == 2


def test_it_takes_in_a_changed_feed_without_duplicates(polled_provider, agency_feed):
    poll(polled_provider)
    agency_feed.body = agency_feed.body.replace(
        b"Fri, 04 Dec 2026 16:10:00 GMT</pubDate>", b"Fri, 04 Dec 2026 17:00:00 GMT</pubDate>"
    ).replace(b"closed 1.2 percent higher", b"closed 1.4 percent higher")
    agency_feed.etag = '"v2"'

    result = poll(polled_provider)

    assert result.status == "fetched"
    assert (result.counts["updated"], result.counts["unchanged"]) == (1, 1)
    assert Article.objects.count() == 2
    assert "1.4 percent" in Article.objects.get(headline__startswith="Warsaw bourse").body


def test_it_gives_up_on_a_slow_feed_in_bounded_time(polled_provider, agency_feed):
    agency_feed.delay = 2.0
    started = time.monotonic()

    result = poll(polled_provider, timeout=0.3)

    assert result.status == "failed"
    assert time.monotonic() - started < 1.5
    assert Article.objects.count() == 0


def test_it_starts_no_poll_once_its_time_is_up(polled_provider, agency_feed):
    [result] = poll_all(within=0)

    assert result.status == "skipped"
    assert agency_feed.requests == []


def test_it_polls_from_the_command_line(polled_provider, agency_feed):
    out = StringIO()
    call_command("poll_wires", stdout=out)
    call_command("poll_wires", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Continental Press Agency wire: fetched — 2 new")
    assert lines[1] == "Continental Press Agency wire: not modified"


def test_it_polls_as_a_background_task_outside_any_request(polled_provider, agency_feed, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from articles.wire.tasks import poll_wires_task

    result = poll_wires_task.enqueue()

    assert result.return_value == [
        "Continental Press Agency wire: fetched — 2 new",
    ]
    assert WireStory.objects.count() == 2


def test_it_polls_only_web_addresses(wire_provider, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Not agency copy\n\nA file on the server.")
    wire_provider.feed_url = f"file://{secret}"

    result = poll(wire_provider)

    assert result.status == "failed"
    assert Article.objects.count() == 0
