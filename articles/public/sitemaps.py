"""Sitemaps for crawlers: stories, sections, tags, regions, sources and authors; the index
over them; and the Google News sitemap's stories.

Every kind of page is listed in files by id range: file n holds the entries with ids
(n-1)·limit+1 … n·limit. A deep file costs what the first one does (an index range, nothing
skipped), the number of files is one MAX(id) lookup, and an entry stays in the same file for
good, so crawlers refetch only the files whose lastmod moved. A file may hold fewer than
`limit` entries (drafts, unpublished names and deletions leave gaps), which sitemaps allow.

The index costs one query per kind plus one for the stories files' dates, whatever the size of
the archive: each file's newest change is read off two indexes built on the file number
(`Article.Meta.indexes`), one lookup per file, never by aggregating the archive. A file is
written by `urlset()` in plain Python: a template spent ~30 µs an entry, most of a
10,000-story file's time.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.db import connections
from django.db.models import F, Max, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.addresses.absolute import SlugPaths, absolute_url
from articles.models import STORIES_PER_SITEMAP_FILE, Article, Author, Region, Section, Source, Tag
from articles.public.feeds import xml_safe
from articles.public.timestamps import w3c_datetime

# Google News reads only stories from the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
# How many files' dates one statement looks up (a bound on the statement's length).
_FILES_PER_STATEMENT = 1000

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "sitemap-slug-placeholder"


class ArticlePaths:
    """Story paths for many rows at once, with the URL pattern owned by articles.public.urls.

    Reversing the article route costs ~13 µs; a 5,000-story file would spend most of its time
    there. Stories filed the same day in the same section share everything but the slug, so the
    path is reversed once per (section, day) with a placeholder slug and the real slug is put
    in its place. Slugs that would need percent-encoding take the ordinary reverse().
    """

    def __init__(self):
        self._frames = {}
        self.zone = timezone.get_current_timezone()

    def __call__(self, section_slug: str, published_at, slug: str) -> str:
        day = timezone.localtime(published_at, self.zone)
        if not _PLAIN_SLUG.fullmatch(slug):
            return self._reverse(section_slug, day, slug)
        key = (section_slug, day.date())
        frame = self._frames.get(key)
        if frame is None:
            head, _, tail = self._reverse(section_slug, day, _SLUG_PLACEHOLDER).rpartition(
                _SLUG_PLACEHOLDER
            )
            frame = self._frames[key] = (head, tail)
        return f"{frame[0]}{slug}{frame[1]}"

    @staticmethod
    def _reverse(section_slug, day, slug):
        # The same arguments as Article.get_absolute_url().
        return reverse(
            "articles:article",
            kwargs={
                "section": section_slug,
                "year": f"{day.year:04d}",
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": slug,
            },
        )


@dataclass(frozen=True)
class IndexEntry:
    """One line of the sitemap index: a sitemap file and its newest change, if known."""

    location: str
    last_mod: datetime | None


class SitemapKind:
    """One kind of page, listed in files by id range. Subclasses say which entries are listed
    (`entries`), where each one is (`location`) and, if they can, when it last changed."""

    limit = 5_000

    def entries(self):
        raise NotImplementedError

    def location(self, entry) -> str:
        return entry.get_absolute_url()

    def lastmod(self, entry) -> datetime | None:
        return None

    def listed(self, low: int, high: int):
        """The entries with ids in (low, high], in id order."""
        return self.entries().filter(pk__gt=low, pk__lte=high).order_by("pk")

    def num_pages(self) -> int:
        """How many files: the last listed id, by the file size (one index lookup)."""
        last = self.entries().order_by().aggregate(last=Max("pk"))["last"] or 0
        return max(1, -(-last // self.limit))

    def urls(self, page: int) -> list[tuple[str, datetime | None]]:
        """(absolute location, lastmod) of each entry in file `page`."""
        low = (page - 1) * self.limit
        return [
            (absolute_url(self.location(entry)), self.lastmod(entry))
            for entry in self.listed(low, low + self.limit)
        ]

    def file_lastmods(self) -> dict[int, datetime | None]:
        """{file number: its newest change, or None}: the files the index lists — only those
        holding an entry, since a <urlset> without a <url> is invalid (ids leave gaps: deleted
        or merged entries, names no public story uses yet). One grouped query over the ids."""
        files = (
            self.entries()
            .order_by()
            .values_list((F("pk") - 1) / Value(self.limit), flat=True)
            .distinct()
        )
        return dict.fromkeys(sorted(file + 1 for file in files)) or {1: None}


class ArticleSitemap(SitemapKind):
    """Every published story; lastmod is its latest material change (updated or published)."""

    # The file size the sitemap indexes are built on (see Article.Meta.indexes).
    limit = STORIES_PER_SITEMAP_FILE

    def __init__(self):
        self.paths = ArticlePaths()

    def entries(self):
        return Article.objects.published()

    def listed(self, low, high):
        # Plain values: no model instances for thousands of rows.
        return (
            super()
            .listed(low, high)
            .values_list("slug", "section__slug", "published_at", "updated_at", named=True)
        )

    def location(self, story):
        return self.paths(story.section__slug, story.published_at, story.slug)

    def lastmod(self, story):
        return max(filter(None, (story.published_at, story.updated_at)))

    def file_lastmods(self):
        """{file: its newest change} for the files holding a published story, one index
        lookup per file: the newest publish time and the newest update among the file's
        public stories, each the first entry of an index on (file, time).

        One statement: a row per file number (a VALUES list) and, for each, the two lookups
        as subqueries (compiled from the ORM, so "public" is the one definition). Planned once
        and run per row, where one query per file would be planned two hundred times.
        """
        pages = self.num_pages()
        this_file = RawSQL("files.column1", ())
        stories = (
            self.entries()
            .order_by()
            .alias(file=(F("pk") - 1) / Value(self.limit))
            .filter(file=this_file)
            # Grouped by a constant, which Django leaves out: a bare MAX, one index entry.
            .values(whole_file=Value(1))
        )
        newest = {}
        for start in range(0, pages, _FILES_PER_STATEMENT):
            numbers = range(start, min(pages, start + _FILES_PER_STATEMENT))
            published, params = stories.values(last=Max("published_at")).query.sql_with_params()
            updated, more = stories.values(last=Max("updated_at")).query.sql_with_params()
            rows = ", ".join(f"({number})" for number in numbers)
            # Sent where the ORM would send the read itself (the replica, for a crawler).
            with connections[stories.db].cursor() as cursor:
                cursor.execute(
                    f"SELECT files.column1, ({published}), ({updated}) "
                    f"FROM (VALUES {rows}) AS files",
                    (*params, *more),
                )
                for file, *times in cursor.fetchall():
                    times = [_moment(time) for time in times if time]
                    if times:
                        newest[file + 1] = max(times)
        # An archive without a published story still has its (empty) first file.
        return dict(sorted(newest.items())) or {1: None}


class SectionSitemap(SitemapKind):
    """Section fronts (a handful: one file); lastmod is the newest story on the desk."""

    def entries(self):
        newest = (
            Article.objects.published()
            .filter(section=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return Section.objects.only("slug").annotate(latest_story=Subquery(newest))

    def lastmod(self, section):
        return section.latest_story

    def num_pages(self):
        return 1

    def file_lastmods(self):
        return {1: Article.objects.published().aggregate(latest=Max("published_at"))["latest"]}


class SlugSitemap(SitemapKind):
    """Pages at a route that takes a slug; entries are read as slugs alone."""

    url_name = ""

    def __init__(self):
        self.paths = SlugPaths(self.url_name)

    def listed(self, low, high):
        return super().listed(low, high).values_list("slug", flat=True)

    def location(self, slug):
        return self.paths(slug)


class TagSitemap(SlugSitemap):
    """Tag pages that show something: tags with at least one published story.

    No lastmod: the newest story per tag means sorting every tag's stories (seconds on a
    million-story archive), and a sitemap without lastmod is better than a slow one.
    """

    url_name = "articles:tag"

    def entries(self):
        return Tag.objects.public()


class RegionSitemap(SlugSitemap):
    """Region pages that show a story (rolled up from below: a quiet city inside a busy
    province is listed only if a story is filed under it or below it)."""

    url_name = "articles:region"

    def entries(self):
        return Region.objects.public()


class SourceSitemap(SlugSitemap):
    """Source pages with at least one published story citing them."""

    url_name = "articles:source"

    def entries(self):
        return Source.objects.public()


class AuthorSitemap(SlugSitemap):
    """Author pages with at least one published story under their name."""

    url_name = "articles:author"

    def entries(self):
        return Author.objects.public()


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "regions": RegionSitemap,
    "sources": SourceSitemap,
    "authors": AuthorSitemap,
}


def _moment(value) -> datetime:
    """A time from a plain cursor: SQLite hands back text (PostgreSQL a datetime), in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def urlset(urls) -> str:
    """A sitemap file (`<urlset>`) of (absolute location, lastmod) pairs."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    zone = timezone.get_current_timezone()
    for location, lastmod in urls:
        dated = f"<lastmod>{w3c_datetime(lastmod, zone)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(location)}</loc>{dated}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)


def index_entries() -> list[IndexEntry]:
    """The sitemap index: one line per sitemap file, each dated where its kind can say."""
    entries = []
    for name, kind in SITEMAPS.items():
        location = absolute_url(reverse("articles:sitemap_section", kwargs={"section": name}))
        for page, lastmod in kind().file_lastmods().items():
            entries.append(IndexEntry(location if page == 1 else f"{location}?p={page}", lastmod))
    return entries


def news_entries() -> list[dict]:
    """The Google News sitemap's stories: first published in the last two days, newest first,
    as plain values (one query)."""
    now = timezone.now()
    stories = (
        Article.objects.published(at=now)
        .filter(first_published_at__gte=now - NEWS_WINDOW)
        .order_by("-first_published_at", "-pk")
        .values_list(
            "slug",
            "section__slug",
            "published_at",
            "first_published_at",
            "headline",
            "language",
            named=True,
        )[:NEWS_LIMIT]
    )
    paths = ArticlePaths()
    return [
        {
            "location": absolute_url(paths(story.section__slug, story.published_at, story.slug)),
            "language": news_language(story.language),
            "publication_date": w3c_datetime(story.first_published_at),
            "title": xml_safe(story.headline),
        }
        for story in stories
    ]


def news_language(code: str) -> str:
    """Google News wants an ISO 639 code ("en"), except "zh-cn"/"zh-tw" for Chinese."""
    code = (code or "").lower().replace("_", "-")
    primary = code.split("-")[0]
    if primary == "zh":
        return "zh-tw" if code in {"zh-tw", "zh-hk", "zh-hant"} else "zh-cn"
    return primary
