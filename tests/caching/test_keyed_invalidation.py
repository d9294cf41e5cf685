"""Forget only what changed: a change renews the cached pages that show what it touched, and
readers of every other page keep their cached copy (docs/operations/caching.md, "Keys")."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.caching import keys
from articles.workflow import add_correction, publish, save_edits, unpublish

pytestmark = pytest.mark.usefixtures("shared_cache")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (what follows a commit runs too)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def match_report(make_article, sports):
    return make_article("Shakhtar win the cup final", slug="cup-final", section=sports)


def cached_pages(client, *urls):
    for url in urls:
        client.get(url)
    return {url: client.get(url)["X-Cache"] for url in urls}


def states(client, *urls):
    return {url: client.get(url)["X-Cache"] for url in urls}


def test_it_renews_only_the_pages_that_show_an_edited_story(
    client, published, match_report, committed
):
    committed(save_edits, published)  # its filing as the last change recorded it
    story, other = published.get_absolute_url(), match_report.get_absolute_url()
    pages = (story, "/", "/world/", other, "/sports/", "/regions/", "/tags/")
    assert set(cached_pages(client, *pages).values()) == {"HIT"}

    published.standfirst = "Engineers reconnected the last district at dawn."
    committed(save_edits, published)

    assert states(client, *pages) == {
        story: "MISS",
        "/": "MISS",  # the home page lists it
        "/world/": "MISS",
        other: "HIT",
        "/sports/": "HIT",
        "/regions/": "HIT",  # the counts did not move: nothing was filed elsewhere
        "/tags/": "HIT",
    }
    assert "Engineers reconnected" in client.get(story).content.decode()
    assert "Engineers reconnected" in client.get("/world/").content.decode()


def test_it_renews_every_listing_a_story_joins_or_leaves(client, published, match_report, draft):
    pages = ("/", "/world/", "/regions/", "/tags/", match_report.get_absolute_url())
    cached_pages(client, *pages)
    publish(draft)
    found = {url: client.get(url) for url in pages}
    assert all(response["X-Cache"] == "MISS" for response in found.values())
    assert draft.headline in found["/"].content.decode()

    cached_pages(client, *pages)
    unpublish(draft)
    assert draft.headline not in client.get("/world/").content.decode()


def test_it_renews_listings_after_a_correction(client, published):
    cached_pages(client, "/corrections/")
    add_correction(published, "correction", "The plant is in Kyiv Oblast.")
    page = client.get("/corrections/")
    assert page["X-Cache"] == "MISS" and "The plant is in Kyiv Oblast." in page.content.decode()


def test_it_forgets_nothing_for_a_draft_save(client, published, draft):
    pages = ("/", published.get_absolute_url(), "/world/", "/tags/")
    cached_pages(client, *pages)
    draft.standfirst = "Not yet."
    save_edits(draft)
    assert set(states(client, *pages).values()) == {"HIT"}


def test_it_serves_a_miss_never_a_stale_page_when_a_key_record_is_lost(client, published):
    url = published.get_absolute_url()
    cached_pages(client, url)
    cache.delete(keys.VERSION + keys.story_key(published.pk))  # evicted under maxmemory
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"


def test_it_records_what_a_page_showed(client, published, match_report):
    from articles.caching.pages import page_key

    client.get("/sports/")
    stored = cache.get(page_key(client.get("/sports/").wsgi_request))
    assert keys.story_key(match_report.pk) in stored.stamp.keys
    assert keys.story_key(published.pk) not in stored.stamp.keys
    assert {keys.STORIES, keys.EVERYTHING, "t-articles_section"} <= stored.stamp.keys


def test_it_renews_listings_when_a_screen_files_the_story_after_saving_it(
    client, published, committed
):
    committed(save_edits, published)
    cached_pages(client, "/tags/", "/")

    def save_and_tag():  # as the story screen does: the step, then the form's tags
        save_edits(published)
        published.tags.add("Grid")

    committed(save_and_tag)
    page = client.get("/tags/")
    assert page["X-Cache"] == "MISS" and "Grid" in page.content.decode()


def test_it_renews_at_a_timed_moment_only_the_pages_that_moment_changes(
    client, published, make_article, raise_banner_now, editor, time_machine, committed
):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    committed(raise_banner_now, "Air raid alert in Kyiv", minutes=10, by=editor)
    story = committed(
        make_article,
        "Budget speech at noon",
        slug="budget-speech",
        when=start + timedelta(minutes=20),
    )
    pages = ("/", "/feeds/latest/rss/", "/whats-on/")
    cached_pages(client, *pages)

    time_machine.move_to(start + timedelta(minutes=10), tick=False)  # the banner comes down
    assert states(client, *pages) == {
        "/": "MISS",
        "/feeds/latest/rss/": "HIT",
        "/whats-on/": "MISS",
    }
    assert "Air raid alert" not in client.get("/").content.decode()

    time_machine.move_to(start + timedelta(minutes=20), tick=False)  # the story goes live
    assert states(client, *pages) == {
        "/": "MISS",
        "/feeds/latest/rss/": "MISS",
        "/whats-on/": "HIT",
    }
    assert story.headline in client.get("/feeds/latest/rss/").content.decode()
