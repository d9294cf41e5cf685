"""Sitemaps and robots.txt: what crawlers are told exists, and only what is public."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.public.sitemaps import ArticleSitemap, RegionSitemap

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "The Example Times"


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def files_of(client, kind):
    """Every file of one kind the index lists: slug sitemaps are cut by id range (5,000 ids a
    file), so on PostgreSQL, whose id sequences a rolled-back test does not rewind, a long
    suite's regions may sit in `?p=2`."""
    prefix = f"{SITE}/sitemap-{kind}.xml"
    return [loc for loc in locations(client.get("/sitemap.xml")) if loc.split("?")[0] == prefix]


def listed_in(client, kind):
    return [
        loc
        for file in files_of(client, kind)
        for loc in locations(client.get(file.removeprefix(SITE)))
    ]


def test_it_indexes_one_sitemap_per_kind_of_page(client, published):
    listed = locations(client.get("/sitemap.xml"))

    kinds = ("articles", "sections", "tags", "regions", "sources", "authors")
    assert [loc.split("?")[0] for loc in listed] == [
        f"{SITE}/sitemap-{kind}.xml" for kind in kinds for _ in files_of(client, kind)
    ]
    assert all(files_of(client, kind) for kind in kinds)
    for location in listed:
        assert client.get(location.removeprefix(SITE)).status_code == 200


def test_it_lists_published_stories_only(client, published, draft, scheduled, withdrawn):
    [file] = files_of(client, "articles")
    response = client.get(file.removeprefix(SITE))

    assert locations(response) == [f"{SITE}{published.get_absolute_url()}"]
    for hidden in (draft, scheduled, withdrawn):
        assert hidden.slug.encode() not in response.content


def test_it_dates_a_story_by_its_latest_change(client, make_article):
    story = make_article("Ceasefire talks resume", when=timezone.now() - timedelta(days=10))
    story.updated_at = timezone.now() - timedelta(days=3)
    story.save()

    [file] = files_of(client, "articles")
    root = ET.fromstring(client.get(file.removeprefix(SITE)).content)

    expected = story.updated_at.replace(microsecond=0).isoformat()
    assert root.find(f"{SITEMAP}url").findtext(f"{SITEMAP}lastmod") == expected


def test_it_lists_tags_with_published_stories_only(client, published, draft, scheduled, withdrawn):
    listed = listed_in(client, "tags")

    assert sorted(listed) == [f"{SITE}/tags/energy/", f"{SITE}/tags/ukraine/"]


def test_it_lists_sections_regions_sources_and_authors(
    client, published, sports, regions, reuters, reporter_author
):
    assert listed_in(client, "sections") == [
        f"{SITE}{published.section.get_absolute_url()}",
        f"{SITE}{sports.get_absolute_url()}",
    ]
    assert f"{SITE}{regions['kyiv'].get_absolute_url()}" in listed_in(client, "regions")
    assert listed_in(client, "sources") == [f"{SITE}{reuters.get_absolute_url()}"]
    assert listed_in(client, "authors") == [f"{SITE}{reporter_author.get_absolute_url()}"]


def test_it_leaves_out_regions_no_public_story_is_filed_under_and_keeps_them_unindexed(
    client, make_article, regions, draft
):
    make_article(regions=[regions["kramatorsk"]])

    listed = listed_in(client, "regions")

    # Kramatorsk and everything it lies in or is a member of; nothing quiet.
    slugs = sorted(url.removeprefix(f"{SITE}/regions/").strip("/") for url in listed)
    assert slugs == ["donbas", "donetsk-oblast", "kramatorsk", "ukraine"]
    quiet = client.get(regions["poland"].get_absolute_url())
    busy = client.get(regions["kramatorsk"].get_absolute_url())
    assert b'<meta name="robots" content="noindex">' in quiet.content
    assert b'content="max-image-preview:large"' in busy.content


def test_it_leaves_out_sources_and_authors_of_unpublished_stories_only(client, draft):
    assert locations(client.get("/sitemap-sources.xml")) == []
    assert listed_in(client, "authors") == []


def test_it_splits_large_sitemaps_into_pages(client, make_article, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    stories = [make_article(f"Bulletin {n}") for n in range(5)]

    files = [
        location.removeprefix(SITE)
        for location in locations(client.get("/sitemap.xml"))
        if "sitemap-articles.xml" in location
    ]

    assert len(files) >= 3
    listed = [locations(client.get(file)) for file in files]
    assert all(1 <= len(urls) <= 2 for urls in listed)
    assert sorted(sum(listed, [])) == sorted(f"{SITE}{s.get_absolute_url()}" for s in stories)
    last_page = max(stories, key=lambda story: story.pk).pk // 2 + 1
    assert client.get(f"/sitemap-articles.xml?p={last_page + 1}").status_code == 404
    assert client.get("/sitemap-articles.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_it_dates_each_sitemap_file_by_its_newest_change(client, make_article, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    old = make_article("Old story", when=timezone.now() - timedelta(days=30))
    new = make_article("New story", when=timezone.now() - timedelta(days=1))

    index = ET.fromstring(client.get("/sitemap.xml").content)

    lastmods = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in index.findall(f"{SITEMAP}sitemap")
    }
    for story in (old, new):
        file = f"{SITE}/sitemap-articles.xml" + ("" if story.pk == 1 else f"?p={story.pk}")
        assert lastmods[file].startswith(timezone.localdate(story.published_at).isoformat())


def test_it_lists_only_recent_stories_in_the_news_sitemap(
    client, make_article, published, draft, scheduled, withdrawn
):
    make_article("Last week's story", when=timezone.now() - timedelta(days=7))
    republished = make_article("Old story, republished", when=timezone.now() - timedelta(days=5))
    republished.published_at = timezone.now() - timedelta(minutes=5)
    republished.save()

    response = client.get("/sitemap-news.xml")

    assert locations(response) == [f"{SITE}{published.get_absolute_url()}"]


def test_it_describes_news_sitemap_entries_as_google_asks(client, make_article):
    story = make_article("Flooding closes Odesa port & rail line")

    response = client.get("/sitemap-news.xml")

    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    news = root.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Example Times"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Flooding closes Odesa port & rail line"
    published_on = news.findtext(f"{NEWS}publication_date")
    assert published_on == story.first_published_at.replace(microsecond=0).isoformat()
    assert published_on.endswith("+00:00")


def test_it_lists_news_newest_first_and_survives_control_characters(client, make_article):
    now = timezone.now()
    make_article("Older\x0b bulletin", when=now - timedelta(hours=5))
    make_article("Newer bulletin", when=now - timedelta(hours=1))

    root = ET.fromstring(client.get("/sitemap-news.xml").content)

    titles = [title.text for title in root.iter(f"{NEWS}title")]
    assert titles == ["Newer bulletin", "Older bulletin"]


def test_it_points_robots_at_both_sitemaps(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/sitemap.xml", 7),
        ("/sitemap-articles.xml", 2),
        ("/sitemap-tags.xml", 2),
        ("/sitemap-news.xml", 1),
    ],
)
def test_it_builds_sitemaps_in_fixed_queries(
    client,
    build_stories,
    reporter_author,
    django_assert_max_num_queries,
    count,
    url,
    budget,
):
    build_stories(reporter_author, count, corrections=False, energy=False)

    with django_assert_max_num_queries(budget):
        listed = locations(client.get(url))

    if url != "/sitemap.xml":
        assert len(listed) == count


def test_it_lists_no_empty_sitemap_file(client, regions, make_article, monkeypatch):
    """Files are id ranges; a range whose entries were all deleted is left out of the index,
    as an empty <urlset> is invalid sitemaps XML (and a crawler reports it)."""
    monkeypatch.setattr(RegionSitemap, "limit", 1)
    make_article(regions=list(regions.values()))
    gone = regions["kramatorsk"]
    gone_file = f"{SITE}/sitemap-regions.xml?p={gone.pk}"
    gone.delete()

    files = files_of(client, "regions")

    assert gone_file not in files and f"{SITE}/sitemap-regions.xml" not in files[1:]
    assert len(files) == len(regions) - 1
    for file in files:
        assert len(locations(client.get(file.removeprefix(SITE)))) == 1
