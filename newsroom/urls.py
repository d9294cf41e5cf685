"""The site's URL map (DESIGN.md §4). Public pages live in articles.urls.

Search, feeds, sitemaps and robots.txt come first: articles.urls ends in a catch-all
`/<section>/` pattern that would otherwise claim them.
"""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import feeds, syndication_views
from articles.sitemaps import SITEMAPS

from . import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico whatever the page says (the admin says nothing).
    path("favicon.ico", health.favicon),
    path("search/", syndication_views.search, name="search"),
    path("robots.txt", syndication_views.robots_txt, name="robots"),
    path("feeds/latest/rss/", feeds.LatestStoriesFeed(), name="feed_latest_rss"),
    path("feeds/latest/atom/", feeds.LatestStoriesAtomFeed(), name="feed_latest_atom"),
    path("feeds/section/<str:slug>/rss/", feeds.SectionFeed(), name="feed_section"),
    path("feeds/tags/<str:slug>/rss/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/regions/<str:slug>/rss/", feeds.RegionFeed(), name="feed_region"),
    path("sitemap.xml", syndication_views.sitemap_index, name="sitemap"),
    # Before the per-kind pattern below, which would read "news" as a kind.
    path("sitemap-news.xml", syndication_views.news_sitemap, name="sitemap_news"),
    path(
        "sitemap-<str:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemap_urls.xml"},
        name="sitemap_section",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
