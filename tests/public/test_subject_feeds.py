"""Feeds for every listing (section, region, source, tag, author) in RSS and Atom, each
announced on its page; one Atom <author> per credited person; GUIDs that survive a move."""

import xml.etree.ElementTree as ET

import pytest

from articles.models import Author

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.FEED_ID_AUTHORITY = "news.example.org"


@pytest.fixture
def co_author(db):
    return Author.objects.create(name="Taras Bondar", slug="taras-bondar")


def entries(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def items(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content).find("channel").findall("item")


def test_it_names_each_credited_person_in_an_atom_author(
    client, make_article, reporter_author, co_author
):
    make_article("Talks resume in Istanbul", authors=[reporter_author, co_author])

    (entry,) = entries(client.get("/feeds/latest/atom/"))

    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert authors == [
        ("Olena Kovalenko", "https://news.example.org/authors/olena-kovalenko/"),
        ("Taras Bondar", "https://news.example.org/authors/taras-bondar/"),
    ]


def test_it_keeps_guids_when_the_site_moves_to_another_host(client, settings, published):
    (before,) = items(client.get("/feeds/latest/rss/"))
    settings.SITE_URL = "https://www.example-times.com"

    (after,) = items(client.get("/feeds/latest/rss/"))
    (entry,) = entries(client.get("/feeds/latest/atom/"))

    assert after.findtext("link").startswith("https://www.example-times.com/")
    assert after.findtext("guid") == before.findtext("guid")
    assert before.findtext("guid").startswith("tag:news.example.org,")
    assert entry.findtext(f"{ATOM}id") == before.findtext("guid")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_it_feeds_an_author_and_a_source(client, kind, make_article, published, reuters):
    make_article("Unsigned and uncited")
    read = items if kind == "rss" else entries
    title = "title" if kind == "rss" else f"{ATOM}title"

    by_author = read(client.get(f"/feeds/authors/olena-kovalenko/{kind}/"))
    citing = read(client.get(f"/feeds/sources/reuters/{kind}/"))

    assert [item.findtext(title) for item in by_author] == [published.headline]
    assert [item.findtext(title) for item in citing] == [published.headline]


def test_it_hides_feeds_of_authors_and_sources_only_drafts_name(client, draft):
    assert client.get("/feeds/authors/olena-kovalenko/rss/").status_code == 404
    assert client.get("/feeds/sources/reuters/atom/").status_code == 404


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/world/", "/feeds/section/world/"),
        ("/regions/ukraine/", "/feeds/regions/ukraine/"),
        ("/sources/reuters/", "/feeds/sources/reuters/"),
        ("/tags/energy/", "/feeds/tags/energy/"),
        ("/authors/olena-kovalenko/", "/feeds/authors/olena-kovalenko/"),
    ],
)
def test_it_announces_each_pages_feeds(client, published, page, feed):
    html = client.get(page).content.decode()

    for kind, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        assert f'type="{mime}"' in html
        assert f'href="{feed}{kind}/"' in html
        assert client.get(f"{feed}{kind}/").status_code == 200
    assert 'href="/feeds/latest/atom/"' in html


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/feeds/section/world/atom/", 5),
        ("/feeds/tags/energy/atom/", 6),
        ("/feeds/regions/donbas/atom/", 6),
        ("/feeds/sources/reuters/rss/", 6),
        ("/feeds/sources/reuters/atom/", 6),
        ("/feeds/authors/olena-kovalenko/rss/", 6),
        ("/feeds/authors/olena-kovalenko/atom/", 6),
    ],
)
def test_it_builds_every_feed_in_fixed_queries(
    client,
    build_stories,
    reporter_author,
    django_assert_max_num_queries,
    count,
    url,
    budget,
):
    build_stories(reporter_author, count)

    with django_assert_max_num_queries(budget):
        found = items(client.get(url)) if "rss" in url else entries(client.get(url))

    assert len(found) == count
