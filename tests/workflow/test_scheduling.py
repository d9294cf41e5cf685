"""Scheduling without cron: a story scheduled for 09:00 appears everywhere at 09:00 and not a
second before, because every public query computes visibility from `published_at` (and
`embargo_until`) at request time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article, Author, Section
from articles.models.articles import STORIES_PER_SITEMAP_FILE
from articles.workflow import publish

HEADLINE = "Parliament votes on the energy bill"
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def newsroom(make_article, regions, reuters, reporter_author, time_machine):
    """A story scheduled for 09:00 next to a live one sharing its region, tag and source."""
    time_machine.move_to(NINE - timedelta(hours=2), tick=False)
    make_article(
        "Grid repairs continue",
        slug="grid-repairs",
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy"],
    )
    story = make_article(
        HEADLINE,
        slug="energy-bill-vote",
        public=False,
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy", "Energy bill"],
    )
    publish(story, at=NINE)
    return Article.objects.get(pk=story.pk)


def public_pages(story):
    """Every kind of public page a story can appear on."""
    return {
        "home": "/",
        "section": Section.objects.get().get_absolute_url(),
        "region": "/regions/kyiv/",
        "source": "/sources/reuters/",
        "tag": "/tags/energy/",
        "author": Author.objects.get().get_absolute_url(),
        "search": "/search/?q=energy+bill",
        "rss": "/feeds/latest/rss/",
        "atom": "/feeds/latest/atom/",
        "tag feed": "/feeds/tags/energy/rss/",
        "region feed": "/feeds/regions/kyiv/rss/",
        # Files are id ranges; on PostgreSQL a long suite's ids may be past the first file.
        "sitemap": f"/sitemap-articles.xml?p={(story.pk - 1) // STORIES_PER_SITEMAP_FILE + 1}",
        "news sitemap": "/sitemap-news.xml",
        "related box": Article.objects.get(slug="grid-repairs").get_absolute_url(),
    }


def shows(client, url, story):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    return HEADLINE in text or story.slug in text


def test_it_keeps_a_scheduled_story_hidden_until_one_second_before(client, newsroom, time_machine):
    time_machine.move_to(NINE - timedelta(seconds=1), tick=False)
    for name, url in public_pages(newsroom).items():
        assert not shows(client, url, newsroom), f"visible too early on the {name} page"
    assert client.get(newsroom.get_absolute_url()).status_code == 404


def test_it_shows_a_scheduled_story_everywhere_one_second_after(client, newsroom, time_machine):
    # Pages were already served (and possibly cached) before the story went live.
    time_machine.move_to(NINE - timedelta(seconds=1), tick=False)
    for url in public_pages(newsroom).values():
        client.get(url)
    time_machine.move_to(NINE + timedelta(seconds=1), tick=False)
    for name, url in public_pages(newsroom).items():
        assert shows(client, url, newsroom), f"missing from the {name} page at 09:00:01"
    assert client.get(newsroom.get_absolute_url()).status_code == 200


def test_it_holds_an_embargoed_story_back_past_its_publish_time(client, newsroom, time_machine):
    Article.objects.filter(pk=newsroom.pk).update(embargo_until=NINE + timedelta(hours=1))
    time_machine.move_to(NINE + timedelta(minutes=59, seconds=59), tick=False)
    for name, url in public_pages(newsroom).items():
        assert not shows(client, url, newsroom), f"embargo broken on the {name} page"
    time_machine.move_to(NINE + timedelta(hours=1, seconds=1), tick=False)
    assert client.get(newsroom.get_absolute_url()).status_code == 200
    assert shows(client, "/", newsroom)
