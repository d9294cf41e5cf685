"""Every public listing reads the archive through indexes.

On a generated archive large enough for PostgreSQL's planner to prefer indexes (40,000
stories from `bench/generate.py`, ANALYZEd, its rows frozen as if VACUUM had passed), each
query of each public listing — home, stories (their More Stories), sections (first and a
deep page), regions, tags (with the A–Z index), sources, authors, search, feeds, sitemaps,
the index pages, corrections, and the home page and a desk with curated fronts — is
EXPLAINed, and none may read the article table or a tagging or link table by a sequential
scan: at a million stories such a scan is what turns a page from milliseconds into seconds.

The index pages' story counts are the one exception, checked apart: they count every link of
a vocabulary (once each time what readers see changes; then they are cached), and reading a
whole table is what counting all of it takes, by any plan. Even they never scan the article
table: the hidden stories they subtract come from indexes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Region, RegionKind, Section, Tag

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="query plans are PostgreSQL's; SQLite has no planner statistics to check",
    ),
]

STORIES = 40_000
# Tables a sequential scan of which grows with the archive.
NEVER_SCANNED = {
    "articles_article",
    "articles_taggedarticle",
    "articles_article_sources",
    "articles_article_regions",
    "articles_articleauthor",
    "articles_regionlisting",
    "articles_relatedstory",
}


@pytest.fixture
def archive(generate_archive):
    generate_archive(STORIES)


def listings() -> list[str]:
    """The public listings' addresses on the generated archive (its slugs are known)."""
    desk = Section.objects.get(slug="desk-1")
    desk_pages = Article.objects.published().filter(section=desk).count() // 20
    biggest = Tag.objects.get(slug="topic-0")
    tag_pages = Article.objects.published().tagged(biggest).count() // 20
    region = {
        kind: Region.objects.filter(kind=kind).order_by("pk").values_list("slug", flat=True)[2]
        for kind in (RegionKind.PROVINCE, RegionKind.CITY)
    }
    grouping = Region.objects.filter(kind=RegionKind.GROUPING).values_list("slug", flat=True)[0]
    # Story pages too, for their More Stories: the newest story and an old one.
    public = Article.objects.published().order_by("pk")
    stories = [public.last().get_absolute_url(), public[100].get_absolute_url()]
    return [
        "/",
        *stories,
        "/desk-1/",
        f"/desk-1/?page={min(400, desk_pages)}",
        "/regions/",
        "/regions/country-1/",
        f"/regions/{region[RegionKind.PROVINCE]}/",
        f"/regions/{region[RegionKind.CITY]}/",
        f"/regions/{grouping}/",
        "/tags/",
        "/tags/?letter=K",
        "/tags/topic-0/",
        f"/tags/topic-0/?page={min(200, tag_pages)}",
        "/tags/topic-1900/",
        "/sources/",
        "/sources/source-0/",
        "/sources/source-45/",
        "/authors/reporter-0/",
        "/authors/reporter-45/",
        "/search/?q=officials",
        "/search/?q=kovamisk",
        "/search/?q=lumotask",
        "/feeds/latest/rss/",
        "/feeds/latest/atom/",
        "/feeds/section/desk-1/rss/",
        "/feeds/tags/topic-0/rss/",
        "/feeds/regions/country-1/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=8",
        "/sitemap-sections.xml",
        "/sitemap-tags.xml",
        "/sitemap-regions.xml",
        "/sitemap-sources.xml",
        "/sitemap-authors.xml",
        "/sitemap-news.xml",
        "/corrections/",
    ]


def sequential_scans(plan: dict) -> set[str]:
    """The tables a JSON plan (node) reads by a sequential scan, anywhere in it."""
    scanned = {plan["Relation Name"]} if plan.get("Node Type") == "Seq Scan" else set()
    for child in plan.get("Plans", ()):
        scanned |= sequential_scans(child)
    return scanned


def scans(client, url: str, forbidden: set[str]) -> list[tuple[list[str], str]]:
    """(tables of `forbidden` scanned sequentially, SQL) for each query `url` runs that does."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    found = []
    for query in list(captured.captured_queries):
        if not query["sql"].lstrip("( ").upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0][0]["Plan"]
        scanned = sequential_scans(plan) & forbidden
        if scanned:
            found.append((sorted(scanned), query["sql"][:200]))
    return found


def test_it_reads_every_public_listing_through_indexes(client, archive, arrange_front):
    offenders = {}
    # First the index pages with their counts to make (then cached): the article table only.
    for url in ("/regions/", "/sources/", "/tags/", "/tags/?letter=K"):
        if found := scans(client, url, {"articles_article"}):
            offenders[f"{url} (counting)"] = found
    for url in listings():
        if found := scans(client, url, NEVER_SCANNED):
            offenders[url] = found
    # Then the home page and a desk with editors' fronts (on the same archive: generating
    # another costs half a minute).
    for url in arrange_curated_fronts(arrange_front):
        assert 'class="curated-front"' in client.get(url).content.decode(), url
        if found := scans(client, url, NEVER_SCANNED):
            offenders[f"{url} (curated)"] = found
    # And story pages read no more of the archive than they show (see below).
    offenders.update(more_stories_reading_the_archive(client))
    assert offenders == {}


def rows_read(plan: dict, table: str) -> int:
    """How many rows the nodes reading `table` returned, over all their loops (EXPLAIN
    ANALYZE)."""
    own = 0
    if plan.get("Relation Name") == table:
        own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 1)
    return own + sum(rows_read(child, table) for child in plan.get("Plans", ()))


def more_stories_reading_the_archive(client) -> dict:
    """{story address: [(article rows read, SQL)]} for story pages whose queries read more
    than a twentieth of the archive's stories. Index scans alone do not make a page fast:
    sorting every public story by pin position before taking six read them all through an
    index (a quarter of a second at 20,000 stories)."""
    public = Article.objects.published().order_by("pk")
    offenders = {}
    for story in (public.last(), public[100], public[STORIES // 2]):
        url = story.get_absolute_url()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        for query in captured.captured_queries:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
                plan = cursor.fetchone()[0][0]["Plan"]
            if (read := rows_read(plan, "articles_article")) >= STORIES // 20:
                offenders.setdefault(url, []).append((read, query["sql"][:200]))
    return offenders


def arrange_curated_fronts(arrange_front) -> list[str]:
    """Fronts for the home page and a desk: pins, the latest stories, and blocks filled from
    a desk, the biggest tag and a country (the widest region). Returns their addresses."""
    desk = Section.objects.get(slug="desk-1")
    pinned = Article.objects.published().latest_first()[5]
    slots = [
        {"kind": "lead", "story": pinned, "fill": "latest"},
        {"kind": "top", "fill": "latest", "count": 4},
        {"fill": "section", "section": desk, "count": 4},
        {"fill": "tag", "tag": Tag.objects.get(slug="topic-0"), "count": 4},
        {"fill": "region", "region": Region.objects.get(slug="country-1"), "count": 4},
        {"fill": "latest", "count": 6, "allow_duplicates": True},
    ]
    arrange_front(*slots)
    arrange_front(*slots, section=desk)
    return ["/", "/desk-1/"]
