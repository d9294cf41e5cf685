"""The breaking-news banner: on every public page at once, gone at its expiry without anyone
acting (cached pages included), lowered early at once, every raise and lowering recorded, and
only editors may do either."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.fronts.banners import banner_state, lower_banner, raise_banner, showing_banner
from articles.models import Banner
from articles.workflow import publish

PUBLIC_PAGES = [
    "/",
    "/world/",
    "/regions/",
    "/regions/kyiv/",
    "/sources/",
    "/sources/reuters/",
    "/tags/",
    "/tags/energy/",
    "/authors/olena-kovalenko/",
    "/search/?q=Kyiv",
    "/corrections/",
    "ARTICLE",
]


def banner_html(response) -> str:
    found = re.search(r'<div class="breaking-banner.*?</div>', response.content.decode(), re.S)
    return found.group(0) if found else ""


@pytest.fixture
def long_lived_edition(monkeypatch):
    """Editions kept for an hour: only a change or a timed moment may renew them."""
    monkeypatch.setattr("articles.caching.state.EDITION_TTL", 3600)


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cached"])
def test_it_shows_the_banner_on_every_public_page_at_once(
    client, settings, published, raise_banner_now, editor, cached
):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = cached
    pages = [published.get_absolute_url() if page == "ARTICLE" else page for page in PUBLIC_PAGES]
    for page in pages:
        client.get(page)  # cached without a banner, where the cache is on
    raise_banner_now("Explosions heard in central Kyiv", by=editor)
    for page in pages:
        html = banner_html(client.get(page))
        assert "Explosions heard in central Kyiv" in html, page
        assert 'role="region" aria-label="News alert"' in html, page
        assert '<strong class="breaking-banner__level">Breaking</strong>' in html, page
    # Pages that are not a page of the site stay as they are.
    assert "breaking-banner" not in client.get("/feeds/latest/rss/").content.decode()
    # Not found pages carry it too: a reader who lands anywhere sees the news.
    assert "Explosions heard" in client.get("/no-such-desk/").content.decode()


def test_it_links_the_story_only_while_readers_can_see_it(
    client, make_article, raise_banner_now, editor
):
    later = make_article("Minister resigns", slug="minister-resigns", public=False)
    publish(later, at=timezone.now() + timedelta(hours=1))
    raise_banner_now("Minister resigns", link=later, by=editor, level="developing")
    html = banner_html(client.get("/"))
    assert '<span class="breaking-banner__text">Minister resigns</span>' in html
    assert "breaking-banner--developing" in html and ">Developing</strong>" in html
    publish(later)
    html = banner_html(client.get("/"))
    assert f'href="{later.get_absolute_url()}">Minister resigns</a>' in html


def test_it_takes_the_banner_off_cached_pages_at_its_expiry(
    client, page_cache, long_lived_edition, published, raise_banner_now, editor, time_machine
):
    banner = raise_banner_now("Air raid alert in Kyiv", minutes=30, by=editor)
    url = published.get_absolute_url()
    client.get("/")
    client.get(url)
    time_machine.move_to(banner.expires_at - timedelta(seconds=1), tick=False)
    response = client.get("/")
    assert "Air raid alert" in banner_html(response)
    assert client.get("/")["X-Cache"] == "HIT"
    # Neither a CDN nor the page cache keeps the page past that second.
    assert "s-maxage=1," in client.get("/")["Cache-Control"]
    time_machine.move_to(banner.expires_at, tick=False)
    for page in ("/", url):
        response = client.get(page)
        assert response["X-Cache"] == "MISS", page
        assert banner_html(response) == "", page
    assert showing_banner() is None
    assert banner_state(Banner.objects.get()) == "expired"


def test_it_lowers_the_banner_from_every_cached_page_at_once(
    client, page_cache, long_lived_edition, published, raise_banner_now, editor
):
    banner = raise_banner_now("Air raid alert in Kyiv", by=editor)
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    assert lower_banner(banner, by=editor) is True
    assert banner_html(client.get("/")) == ""
    stored = Banner.objects.get()
    assert stored.lowered_by == editor and stored.lowered_at is not None
    assert banner_state(stored) == "lowered"
    # Lowering it again does nothing, and records nothing.
    assert lower_banner(banner, by=editor) is False
    assert Banner.objects.get().lowered_at == stored.lowered_at


def test_it_replaces_the_banner_up_and_records_who_did_what(
    client, db, raise_banner_now, editor, make_staff
):
    from articles.staff.roles import EDITOR

    night_editor = make_staff(EDITOR, "night-editor")
    first = raise_banner_now("Explosions heard in central Kyiv", by=editor)
    second = raise_banner_now("Air defences active over Kyiv", by=night_editor)
    assert "Air defences active" in banner_html(client.get("/"))
    assert "Explosions heard" not in client.get("/").content.decode()
    first.refresh_from_db()
    assert first.replaced_by == second and first.lowered_by == night_editor
    assert banner_state(first) == "replaced"
    assert (second.raised_by, second.text) == (night_editor, "Air defences active over Kyiv")
    assert second.raised_at is not None and second.lowered_at is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   ", "minutes": 30}, "Say what is happening"),
        ({"text": "Too late", "minutes": -1}, "still to come"),
        ({"text": "Too long", "minutes": 49 * 60}, "at most 48 hours"),
    ],
    ids=["no words", "expired already", "longer than 48 hours"],
)
def test_it_refuses_a_banner_nobody_should_raise(raise_banner_now, editor, fields, message):
    text = fields.pop("text")
    with pytest.raises(ValidationError, match=message):
        raise_banner_now(text, by=editor, **fields)
    assert not Banner.objects.exists()


def test_it_never_links_a_draft(raise_banner_now, draft, editor):
    with pytest.raises(ValidationError, match="Link a published story"):
        raise_banner_now("Minister resigns", link=draft, by=editor)
    assert not Banner.objects.exists()


def test_it_lets_only_editors_raise_or_lower_the_banner(
    raise_banner_now, editor, reporter, tag_manager, superuser
):
    for refused in (reporter, tag_manager):
        with pytest.raises(PermissionDenied):
            raise_banner_now("Forged alert", by=refused)
    assert not Banner.objects.exists()
    banner = raise_banner_now("Air raid alert in Kyiv", by=editor)
    for refused in (reporter, tag_manager):
        with pytest.raises(PermissionDenied):
            lower_banner(banner, by=refused)
    assert Banner.objects.get().lowered_at is None
    assert lower_banner(banner, by=superuser) is True


def test_it_cleans_up_the_banners_words(db):
    banner = raise_banner(
        Banner(
            text="  Explosions\n heard   in Kyiv ",
            expires_at=timezone.now() + timedelta(minutes=5),
        )
    )
    assert banner.text == "Explosions heard in Kyiv"
    assert banner.raised_by is None  # a script acting for the newsroom
