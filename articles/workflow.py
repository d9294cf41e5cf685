"""The editorial workflow: who may do what to a story, and the steps between states.

    draft → in review → published (live now, or scheduled) → unpublished (withdrawn)

Each step is a function here or in `articles.publishing` (`submit_for_review`,
`return_to_draft`, `publish`, `unpublish`, `add_correction`), called alike by admin actions,
the change form's buttons and tests. Each one checks the acting user's role, records a
revision and an `AuditEntry` (who, when), and bumps the story's `version` so open edit forms
and preview links notice. `by=None` means a script acting for the newsroom (demo loader,
fixtures): no role check, still recorded.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import (
    changes,
    revisions,  # noqa: F401  (registers the models with django-reversion)
)
from .models import Article, AuditAction, AuditEntry, Correction, Status
from .models.corrections import CorrectionKind
from .redirects import remember_old_path
from .roles import can_publish

# The states a reporter works in; everything beyond belongs to the editors.
WORKING_STATUSES = (Status.DRAFT, Status.REVIEW)


class TransitionNotAllowed(PermissionDenied):
    """A step the story's current state does not allow (e.g. submitting a live story)."""


def is_editor(user) -> bool:
    """Editors (and superusers) may edit any story and move it through every state."""
    return user is not None and can_publish(user)


def is_own_story(user, article: Article) -> bool:
    """Whether `user` started the story or is credited on it (via a linked author profile)."""
    if user is None or not user.is_authenticated:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.article_authors.filter(author__user=user).exists()


def may_edit(user, article: Article) -> bool:
    """Editors edit anything; a reporter edits only their own story while it is a draft or in
    review (a live, scheduled or withdrawn story belongs to the editors)."""
    if is_editor(user):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.status in WORKING_STATUSES
        and is_own_story(user, article)
    )


def may_preview(user, article: Article) -> bool:
    """Editors preview any story; a reporter previews the stories they work on."""
    return is_editor(user) or (
        user.has_perm("articles.view_article") and is_own_story(user, article)
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def record(article: Article, action: str, *, by=None, from_status: str = "", note: str = ""):
    """Write one audit trail entry for a step taken on `article`."""
    return AuditEntry.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=article.status,
        by=by if by is not None and by.is_authenticated else None,
        note=note[:300],
    )


def remember_address_change(article: Article, old_url: str) -> None:
    """Leave a permanent redirect behind when a story that was ever public changes address."""
    if article.first_published_at is not None and old_url != article.get_absolute_url():
        remember_old_path(old_url, article=article)


def _move(article: Article, to_status: str, action: str, *, by, comment: str) -> Article:
    """Change a working status under a row lock, with revision and audit entry."""
    with transaction.atomic(), reversion.create_revision():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        from_status = locked.status
        was_public = locked.is_public
        article.status = to_status
        article.version = locked.version + 1
        article.save(update_fields=["status", "version", "modified_at"])
        revisions.capture(article)
        reversion.set_comment(comment)
        if by is not None:
            reversion.set_user(by)
        record(article, action, by=by, from_status=from_status)
        changes.story_changed(article, was_public=was_public)
    return article


def submit_for_review(article: Article, *, by=None) -> Article:
    """A draft goes to the editors. Its author (or an editor) may do this."""
    if by is not None:
        _require(may_edit(by, article), "You may only submit your own drafts.")
    if article.status != Status.DRAFT:
        raise TransitionNotAllowed("Only a draft can be submitted for review.")
    return _move(article, Status.REVIEW, AuditAction.SUBMITTED, by=by, comment="Submitted")


def return_to_draft(article: Article, *, by=None) -> Article:
    """Back to draft: a story in review (its reporter may pull it back) or a withdrawn one
    (editors only)."""
    if article.status not in (Status.REVIEW, Status.UNPUBLISHED):
        raise TransitionNotAllowed("Only a story in review or withdrawn can go back to draft.")
    if by is not None:
        _require(may_edit(by, article), "Only editors may return this story to draft.")
    return _move(article, Status.DRAFT, AuditAction.RETURNED, by=by, comment="Back to draft")


def add_correction(article: Article, kind: str, text: str, *, by=None) -> Correction:
    """Append a correction, clarification or update (immutable from then on).

    The story's `updated_at` follows, so its modified time (page, JSON-LD, feeds) moves too.
    """
    if by is not None:
        _require(is_editor(by), "Only editors may add corrections.")
    if kind not in CorrectionKind.values:
        raise ValueError(f"Unknown correction kind {kind!r}")
    if not text.strip():
        raise ValueError("A correction needs a text.")
    with transaction.atomic():
        now = timezone.now()
        correction = Correction.objects.create(
            article=article, kind=kind, text=text.strip(), created_at=now, created_by=by
        )
        Article.objects.filter(pk=article.pk).update(updated_at=now, modified_at=now)
        article.updated_at = article.modified_at = now
        record(article, AuditAction.CORRECTED, by=by, note=f"{correction}")
        changes.story_changed(article, was_public=article.is_public)
    return correction
