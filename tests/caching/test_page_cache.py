"""The page cache: anonymous readers get cached pages that are never stale — fresh at once after
any change readers can see, on time for scheduled stories without a cron job — and nothing
personal is ever stored or served from it."""

import gzip
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from articles.caching.pages import page_key
from articles.desk.previews import preview_url
from articles.models import Article
from articles.taxonomy.tags import rename_tag
from articles.workflow import add_correction, publish, save_edits, set_embargo, unpublish

pytestmark = pytest.mark.usefixtures("page_cache")


def test_it_serves_the_second_request_from_the_cache_without_touching_the_database(
    client, published, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Cache"] == "MISS" and published.headline in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_it_shows_a_newly_published_story_on_every_cached_page_at_once(client, published, draft):
    for url in ("/", "/world/", "/tags/energy/", "/regions/ukraine/", "/feeds/latest/rss/"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
        assert draft.headline not in client.get(url).content.decode()
    publish(draft)
    for url in ("/", "/world/", "/tags/energy/", "/regions/ukraine/", "/feeds/latest/rss/"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert draft.headline in response.content.decode(), url


def test_it_drops_a_withdrawn_story_from_every_cached_page_at_once(client, published):
    urls = ["/", "/world/", "/tags/energy/", "/sources/reuters/", "/authors/olena-kovalenko/"]
    story_url = published.get_absolute_url()
    for url in [*urls, story_url]:
        client.get(url)
    unpublish(published)
    for url in urls:
        assert published.headline not in client.get(url).content.decode(), url
    assert client.get(story_url).status_code == 410


def test_it_shows_a_correction_and_an_edit_at_once(client, published):
    url = published.get_absolute_url()
    client.get(url)
    add_correction(published, "correction", "The station is in Kyiv Oblast.")
    assert "The station is in Kyiv Oblast." in client.get(url).content.decode()
    published.headline = "Power back on across Kyiv"
    save_edits(published)
    assert "Power back on across Kyiv" in client.get(url).content.decode()


def test_it_keeps_serving_cached_pages_through_a_draft_save(client, published, draft):
    client.get("/")
    draft.headline = "Still a draft, reworded"
    save_edits(draft)
    assert client.get("/")["X-Cache"] == "HIT"


def test_it_renews_cached_pages_when_a_tag_is_renamed(client, published):
    client.get(published.get_absolute_url())
    rename_tag(published.tags.get(name="Energy"), "Power supply")
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Power supply" in page


@pytest.fixture
def long_lived_edition(monkeypatch):
    """Editions kept for an hour: only the scheduled moment itself may renew them."""
    monkeypatch.setattr("articles.caching.state.EDITION_TTL", 3600)


def test_it_shows_a_scheduled_story_on_the_cached_home_page_at_its_second(
    client, make_article, published, time_machine, long_lived_edition
):
    when = (timezone.now() + timedelta(minutes=10)).replace(microsecond=0)
    time_machine.move_to(when - timedelta(seconds=1), tick=False)
    story = make_article("Budget speech at noon", slug="budget-speech", when=when)
    client.get("/")
    response = client.get("/")
    assert response["X-Cache"] == "HIT" and story.headline not in response.content.decode()
    # A CDN may keep the page only until that second.
    assert "s-maxage=1," in response["Cache-Control"]

    time_machine.move_to(when, tick=False)
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert story.headline in response.content.decode()


def test_it_shows_an_embargoed_story_when_the_embargo_lifts(
    client, make_article, published, time_machine, long_lived_edition
):
    until = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    time_machine.move_to(until - timedelta(seconds=5), tick=False)
    story = make_article("Embargoed results", slug="embargoed-results", embargo_until=until)
    assert story.headline not in client.get("/").content.decode()
    assert client.get("/")["X-Cache"] == "HIT"
    time_machine.move_to(until, tick=False)
    assert story.headline in client.get("/").content.decode()
    set_embargo(story, until + timedelta(days=1))
    assert story.headline not in client.get("/").content.decode()


def test_it_never_stores_or_serves_anything_personal(client, published, editor):
    page = client.get("/")
    assert not page.cookies and "Set-Cookie" not in page
    text = page.content.decode()
    assert "csrfmiddlewaretoken" not in text and "nonce" not in text
    assert client.get("/")["X-Cache"] == "HIT"

    staff = Client()
    staff.force_login(editor)
    staff_page = staff.get("/")
    # Logged-in staff bypass the cache both ways: not served from it, not stored in it.
    assert "X-Cache" not in staff_page
    cache.delete(page_key(RequestFactory().get("/")))
    assert client.get("/")["X-Cache"] == "MISS"


def test_it_adds_security_headers_and_a_fresh_csp_to_cached_pages(client, published):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Cache"] == "HIT"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_it_never_caches_previews_or_the_admin(client, draft, editor):
    link = preview_url(draft)
    client.get(link)
    assert "X-Cache" not in client.get(link)
    assert "no-store" in client.get(link)["Cache-Control"]


def test_it_serves_the_previous_copy_while_one_request_regenerates_it(client, published, draft):
    client.get("/")
    publish(draft)
    # Another worker holds the regeneration lock for the home page.
    lock = page_key(RequestFactory().get("/")) + ":lock"
    cache.add(lock, 1, 10)
    stale = client.get("/")
    assert stale["X-Cache"] == "STALE" and draft.headline not in stale.content.decode()
    cache.delete(lock)
    fresh = client.get("/")
    assert fresh["X-Cache"] == "MISS" and draft.headline in fresh.content.decode()


def test_it_answers_304_to_a_client_that_has_the_page(client, published):
    first = client.get("/")
    etag = first["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    feed = client.get("/feeds/latest/rss/")
    assert feed.has_header("Last-Modified")
    again = client.get("/feeds/latest/rss/", HTTP_IF_MODIFIED_SINCE=feed["Last-Modified"])
    assert again.status_code == 304


def test_it_compresses_pages_for_clients_that_accept_gzip(client, published):
    plain = client.get("/")
    compressed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"]


def test_it_tells_cdns_how_long_they_may_keep_a_page(client, published):
    response = client.get("/")
    assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert "stale-while-revalidate=" in response["Cache-Control"]


@pytest.fixture
def purge_receiver(settings):
    """A CDN purge endpoint on loopback that records what it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    yield received
    server.shutdown()
    server.server_close()


def test_it_tells_the_cdn_which_addresses_a_publication_touched(
    purge_receiver, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft)
    (body,) = purge_receiver
    story = Article.objects.get(pk=draft.pk)
    assert body["everything"] is False
    paths = {path.split("://", 1)[1].split("/", 1)[1] for path in body["paths"]}
    for expected in (
        story.get_absolute_url(),
        "/",
        "/world/",
        "/tags/energy/",
        "/regions/kyiv/",
        "/regions/ukraine/",
        "/sources/reuters/",
        "/authors/olena-kovalenko/",
        "/feeds/latest/rss/",
    ):
        assert expected.lstrip("/") in paths, expected


def test_it_asks_the_cdn_to_forget_everything_after_a_rename(
    purge_receiver, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rename_tag(published.tags.get(name="Energy"), "Power supply")
    assert {"paths": [], "everything": True} in purge_receiver


def test_it_keeps_saving_when_the_cdn_does_not_answer(
    settings, draft, django_capture_on_commit_callbacks, caplog
):
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"  # the discard port: nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft)
    assert Article.objects.get(pk=draft.pk).is_public
    assert "CDN purge failed" in caplog.text


@pytest.fixture
def fragments_only(settings):
    """Pages rendered per request, their repeated fragments kept (the page cache off)."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def test_it_renders_the_story_and_front_fragments_once_per_change(
    client, fragments_only, published, make_article, django_assert_max_num_queries
):
    make_article("Grid operator warns of winter cuts", tags=["Energy"])
    url = published.get_absolute_url()
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the story itself, to know the address is live
        again = client.get(url)
    assert again.content == first.content
    front = client.get("/")
    with django_assert_max_num_queries(0):
        assert client.get("/").content == front.content

    add_correction(published, "correction", "The plant is in Kyiv Oblast.")
    assert "The plant is in Kyiv Oblast." in client.get(url).content.decode()
    newest = make_article("Dam repairs finished early", tags=["Energy"])
    assert newest.headline in client.get("/").content.decode()
    assert newest.headline in client.get(url).content.decode()  # in More Stories at once


def test_it_previews_live_whatever_the_fragments_hold(
    client, fragments_only, published, editor_client
):
    client.get(published.get_absolute_url())
    Article.objects.filter(pk=published.pk).update(dateline="ODESA")
    page = editor_client.get(f"/admin/articles/article/{published.pk}/preview/")
    assert "ODESA" in page.content.decode()


def test_it_shows_a_story_scheduled_after_the_page_was_cached_at_its_second(
    client, make_article, published, time_machine, long_lived_edition
):
    when = (timezone.now() + timedelta(minutes=10)).replace(microsecond=0)
    time_machine.move_to(when - timedelta(seconds=1), tick=False)
    client.get("/")  # cached before anything was scheduled
    story = make_article("Budget speech at noon", slug="budget-speech", when=when)
    assert story.headline not in client.get("/").content.decode()
    time_machine.move_to(when, tick=False)
    assert story.headline in client.get("/").content.decode()
