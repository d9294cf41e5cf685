"""Curated fronts as readers get them: the home page and section fronts show the live
arrangement, and the page cache serves it fresh the moment an arrangement is published, and at
the very second a scheduled one goes live — no cron, no purge by hand."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.fronts import cancel_arrangement
from articles.models import Fill, SlotKind
from articles.workflow import unpublish


def headlines(response) -> list[str]:
    """The story headlines a page shows, top to bottom."""
    html = response.content.decode()
    return re.findall(r'class="(?:front-lead__headline|card__headline)"><a [^>]*>([^<]+)</a>', html)


def lead_of(response) -> str:
    found = re.search(
        r'class="front-lead__headline"><a [^>]*>([^<]+)</a>', response.content.decode()
    )
    return found.group(1) if found else ""


def test_it_shows_readers_the_home_front_the_editors_arranged(
    client, arrange_front, morning_desk, sports
):
    arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        {"kind": SlotKind.TOP, "fill": Fill.LATEST, "count": 2},
        {"fill": Fill.SECTION, "section": sports, "count": 2, "heading": "Sport"},
    )
    response = client.get("/")
    assert headlines(response) == [
        "Grain ships leave Odesa under escort",
        "Overnight strikes hit Kharkiv power plant",
        "Ceasefire talks resume in Geneva",
        "Shakhtar win the cup final",
        "Dynamo sign a new striker",
    ]
    html = response.content.decode()
    assert '<h2 id="front-top-2" class="block-heading">Top stories</h2>' in html
    assert '<a href="/sports/">Sport</a></h2>' in html
    assert "More Sport stories" in html
    # The automatic front's "Latest" block is gone: the editors' arrangement is the front.
    assert 'id="latest-heading"' not in html


def test_it_keeps_the_automatic_home_front_without_an_arrangement(client, morning_desk):
    response = client.get("/")
    assert 'id="latest-heading"' in response.content.decode()
    assert lead_of(response) == "Overnight strikes hit Kharkiv power plant"


def test_it_falls_back_to_the_automatic_front_when_nothing_arranged_can_show(
    client, arrange_front, morning_desk
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"], "fill": Fill.NONE})
    unpublish(morning_desk["talks"])
    response = client.get("/")
    assert lead_of(response) == "Overnight strikes hit Kharkiv power plant"
    assert "Ceasefire talks" not in response.content.decode()


def test_it_shows_a_section_front_above_the_first_page_only(
    client, arrange_front, morning_desk, make_article, sports
):
    arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["transfer"]},
        {"kind": SlotKind.TOP, "fill": Fill.SECTION, "section": sports, "count": 1},
        section=sports,
    )
    for n in range(20):
        make_article(
            f"League round-up {n}", section=sports, when=timezone.now() - timedelta(days=1)
        )
    first = client.get("/sports/")
    assert headlines(first)[:2] == ["Dynamo sign a new striker", "Shakhtar win the cup final"]
    assert "Latest from Sports" in first.content.decode()
    # The desk's full list follows, newest first, as before.
    assert "League round-up 19" in headlines(first)
    second = client.get("/sports/", {"page": 2})
    assert second.status_code == 200 and "League round-up 0" in headlines(second)
    assert "front-lead" not in second.content.decode()
    # Other desks and the home page keep their automatic fronts.
    assert "Latest from" not in client.get("/world/").content.decode()
    assert 'id="latest-heading"' in client.get("/").content.decode()


def test_it_never_shows_a_story_readers_cannot_see_on_a_front(
    client, arrange_front, morning_desk, make_article
):
    scheduled = make_article("SCHEDULED budget speech", when=timezone.now() + timedelta(hours=1))
    embargoed = make_article("EMBARGOED results", embargo_until=timezone.now() + timedelta(hours=1))
    arrange_front(
        {"kind": SlotKind.LEAD, "story": scheduled},
        {"kind": SlotKind.TOP, "story": embargoed},
        {"kind": SlotKind.TOP, "story": morning_desk["kyiv"], "fill": Fill.NONE},
        {"fill": Fill.LATEST, "count": 10, "allow_duplicates": True},
    )
    unpublish(morning_desk["kyiv"])
    html = client.get("/").content.decode()
    for hidden in ("SCHEDULED", "EMBARGOED", "SECRET DRAFT", "Kyiv opens heated points"):
        assert hidden not in html


# The page cache ------------------------------------------------------------------------------


@pytest.fixture
def long_lived_edition(monkeypatch):
    """Editions kept for an hour: only a change or a scheduled moment may renew them."""
    monkeypatch.setattr("articles.caching.state.EDITION_TTL", 3600)


def test_it_shows_a_published_arrangement_on_the_cached_home_page_at_once(
    client, page_cache, long_lived_edition, arrange_front, morning_desk
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]})
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert lead_of(response) == "Grain ships leave Odesa under escort"


def test_it_swaps_the_lead_on_the_cached_home_page_at_its_second(
    client, page_cache, long_lived_edition, arrange_front, morning_desk, time_machine
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    six = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    time_machine.move_to(six - timedelta(seconds=1), tick=False)
    # The page is cached first; the swap is scheduled afterwards.
    client.get("/")
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, at=six)
    response = client.get("/")
    assert lead_of(response) == "Ceasefire talks resume in Geneva"
    assert client.get("/")["X-Cache"] == "HIT"
    # A CDN may keep the page only until that second.
    assert "s-maxage=1," in client.get("/")["Cache-Control"]

    time_machine.move_to(six, tick=False)
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert lead_of(response) == "Grain ships leave Odesa under escort"


def test_it_keeps_the_cached_front_when_a_scheduled_swap_is_called_off(
    client, page_cache, long_lived_edition, arrange_front, morning_desk, time_machine, editor
):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    six = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    swap = arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, at=six)
    client.get("/")
    cancel_arrangement(swap, by=editor)
    time_machine.move_to(six + timedelta(seconds=1), tick=False)
    assert lead_of(client.get("/")) == "Ceasefire talks resume in Geneva"


def test_it_refreshes_a_cached_section_front_at_once(
    client, page_cache, long_lived_edition, arrange_front, morning_desk, sports
):
    client.get("/sports/")
    assert client.get("/sports/")["X-Cache"] == "HIT"
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["transfer"]}, section=sports)
    response = client.get("/sports/")
    assert response["X-Cache"] == "MISS"
    assert lead_of(response) == "Dynamo sign a new striker"


def test_it_tells_the_cdn_which_page_a_front_change_touched(
    settings, monkeypatch, arrange_front, morning_desk, sports, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("articles.caching.cdn._send", sent.append)
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"
    with django_capture_on_commit_callbacks(execute=True):
        arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["transfer"]}, section=sports)
        arrange_front(
            {"kind": SlotKind.LEAD, "story": morning_desk["talks"]},
            at=timezone.now() + timedelta(hours=1),
        )
    assert [body["paths"] for body in sent] == [
        [f"{settings.SITE_URL}/sports/"],
        [f"{settings.SITE_URL}/"],
    ]
