"""Sitemaps for crawlers: stories, sections, tags, regions, sources and authors; the index
over them; and the Google News sitemap's stories.

`/sitemap.xml` is an index over one sitemap per kind of page, each paginated at
`Sitemap.limit` URLs per file (`index_entries`). The stories sitemap pages by id range, reads plain values (no
model instances) and builds story URLs with one `reverse()` per section and day rather than
one per story, so any of its files stays quick on a million-row table. Every sitemap file
costs two queries: a count (or MAX(id)) for the paginator and one for the page.
"""

import re
from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import F, Max, OuterRef, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .addresses import absolute_url, site_domain, site_scheme
from .feeds import xml_safe
from .models import (
    Article,
    Author,
    Region,
    Section,
    Source,
    Tag,
)
from .timestamps import w3c_datetime

# Google News reads only stories from the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "sitemap-slug-placeholder"


class ArticlePaths:
    """Story paths for many rows at once, with the URL pattern owned by articles.urls.

    Reversing the article route costs ~13 µs; a 50,000-story file would spend most of its time
    there. Stories filed the same day in the same section share everything but the slug, so the
    path is reversed once per (section, day) with a placeholder slug and the real slug is put
    in its place. Slugs that would need percent-encoding take the ordinary reverse().
    """

    def __init__(self):
        self._frames = {}

    def __call__(self, section_slug: str, published_at, slug: str) -> str:
        day = timezone.localtime(published_at)
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


class SiteSitemap(Sitemap):
    """A sitemap whose URLs are on settings.SITE_URL, like every other link the site hands out."""

    def get_urls(self, page=1, site=None, protocol=None):
        return self._urls(page, site_scheme(), site_domain())


class IdRangePaginator(Paginator):
    """Pages by id range, not OFFSET: page n holds ids (n-1)·per_page+1 … n·per_page.

    A deep page costs what the first one does (an index range scan, nothing skipped), the
    count is one MAX(id) index lookup instead of counting every row, and a story stays in the
    same file for good, so crawlers refetch only the files whose lastmod moved. A page may
    hold fewer than per_page URLs (drafts and deletions leave gaps), which sitemaps allow.
    """

    @cached_property
    def count(self):
        return self.object_list.order_by().aggregate(last=Max("pk"))["last"] or 0

    def page(self, number):
        number = self.validate_number(number)
        low = (number - 1) * self.per_page
        rows = self.object_list.filter(pk__gt=low, pk__lte=low + self.per_page)
        return self._get_page(rows, number, self)


class ArticleSitemap(SiteSitemap):
    """Every published story; lastmod is its latest material change (updated or published)."""

    # Google reads up to 50,000 URLs a file; 10,000 keeps one file's response well under a
    # second on PostgreSQL, and an index of 100 files per million stories is nothing to fetch.
    limit = 10_000

    def __init__(self):
        self.paths = ArticlePaths()

    def items(self):
        return (
            Article.objects.published()
            .order_by("pk")
            .values_list("pk", "slug", "section__slug", "published_at", "updated_at", named=True)
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def location(self, story):
        return self.paths(story.section__slug, story.published_at, story.slug)

    def lastmod(self, story):
        return max(filter(None, (story.published_at, story.updated_at)))

    def page_lastmods(self):
        """{page number: newest change among its stories}, for the index; one grouped query.

        Pages without a published story are absent, so the index does not list empty files.
        """
        pages = (
            Article.objects.published()
            .order_by()
            .values(page=(F("pk") - 1) / Value(self.limit) + 1)
            .annotate(published=Max("published_at"), updated=Max("updated_at"))
        )
        return {row["page"]: max(filter(None, (row["published"], row["updated"]))) for row in pages}


class SectionSitemap(SiteSitemap):
    """Section fronts; lastmod is the newest story on the desk."""

    def items(self):
        newest = (
            Article.objects.published()
            .filter(section=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return Section.objects.only("slug").annotate(latest_story=Subquery(newest))

    def lastmod(self, section):
        return section.latest_story

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("published_at"))["latest"]


class TagSitemap(SiteSitemap):
    """Tag pages that show something: tags with at least one published story.

    No lastmod: the newest story per tag means sorting every tag's stories (seconds on a
    million-story archive), and a sitemap without lastmod is better than a slow one.
    """

    def items(self):
        return Tag.objects.public().only("slug").order_by("pk")


class RegionSitemap(SiteSitemap):
    """Every region page (they roll up stories from below, so even a quiet city has a page)."""

    def items(self):
        return Region.objects.only("slug").order_by("pk")


class SourceSitemap(SiteSitemap):
    """Source pages with at least one published story citing them."""

    def items(self):
        return Source.objects.public().only("slug").order_by("pk")


class AuthorSitemap(SiteSitemap):
    """Author pages with at least one published story under their name."""

    def items(self):
        return Author.objects.public().only("slug").order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "regions": RegionSitemap,
    "sources": SourceSitemap,
    "authors": AuthorSitemap,
}


def index_entries() -> list[SitemapIndexItem]:
    """The sitemap index: one line per sitemap file, each kind paginated at its `limit`."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        location = absolute_url(reverse("articles:sitemap_section", kwargs={"section": name}))
        entries += _index_entries(sitemap_class(), location)
    return entries


def _index_entries(sitemap, location):
    """The index lines for one kind of sitemap: its first file and any further pages."""

    def page_location(page):
        return location if page == 1 else f"{location}?p={page}"

    if hasattr(sitemap, "page_lastmods"):
        # Each file carries its own lastmod, so crawlers skip the files that did not change.
        lastmods = sitemap.page_lastmods() or {1: None}
        return [SitemapIndexItem(page_location(p), lastmods[p]) for p in sorted(lastmods)]
    lastmod = sitemap.get_latest_lastmod()
    return [
        SitemapIndexItem(page_location(page), lastmod)
        for page in range(1, sitemap.paginator.num_pages + 1)
    ]


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
