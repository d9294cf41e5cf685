"""The web layer's shared pieces: absolute addresses, structured data, and where code lives."""

import json
import re

import pytest

from articles.models import Section


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def on_a_cdn(settings):
    """Pictures served from a CDN by a scheme-relative MEDIA_URL, as many deployments do."""
    settings.SITE_URL = "https://news.example.org"
    settings.MEDIA_URL = "//cdn.example.org/media/"


@pytest.fixture
def picture_story(make_article):
    return make_article(
        "Grid repairs continue",
        lead_image="lead/2026/01/grid.jpg",
        lead_image_alt="Engineers repair a substation",
    )


def test_it_gives_share_cards_and_json_ld_complete_picture_addresses_from_a_cdn(
    client, on_a_cdn, picture_story
):
    html = client.get(picture_story.get_absolute_url()).content.decode()

    share = "https://cdn.example.org/media/renditions/social/lead/2026/01/grid.jpg"
    assert f'<meta property="og:image" content="{share}">' in html
    assert f'<meta name="twitter:image" content="{share}">' in html
    news = _json_ld(html)[0]
    assert news["image"] == [
        "https://cdn.example.org/media/renditions/lead/lead/2026/01/grid.jpg",
        "https://cdn.example.org/media/renditions/square/lead/2026/01/grid.jpg",
    ]


def test_it_gives_feeds_the_same_picture_address_as_the_page(client, on_a_cdn, picture_story):
    rss = client.get("/feeds/latest/rss/").content.decode()

    assert 'url="https://cdn.example.org/media/renditions/card/lead/2026/01/grid.jpg"' in rss


def test_it_puts_every_sitemap_address_on_the_sites_public_address(client, settings, world):
    settings.SITE_URL = "https://news.example.org"

    sections = client.get("/sitemap-sections.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()

    assert "<loc>https://news.example.org/world/</loc>" in sections
    assert "Sitemap: https://news.example.org/sitemap.xml" in robots
    assert "Sitemap: https://news.example.org/sitemap-news.xml" in robots


def test_it_leaves_a_story_without_a_picture_without_a_share_image(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()

    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_it_names_the_section_in_the_breadcrumbs_with_its_full_address(
    client, settings, make_article
):
    settings.SITE_URL = "https://news.example.org"
    sports = Section.objects.create(name="Sports", slug="sports")
    story = make_article(section=sports)

    crumbs = _json_ld(client.get(story.get_absolute_url()).content.decode())[1]

    assert crumbs["itemListElement"][1]["item"] == "https://news.example.org/sports/"
