"""What each public page says about itself in its <head> (articles/public/page_head.py): description,
canonical, OpenGraph and X card, JSON-LD per page type; and what readers see on cards and
stories (exact times, linked bylines, reading time, share links)."""

import json

import pytest
from lxml import html

from articles.models import Author


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.TWITTER_SITE = "@exampletimes"
    settings.SITE_LOCALE = "en_GB"


def head_of(response):
    assert response.status_code in (200, 404), response.status_code
    document = html.fromstring(response.content)
    meta = {
        element.get("property") or element.get("name"): element.get("content")
        for element in document.xpath("//head/meta[@content]")
    }
    canonical = document.xpath("//head/link[@rel='canonical']/@href")
    data = [
        json.loads(script.text)
        for script in document.xpath("//script[@type='application/ld+json']")
    ]
    return meta, canonical, {item["@type"]: item for item in data}, document


def test_it_tells_search_engines_about_the_site_on_the_home_page(client, published):
    meta, canonical, data, _ = head_of(client.get("/"))

    assert canonical == ["https://news.example.org/"]
    search = data["WebSite"]["potentialAction"]
    assert search["target"]["urlTemplate"] == (
        "https://news.example.org/search/?q={search_term_string}"
    )
    assert data["Organization"]["logo"]["url"] == "https://news.example.org/static/img/logo.png"
    assert meta["og:locale"] == "en_GB"
    assert meta["twitter:site"] == "@exampletimes"
    assert meta["robots"] == "max-image-preview:large"


def test_it_gives_a_story_without_a_picture_the_default_share_image(client, published):
    meta, canonical, data, _ = head_of(client.get(published.get_absolute_url()))

    assert meta["og:image"] == "https://news.example.org/static/img/share.png"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:type"] == "article"
    assert meta["description"] == published.standfirst
    assert canonical == [f"https://news.example.org{published.get_absolute_url()}"]
    logo = data["NewsArticle"]["publisher"]["logo"]["url"]
    assert logo == "https://news.example.org/static/img/logo.png"
    assert data["NewsArticle"]["image"] == ["https://news.example.org/static/img/share.png"]


def test_it_credits_a_byline_override_as_printed_with_the_publication_as_author(
    client, make_article
):
    story = make_article(byline_override="Staff Correspondent")

    _, _, data, _ = head_of(client.get(story.get_absolute_url()))

    assert data["NewsArticle"]["creditText"] == "Staff Correspondent"
    [author] = data["NewsArticle"]["author"]
    assert author["@id"] == data["NewsArticle"]["publisher"]["@id"]
    assert (author["@type"], author["name"]) == ("Organization", "The Newsroom")


def test_it_credits_named_authors_as_people_without_a_credit_line(client, published):
    _, _, data, _ = head_of(client.get(published.get_absolute_url()))

    assert [author["@type"] for author in data["NewsArticle"]["author"]] == ["Person"]
    assert "creditText" not in data["NewsArticle"]


def test_it_takes_the_share_image_from_settings(client, settings, published):
    settings.SHARE_IMAGE_URL = "https://cdn.example.org/cards/default.jpg"

    meta, *_ = head_of(client.get("/world/"))

    assert meta["og:image"] == "https://cdn.example.org/cards/default.jpg"


@pytest.mark.parametrize(
    ("path", "crumbs"),
    [
        ("/world/", ["The Newsroom", "World"]),
        ("/regions/donbas/", ["The Newsroom", "Regions", "Ukraine", "Donbas"]),
        ("/sources/reuters/", ["The Newsroom", "Sources", "Reuters"]),
        ("/tags/energy/", ["The Newsroom", "Topics", "Energy"]),
    ],
)
def test_it_describes_listings_as_collection_pages(
    client, make_article, regions, reuters, path, crumbs
):
    make_article(regions=[regions["kramatorsk"]], sources=[reuters], tags=["Energy"])

    meta, canonical, data, _ = head_of(client.get(path))

    assert data["CollectionPage"]["url"] == f"https://news.example.org{path}"
    names = [crumb["name"] for crumb in data["BreadcrumbList"]["itemListElement"]]
    assert names == crumbs
    assert canonical == [f"https://news.example.org{path}"]
    assert meta["description"] and meta["og:title"]


def test_it_keeps_paginated_pages_self_canonical(client, make_article):
    for n in range(21):
        make_article(f"Bulletin {n}")

    _, canonical, *_ = head_of(client.get("/world/?page=2"))

    assert canonical == ["https://news.example.org/world/?page=2"]


def test_it_describes_an_author_page_as_a_profile(client, published):
    meta, _, data, _ = head_of(client.get("/authors/olena-kovalenko/"))

    person = data["ProfilePage"]["mainEntity"]
    assert person == {
        "@type": "Person",
        "name": "Olena Kovalenko",
        "url": "https://news.example.org/authors/olena-kovalenko/",
        "jobTitle": "Kyiv correspondent",
        "description": "Covers the war from Kyiv.",
    }
    assert meta["og:type"] == "profile"
    assert meta["description"] == "Covers the war from Kyiv."


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/regions/", "https://news.example.org/regions/"),
        ("/sources/", "https://news.example.org/sources/"),
        ("/tags/", "https://news.example.org/tags/"),
        ("/corrections/", "https://news.example.org/corrections/"),
        ("/search/?q=kyiv", "https://news.example.org/search/?q=kyiv"),
    ],
)
def test_it_describes_the_sites_own_pages(client, published, path, canonical):
    meta, found, data, _ = head_of(client.get(path))

    assert found == [canonical]
    assert meta["description"]
    assert meta["og:image"] == "https://news.example.org/static/img/share.png"
    if "/search/" in path:
        assert data == {}  # results are not a page of the site's own (noindex)
    else:
        assert data["CollectionPage"]["url"] == canonical
        crumbs = data["BreadcrumbList"]["itemListElement"]
        assert [crumb["position"] for crumb in crumbs] == [1, 2]
        assert crumbs[0]["name"] == "The Newsroom" and crumbs[1]["item"] == canonical


def test_it_keeps_the_404_page_out_of_the_index_with_named_search_forms(client, db):
    response = client.get("/no-such-page/")
    meta, canonical, data, document = head_of(response)

    assert response.status_code == 404
    assert meta["robots"] == "noindex"
    assert canonical == [] and data == {}
    searches = document.xpath("//form[@role='search']")
    assert len(searches) == 2
    assert all(form.get("aria-label") for form in searches)


def test_it_prints_exact_times_and_linked_bylines_on_cards(client, make_article, reporter_author):
    second = Author.objects.create(name="Taras Bondar", slug="taras-bondar")
    story = make_article("Talks resume", authors=[reporter_author, second])

    document = html.fromstring(client.get("/world/").content)

    (card,) = document.xpath("//article[contains(@class, 'card')]")
    byline = card.xpath(".//*[@class='byline']//a")
    assert [(a.text, a.get("href")) for a in byline] == [
        ("Olena Kovalenko", "/authors/olena-kovalenko/"),
        ("Taras Bondar", "/authors/taras-bondar/"),
    ]
    (time,) = card.xpath(".//time")
    # Never broken between time and zone, nor inside the date.
    assert time.text.endswith("\u00a0UTC") and str(story.published_at.year) in time.text
    assert time.text.count(" ") == 1 and time.text.split(" ")[0].endswith(",")
    assert time.get("data-relative") is not None  # "· 1 hour ago" is added in the browser


def test_it_shows_reading_time_and_plain_share_links(client, make_article):
    story = make_article("Long read", body="<p>" + "word " * 700 + "</p>")

    document = html.fromstring(client.get(story.get_absolute_url()).content)

    assert document.xpath("string(//*[@class='story__reading-time'])") == "4 min read"
    share = document.xpath("//nav[@aria-label='Share this story']//a/@href")
    assert len(share) == 6
    assert any(
        "https%3A%2F%2Fnews.example.org%2Fworld%2F" in href and href.startswith("mailto:")
        for href in share
    )
    scripts = document.xpath("//script/@src")
    assert all(src.startswith("/static/") for src in scripts)
