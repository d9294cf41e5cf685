"""What crawlers fetch besides the pages: robots.txt, the sitemap index, the sitemap files and
the Google News sitemap.

The feeds are `Feed` classes in `feeds.py`. What each sitemap lists is `articles.public.sitemaps`'
business; these views only read the request and render it. Everything here is read-only and
public.
"""

from django.conf import settings
from django.contrib.sitemaps.views import x_robots_tag
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from articles.addresses.absolute import absolute_url
from articles.public.sitemaps import SITEMAPS, index_entries, news_entries, urlset


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """/robots.txt: crawl everything public, skip the newsroom's back office, find the sitemaps."""
    context = {
        "sitemaps": [
            absolute_url(reverse("articles:sitemap")),
            absolute_url(reverse("articles:sitemap_news")),
        ]
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one entry per sitemap file, dated by its newest change."""
    entries = index_entries()
    dated = [entry.last_mod for entry in entries if entry.last_mod]
    headers = {"Last-Modified": http_date(max(dated).timestamp())} if dated else None
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )


@require_safe
@x_robots_tag
def sitemap_file(request: HttpRequest, section: str) -> HttpResponse:
    """/sitemap-<kind>.xml?p=<n>: one file of one kind's sitemap (404 past the last file)."""
    kind = SITEMAPS.get(section)
    page = request.GET.get("p", "1")
    if kind is None or not page.isdigit():
        raise Http404("No such sitemap file")
    sitemap = kind()
    if not 1 <= int(page) <= sitemap.num_pages():
        raise Http404("No such sitemap file")
    urls = sitemap.urls(int(page))
    dated = [lastmod for _, lastmod in urls if lastmod]
    headers = None
    if dated and len(dated) == len(urls):
        # Every entry dated: say when the file last changed, for conditional requests.
        headers = {"Last-Modified": http_date(max(dated).timestamp())}
    return HttpResponse(urlset(urls), content_type="application/xml", headers=headers)


@require_safe
@x_robots_tag
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap-news.xml: a Google News sitemap of stories first published in the last 2 days."""
    return render(
        request,
        "sitemap_news.xml",
        {"publication_name": settings.SITE_NAME, "entries": news_entries()},
        content_type="application/xml; charset=utf-8",
    )
