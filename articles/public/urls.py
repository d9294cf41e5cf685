"""Public URLs (docs/development/decisions.md, "Public URLs"), all named in the `articles` namespace: the pages, search, the
feeds, the sitemaps and robots.txt. The names are a contract: templates, feeds, sitemaps and
other apps reverse them, so keep them stable.
"""

from django.urls import path, register_converter

from articles.models.desks import RESERVED_SECTION_SLUGS
from articles.public import feeds, live_feed, newsletter_feeds, views
from articles.public.views import api, live, newsletter_webhooks, planning_api, whats_on
from articles.public.views import newsletters as newsletter_pages


class SectionSlugConverter:
    """A slug that is not one of the site's own top-level paths.

    Failing to match (ValueError) lets resolution continue, so `/search/`, `/feeds/…`,
    `/corrections/` and the like reach their own views wherever they are included, instead of
    being swallowed by the section pattern.
    """

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        if value in RESERVED_SECTION_SLUGS:
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


class YearConverter:
    """Four digits, passed to the view as a string ("2026")."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class TwoDigitConverter(YearConverter):
    """Two digits, kept as a string with its leading zero ("03")."""

    regex = "[0-9]{2}"


register_converter(SectionSlugConverter, "section")
register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "mm")
register_converter(TwoDigitConverter, "dd")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("regions/", views.region_index, name="region_index"),
    path("regions/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("sources/", views.source_index, name="source_index"),
    path("sources/<slug:slug>/", views.SourceView.as_view(), name="source"),
    path("tags/", views.tag_index, name="tag_index"),
    # Tag slugs come from taggit, which keeps non-ASCII letters ("київ").
    path("tags/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    # Search, feeds and what crawlers fetch: ahead of the catch-all section pattern below.
    path("search/", views.search_results, name="search"),
    path("feeds/latest/rss/", feeds.LatestStoriesFeed(), name="feed_latest_rss"),
    path("feeds/latest/atom/", feeds.LatestStoriesAtomFeed(), name="feed_latest_atom"),
    path("feeds/section/<str:slug>/rss/", feeds.SectionFeed(), name="feed_section"),
    path("feeds/section/<str:slug>/atom/", feeds.SectionAtomFeed(), name="feed_section_atom"),
    path("feeds/tags/<str:slug>/rss/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/tags/<str:slug>/atom/", feeds.TagAtomFeed(), name="feed_tag_atom"),
    path("feeds/regions/<str:slug>/rss/", feeds.RegionFeed(), name="feed_region"),
    # What's on (articles/public/views/whats_on.py): public events, their calendar, and the
    # staff's private calendar addresses.
    path("whats-on/", whats_on.whats_on, name="whats_on"),
    path("whats-on/calendar.ics", whats_on.whats_on_calendar, name="whats_on_calendar"),
    path("whats-on/<int:pk>-<slug:slug>/", whats_on.event_page, name="event"),
    path("calendars/<str:token>.ics", whats_on.staff_calendar, name="staff_calendar"),
    # The ninjs read API (articles/public/views/api.py); "api" is a reserved section slug.
    # Events and plans first: the story pattern below would take "events" for an id.
    path("api/ninjs/events/", planning_api.events, name="api_events"),
    path("api/ninjs/events/<str:event_id>/", planning_api.event, name="api_event"),
    path("api/ninjs/plans/", planning_api.plans, name="api_plans"),
    path("api/ninjs/plans/<str:plan_id>/", planning_api.plan, name="api_plan"),
    path("api/ninjs/", api.stories, name="api_ninjs"),
    path("api/ninjs/<str:story_id>/", api.story, name="api_ninjs_story"),
    path("api/openapi.json", api.openapi, name="api_openapi"),
    path("feeds/regions/<str:slug>/atom/", feeds.RegionAtomFeed(), name="feed_region_atom"),
    path("feeds/sources/<str:slug>/rss/", feeds.SourceFeed(), name="feed_source"),
    path("feeds/sources/<str:slug>/atom/", feeds.SourceAtomFeed(), name="feed_source_atom"),
    path("feeds/authors/<str:slug>/rss/", feeds.AuthorFeed(), name="feed_author"),
    path("feeds/authors/<str:slug>/atom/", feeds.AuthorAtomFeed(), name="feed_author_atom"),
    # Newsletters (articles/public/views/newsletters.py); "newsletters" is a reserved slug.
    path("newsletters/", newsletter_pages.newsletters, name="newsletters"),
    path("newsletters/subscribe/", newsletter_pages.subscribe, name="newsletter_subscribe"),
    path("newsletters/confirm/<str:token>/", newsletter_pages.confirm, name="newsletter_confirm"),
    path(
        "newsletters/preferences/<str:token>/",
        newsletter_pages.preferences,
        name="newsletter_preferences",
    ),
    path(
        "newsletters/unsubscribe/<str:token>/",
        newsletter_pages.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path(
        "newsletters/l/<int:issue>/<int:number>/",
        newsletter_pages.counted_link,
        name="newsletter_link",
    ),
    path(
        "newsletters/webhooks/<str:service>/<str:kind>/",
        newsletter_webhooks.webhook,
        name="newsletter_webhook",
    ),
    path("newsletters/<slug:slug>/", newsletter_pages.archive, name="newsletter_archive"),
    path("newsletters/<slug:slug>/rss/", newsletter_feeds.NewsletterFeed(), name="feed_newsletter"),
    path(
        "newsletters/<slug:slug>/atom/",
        newsletter_feeds.NewsletterAtomFeed(),
        name="feed_newsletter_atom",
    ),
    path(
        "newsletters/<slug:slug>/<int:number>/",
        newsletter_pages.issue_page,
        name="newsletter_issue",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    # Before the per-kind pattern below, which would read "news" as a kind.
    path("sitemap-news.xml", views.news_sitemap, name="sitemap_news"),
    path("sitemap-<str:section>.xml", views.sitemap_file, name="sitemap_section"),
    # Catch-all shapes last; the section converter steps aside for reserved paths.
    path("<section:slug>/", views.SectionView.as_view(), name="section"),
    # Live coverage (articles/public/views/live.py): what open pages poll, entry permalinks.
    path(
        "<section:section>/<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/live/updates",
        live.updates,
        name="live_updates",
    ),
    path(
        "<section:section>/<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/live/feed",
        live_feed.LiveStoryFeed(),
        name="live_feed",
    ),
    path(
        "<section:section>/<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/live/entries/<int:pk>/",
        live.entry,
        name="live_entry",
    ),
    path(
        "<section:section>/<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/",
        views.article,
        name="article",
    ),
]
