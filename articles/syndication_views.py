"""Views for search and for machines: the sitemap index, the Google News sitemap, robots.txt.

The feeds are `Feed` classes in `feeds.py`; the per-kind sitemap files are Django's own
`sitemap` view over `sitemaps.SITEMAPS`. Everything here is read-only and public, and every
story shown comes from `Article.objects.published()`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .addresses import absolute_url
from .feeds import xml_safe
from .models import Article
from .pagination import NewsPaginator
from .search import MAX_RESULTS, clean_query, search_stories
from .sitemaps import SITEMAPS, ArticlePaths

SEARCH_PAGE_SIZE = 20
# Google News reads only stories from the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class SearchPaginator(NewsPaginator):
    """Pages over at most MAX_RESULTS results; "capped" (so "many match") when there are more."""

    max_pages = MAX_RESULTS // SEARCH_PAGE_SIZE


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: published stories matching the words, 20 to a page."""
    query = clean_query(request.GET.get("q"))
    page_obj = None
    if query:
        # Cards never show the body, the largest column.
        results = search_stories(query).with_cards().defer("body")
        paginator = SearchPaginator(results, SEARCH_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "articles/search.html", {"query": query, "page_obj": page_obj})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """/robots.txt: crawl everything public, skip the newsroom's back office, find the sitemaps."""
    context = {
        "sitemaps": [
            absolute_url(reverse("sitemap")),
            absolute_url(reverse("sitemap_news")),
        ]
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one entry per sitemap file, each kind paginated at its `limit`."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        entries += _index_entries(
            sitemap_class(), absolute_url(reverse("sitemap_section", kwargs={"section": name}))
        )
    dated = [entry.last_mod for entry in entries if entry.last_mod]
    headers = {"Last-Modified": http_date(max(dated).timestamp())} if dated else None
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )


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


@require_safe
@x_robots_tag
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap-news.xml: a Google News sitemap of stories first published in the last 2 days."""
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
    entries = [
        {
            "location": absolute_url(paths(story.section__slug, story.published_at, story.slug)),
            "language": news_language(story.language),
            "publication_date": w3c_datetime(story.first_published_at),
            "title": xml_safe(story.headline),
        }
        for story in stories
    ]
    return render(
        request,
        "sitemap_news.xml",
        {"publication_name": settings.SITE_NAME, "entries": entries},
        content_type="application/xml; charset=utf-8",
    )


def news_language(code: str) -> str:
    """Google News wants an ISO 639 code ("en"), except "zh-cn"/"zh-tw" for Chinese."""
    code = (code or "").lower().replace("_", "-")
    primary = code.split("-")[0]
    if primary == "zh":
        return "zh-tw" if code in {"zh-tw", "zh-hk", "zh-hant"} else "zh-cn"
    return primary


def w3c_datetime(moment) -> str:
    """A W3C datetime with its UTC offset and whole seconds, e.g. 2025-05-01T09:30:00+00:00."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
