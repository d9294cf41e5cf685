"""Publishing a story and taking it down: the domain operations behind every button.

Admin actions, management commands and tests all call these; none of them sets `status` or
`published_at` by hand, so "who may publish" and "what publishing means" live in one place.
"""

from django.db import transaction
from django.utils import timezone

from .models import Article, Status


@transaction.atomic
def publish(article: Article, *, at=None, by=None) -> Article:
    """Publish now, or schedule for `at` (a future time). Keeps the first publication time.

    Visibility is computed from `published_at` by `Article.objects.published()`, so a story
    scheduled for 09:00 appears everywhere at 09:00 without any cron job.
    """
    when = at or timezone.now()
    article.status = Status.PUBLISHED
    article.published_at = when
    if article.first_published_at is None:
        article.first_published_at = when
    article.version += 1
    article.save(
        update_fields=["status", "published_at", "first_published_at", "version", "modified_at"]
    )
    return article


@transaction.atomic
def unpublish(article: Article, *, by=None) -> Article:
    """Withdraw a story from the public site. Its first publication time is kept."""
    article.status = Status.UNPUBLISHED
    article.version += 1
    article.save(update_fields=["status", "version", "modified_at"])
    return article
