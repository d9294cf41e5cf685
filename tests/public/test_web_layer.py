"""The web layer's shared pieces: absolute addresses, structured data, and where code lives."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import Section
from articles.models.articles import STORIES_PER_SITEMAP_FILE
from articles.workflow import add_correction


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def on_a_cdn(settings):
    """Pictures served from a CDN by a scheme-relative MEDIA_URL, as many deployments do."""
    settings.SITE_URL = "https://news.example.org"
    settings.MEDIA_URL = "//cdn.example.org/media/"


@pytest.fixture
def picture_story(make_article, substation_photo):
    return make_article("Grid repairs continue", lead_image=substation_photo)


def test_it_gives_share_cards_and_json_ld_complete_picture_addresses_from_a_cdn(
    client, on_a_cdn, picture_story
):
    html = client.get(picture_story.get_absolute_url()).content.decode()

    key = picture_story.lead_image.key.hex
    share = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert share.startswith(f"https://cdn.example.org/media/renditions/{key}/")
    assert share.endswith("/share-1200.jpg")
    assert f'<meta name="twitter:image" content="{share}">' in html
    news = _json_ld(html)[0]
    assert [url.rsplit("/", 1)[1] for url in news["image"]] == [
        "square-900.jpg",
        "standard-1024.jpg",
        "wide-1024.jpg",
    ]
    assert all(url.startswith("https://cdn.example.org/media/renditions/") for url in news["image"])


def test_it_gives_feeds_the_same_picture_address_as_the_page(client, on_a_cdn, picture_story):
    rss = client.get("/feeds/latest/rss/").content.decode()

    html = client.get(picture_story.get_absolute_url()).content.decode()
    enclosure = ElementTree.fromstring(rss).find("channel/item/enclosure").get("url")
    assert enclosure.startswith("https://cdn.example.org/media/renditions/")
    assert enclosure.replace("https:", "") in html


def test_it_puts_every_sitemap_address_on_the_sites_public_address(client, settings, world):
    settings.SITE_URL = "https://news.example.org"

    sections = client.get("/sitemap-sections.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()

    assert "<loc>https://news.example.org/world/</loc>" in sections
    assert "Sitemap: https://news.example.org/sitemap.xml" in robots
    assert "Sitemap: https://news.example.org/sitemap-news.xml" in robots


def test_it_gives_a_story_without_a_picture_the_default_share_image(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()

    # settings.SHARE_IMAGE_URL: the publication's card, never an empty or missing picture.
    assert '<meta property="og:image" content="http://127.0.0.1:8000/static/img/share.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_it_names_the_section_in_the_breadcrumbs_with_its_full_address(
    client, settings, make_article
):
    settings.SITE_URL = "https://news.example.org"
    sports = Section.objects.create(name="Sports", slug="sports")
    story = make_article(section=sports)

    crumbs = _json_ld(client.get(story.get_absolute_url()).content.decode())[1]

    assert crumbs["itemListElement"][1]["item"] == "https://news.example.org/sports/"


# Machine-readable times ---------------------------------------------------------------------

# HTML allows at most three digits of a second; stored times carry six.
SUB_SECONDS = re.compile(r"T\d\d:\d\d:\d\d\.\d")
WHOLE_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


@pytest.fixture
def story_with_fractional_times(make_article):
    when = timezone.now().replace(microsecond=123456) - timedelta(hours=1)
    story = make_article("Grid repairs continue", when=when)
    story.updated_at = when + timedelta(minutes=30, microseconds=654321)
    story.save()
    add_correction(story, "correction", "An earlier version gave the wrong district.")
    assert story.published_at.microsecond
    return story


@pytest.mark.parametrize(
    "address",
    [
        "ARTICLE",
        "/",
        "/world/",
        "/corrections/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-news.xml",
    ],
)
def test_it_writes_machine_readable_times_in_whole_seconds(
    client, story_with_fractional_times, address
):
    story = story_with_fractional_times
    url = story.get_absolute_url() if address == "ARTICLE" else address
    if address == "/sitemap-articles.xml":
        # Files are id ranges; on PostgreSQL a long suite's ids may be past the first file.
        url += f"?p={(story.pk - 1) // STORIES_PER_SITEMAP_FILE + 1}"

    content = client.get(url).content.decode()

    assert WHOLE_SECONDS.search(content)
    assert not SUB_SECONDS.search(content)


def test_it_dates_the_article_page_the_same_way_everywhere_on_it(
    client, story_with_fractional_times
):
    story = story_with_fractional_times
    published = story.published_at.replace(microsecond=0).isoformat()

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'Published <time datetime="{published}"' in html
    assert f'<meta property="article:published_time" content="{published}">' in html
    assert _json_ld(html)[0]["datePublished"] == published


# One URL namespace --------------------------------------------------------------------------

# name → (kwargs, the public path, which must never change).
SEARCH_FEEDS_AND_CRAWLERS = {
    "articles:search": ({}, "/search/"),
    "articles:feed_latest_rss": ({}, "/feeds/latest/rss/"),
    "articles:feed_latest_atom": ({}, "/feeds/latest/atom/"),
    "articles:feed_section": ({"slug": "world"}, "/feeds/section/world/rss/"),
    "articles:feed_tag": ({"slug": "energy"}, "/feeds/tags/energy/rss/"),
    "articles:feed_region": ({"slug": "kyiv"}, "/feeds/regions/kyiv/rss/"),
    "articles:robots": ({}, "/robots.txt"),
    "articles:sitemap": ({}, "/sitemap.xml"),
    "articles:sitemap_news": ({}, "/sitemap-news.xml"),
    "articles:sitemap_section": ({"section": "articles"}, "/sitemap-articles.xml"),
}


@pytest.mark.parametrize("name", SEARCH_FEEDS_AND_CRAWLERS)
def test_it_names_search_feeds_and_crawler_files_in_the_articles_namespace_at_their_old_paths(
    client, published, name
):
    kwargs, public_path = SEARCH_FEEDS_AND_CRAWLERS[name]

    assert reverse(name, kwargs=kwargs) == public_path
    assert resolve(public_path).view_name == name
    assert client.get(public_path).status_code == 200


def test_it_links_search_and_the_latest_feed_from_every_page(client, published):
    html = client.get("/").content.decode()

    assert 'action="/search/"' in html
    assert re.search(
        r'<link rel="alternate" type="application/rss\+xml"[^>]* href="/feeds/latest/rss/">', html
    )
    assert '<a href="/feeds/latest/rss/">RSS feed</a>' in html


# Feeds -------------------------------------------------------------------------------------


def test_it_writes_rss_titles_as_readers_should_show_them(client, make_article):
    make_article('Pundits pick the season\'s best & worst "upsets"')

    rss = client.get("/feeds/latest/rss/").content.decode()
    (item,) = ElementTree.fromstring(rss).iter("item")

    assert item.findtext("title") == 'Pundits pick the season\'s best & worst "upsets"'
    assert '<title>Pundits pick the season\'s best &amp; worst "upsets"</title>' in rss
