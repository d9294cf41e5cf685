"""schema.org `LiveBlogPosting` for a story covered live (docs/editors/live-coverage.md): its
coverage times and its latest entries as `BlogPosting`s, so search engines can show the page
as live and link to single entries by their anchors."""

from django.utils.html import strip_tags

from articles.addresses.absolute import absolute_url
from articles.models import Article, LiveEntry
from articles.public.timestamps import w3c_datetime

LATEST = 50
HEADLINE_WORDS = 16


def _headline(entry: LiveEntry) -> str:
    if entry.key_title:
        return entry.key_title
    words = strip_tags(entry.body).split()
    return " ".join(words[:HEADLINE_WORDS]) + ("…" if len(words) > HEADLINE_WORDS else "")


def live_blog_posting(article: Article, coverage) -> dict:
    """The page's `LiveBlogPosting`, with the latest `LATEST` public entries."""
    canonical = absolute_url(article.get_absolute_url())
    latest = (
        LiveEntry.objects.public()
        .filter(coverage=coverage)
        .order_by("-posted_at", "-pk")
        .only("pk", "body", "key_title", "posted_at", "updated_at")[:LATEST]
    )
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": canonical + "#live",
        "headline": article.headline,
        "url": canonical,
        "coverageStartTime": w3c_datetime(coverage.started_at),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": _headline(entry),
                "articleBody": " ".join(strip_tags(entry.body).split()),
                "datePublished": w3c_datetime(entry.posted_at),
                **({"dateModified": w3c_datetime(entry.updated_at)} if entry.updated_at else {}),
                "url": f"{canonical}#entry-{entry.pk}",
            }
            for entry in latest
        ],
    }
    if coverage.ended_at is not None:
        data["coverageEndTime"] = w3c_datetime(coverage.ended_at)
    return data
