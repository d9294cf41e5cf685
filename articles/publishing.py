"""Publishing a story and taking it down: the domain operations behind every button.

Admin actions, management commands and tests all call these; none of them sets `status` or
`published_at` by hand, so "who may publish" and "what publishing means" live in one place.
Each records a revision and an audit entry, and leaves a permanent redirect behind when a
story that was ever public moves to a new address (a new publish date).
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import changes
from .models import Article, ArticleAuthor, AuditAction, Status
from .revisions import capture
from .workflow import _require, is_editor, record, remember_address_change


class MissingByline(ValidationError):
    """A story cannot go out unsigned: it needs a credited author or a byline override."""


def has_byline(article: Article) -> bool:
    """Whether a story carries a byline: an override, or at least one credited author.

    Reads the stored credits (or the ones a listing prefetched), never the admin form.
    """
    if article.byline_override.strip():
        return True
    if hasattr(article, "ordered_authors"):
        return bool(article.ordered_authors)
    return ArticleAuthor.objects.filter(article=article).exists()


def publish(article: Article, *, at=None, by=None) -> Article:
    """Publish now, or schedule for `at` (a future time). Keeps the first publication time.

    Visibility is computed from `published_at` (and `embargo_until`) by
    `Article.objects.published()`, so a story scheduled for 09:00 appears everywhere at 09:00
    without any cron job.
    """
    if by is not None:
        _require(is_editor(by), "Only editors may publish or schedule stories.")
    if not has_byline(article):
        raise MissingByline(
            "A published story needs a byline: credit an author or fill in the byline override "
            "(e.g. “Staff Correspondent”).",
            code="byline_required",
        )
    now = timezone.now()
    when = at or now
    with transaction.atomic(), reversion.create_revision():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        old_url = locked.get_absolute_url()
        from_status = locked.status
        was_public = locked.is_public
        article.status = Status.PUBLISHED
        article.published_at = when
        if article.first_published_at is None:
            article.first_published_at = locked.first_published_at or when
        article.version = locked.version + 1
        article.save(
            update_fields=["status", "published_at", "first_published_at", "version", "modified_at"]
        )
        if locked.first_published_at is not None:
            # Only an address readers may have seen needs a redirect.
            remember_address_change(article, old_url)
        capture(article)
        scheduled = when > now
        reversion.set_comment("Scheduled" if scheduled else "Published")
        if by is not None:
            reversion.set_user(by)
        record(
            article,
            AuditAction.SCHEDULED if scheduled else AuditAction.PUBLISHED,
            by=by,
            from_status=from_status,
            note=f"for {timezone.localtime(when):%Y-%m-%d %H:%M %Z}" if scheduled else "",
        )
        changes.story_changed(article, was_public=was_public)
    return article


def unpublish(article: Article, *, by=None) -> Article:
    """Withdraw a story from the public site. Its first publication time is kept; its address
    answers 410 Gone from now on."""
    if by is not None:
        _require(is_editor(by), "Only editors may withdraw stories.")
    with transaction.atomic(), reversion.create_revision():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        from_status = locked.status
        was_public = locked.is_public
        article.status = Status.UNPUBLISHED
        article.version = locked.version + 1
        article.save(update_fields=["status", "version", "modified_at"])
        capture(article)
        reversion.set_comment("Withdrawn")
        if by is not None:
            reversion.set_user(by)
        record(article, AuditAction.UNPUBLISHED, by=by, from_status=from_status)
        changes.story_changed(article, was_public=was_public)
    return article
