"""Every move a story makes, as a named function: the admin, commands, ingest and the API call
these and nothing else changes a story's status, times or content.

    create_story → draft ⇄ in review → published (now: live; later: scheduled) → unpublished
    set_embargo (any time), add_correction, restore_revision, save_edits (content)

Each checks the acting user's role (`by=None` means a script acting for the newsroom: no role
check, still recorded), decides on the locked row inside `take_step` (so repeating a step is
harmless), and is recorded as a revision and an audit entry.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.images import body_figures
from articles.models import Article, AuditAction, Correction, CorrectionKind, Status
from articles.stories import derived
from articles.workflow.revisions import RestoreFailed, capture, revert_content

from .rules import (
    PUBLISH,
    RETURN_TO_DRAFT,
    SUBMIT,
    WITHDRAW,
    Move,
    TransitionNotAllowed,
    is_editor,
    may_edit,
    path_to,
    require,
    require_agency_clearance,
    require_alt_text,
    require_byline,
)
from .step import record, take_step


class EditConflict(ValidationError):
    """Someone else saved the story after this edit began (its edit counter moved)."""


def _guard(move: Move, story: Article) -> bool:
    """Whether `story` (the locked row) still has `move` to take: False when it is there
    already (repeating a step changes nothing), refused when its state does not allow it."""
    if story.status == move.target:
        return False
    if story.status not in move.sources:
        raise TransitionNotAllowed(move.refusal)
    return True


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}"


def create_story(article: Article, *, by=None, then=None, comment: str = "Created") -> Article:
    """Save a new story as a draft (its status and times are set by later transitions).

    `then(article)`, if given, runs after the save and before the first revision is taken, so
    work a caller does on a new story (the wire desk files it) is in that one revision."""
    if by is not None:
        require(by.has_perm("articles.add_article"), "You may not write stories.")
    article.status = Status.DRAFT
    article.published_at = article.first_published_at = article.embargo_until = None
    article.version = 1
    if by is not None and by.is_authenticated:
        article.created_by = by
    with transaction.atomic():
        # Saved and filled outside the revision, then recorded once: reversion serializes a
        # story (and queries its relations) on every save made inside a revision.
        derived.derive_onto(article)
        article.save()
        body_figures.file_body_images(article)
        if then is not None:
            then(article)
        with reversion.create_revision():
            capture(article)
            reversion.set_comment(comment)
            if by is not None and by.is_authenticated:
                reversion.set_user(by)
            record(article, AuditAction.CREATED, by=by)
    return article


def save_edits(article: Article, *, by=None, expected_version: int | None = None) -> Article:
    """Store the content `article` carries (headline, body, filing…) over the saved story.

    Its status, times and counters stay as stored: only transitions move them. With
    `expected_version`, a save over someone else's newer save is refused (EditConflict).
    """
    content = [name for name in Article.CONTENT_FIELDS]

    def apply(story, now):
        if by is not None:
            require(may_edit(by, story), "You may not edit this story.")
            if not is_editor(by) and story.updated_at != article.updated_at:
                raise PermissionDenied("Only editors may mark a story as updated.")
        if expected_version is not None and story.version != expected_version:
            raise EditConflict("Someone else saved this story meanwhile.", code="edit_conflict")
        for name in content:
            setattr(story, name, getattr(article, name))
        return True

    take_step(article, action=AuditAction.SAVED, apply=apply, by=by, comment="Saved")
    return article


def submit_for_review(article: Article, *, by=None) -> Article:
    """A draft goes to the editors. Its author (or an editor) may do this."""
    if by is not None:
        require(may_edit(by, article), "You may only submit your own drafts.")

    def apply(story, now):
        if not _guard(SUBMIT, story):
            return False
        story.status = SUBMIT.target
        return True

    take_step(article, action=AuditAction.SUBMITTED, apply=apply, by=by, comment="Submitted")
    return article


def return_to_draft(article: Article, *, by=None) -> Article:
    """Back to draft: a story in review (its reporter may pull it back) or a withdrawn one
    (editors only)."""
    if by is not None:
        require(may_edit(by, article), "Only editors may return this story to draft.")

    def apply(story, now):
        if not _guard(RETURN_TO_DRAFT, story):
            return False
        story.status = RETURN_TO_DRAFT.target
        return True

    take_step(article, action=AuditAction.RETURNED, apply=apply, by=by, comment="Back to draft")
    return article


def publish(article: Article, *, at=None, by=None) -> Article:
    """Publish now, or schedule for `at` (a future time); a backdated `at` publishes now with
    that date. Visibility follows from the times (`Article.objects.published()`), so a story
    scheduled for 09:00 appears everywhere at 09:00 without any job running. An embargo still
    holds a published story back until it ends (see `set_embargo`)."""
    if by is not None:
        require(is_editor(by), "Only editors may publish or schedule stories.")
    scheduled = at is not None and at > timezone.now()

    def apply(story, now):
        if story.status == Status.PUBLISHED and story.published_at is not None:
            if at is None and story.published_at <= now:
                return False  # already out
            if at is not None and story.published_at == at:
                return False  # already set for that time
        if story.status not in PUBLISH.sources:
            raise TransitionNotAllowed(PUBLISH.refusal)
        require_byline(story)
        require_alt_text(story)
        require_agency_clearance(story)
        story.status = PUBLISH.target
        story.published_at = at or now
        return True

    take_step(
        article,
        action=AuditAction.SCHEDULED if scheduled else AuditAction.PUBLISHED,
        apply=apply,
        by=by,
        comment="Scheduled" if scheduled else "Published",
        note=f"for {_when(at)}" if scheduled else "",
    )
    return article


def schedule(article: Article, at, *, by=None) -> Article:
    """Publish at a future time `at`."""
    if at <= timezone.now():
        raise ValidationError("A scheduled time must be in the future.", code="past")
    return publish(article, at=at, by=by)


def set_embargo(article: Article, until, *, by=None) -> Article:
    """Hold the story back from readers until `until` whatever its publish time says (an
    agency's or a source's embargo); `until=None` lifts the embargo."""

    def apply(story, now):
        if story.embargo_until == until:
            return False
        if by is not None:
            require(is_editor(by), "Only editors may set or lift embargoes.")
        story.embargo_until = until
        return True

    take_step(
        article,
        action=AuditAction.EMBARGOED if until else AuditAction.EMBARGO_LIFTED,
        apply=apply,
        by=by,
        comment="Embargoed" if until else "Embargo lifted",
        note=f"until {_when(until)}" if until else "",
    )
    return article


def unpublish(article: Article, *, by=None) -> Article:
    """Withdraw a live, scheduled or embargoed story. A story readers have seen keeps its first
    publication time and answers 410 Gone; one they never saw answers 404, as if it never was."""
    if by is not None:
        require(is_editor(by), "Only editors may withdraw stories.")

    def apply(story, now):
        if not _guard(WITHDRAW, story):
            return False
        story.status = WITHDRAW.target
        return True

    take_step(article, action=AuditAction.UNPUBLISHED, apply=apply, by=by, comment="Withdrawn")
    return article


def move_to_status(article: Article, status: str, *, at=None, by=None) -> Article:
    """Take the story from its status to `status`, through the transitions in between (a form
    asking for one status calls this and decides nothing else). For "published", `at` is the
    publish time (None: now)."""
    path = path_to(article.status, status)
    if path is None:
        raise TransitionNotAllowed(
            f"A story that is “{article.get_status_display()}” cannot become "
            f"“{Status(status).label}”."
        )
    if status == Status.PUBLISHED:
        path = path or [PUBLISH]  # publishing again may move a published story's time
    for move in path:
        STEPS[move](article, at=at, by=by)
    return article


def _publish_at(article, *, at=None, by=None):
    return publish(article, at=at, by=by)


def _without_time(step):
    return lambda article, *, at=None, by=None: step(article, by=by)


# Which function takes each move of the table (`rules.MOVES`).
STEPS = {
    SUBMIT: _without_time(submit_for_review),
    RETURN_TO_DRAFT: _without_time(return_to_draft),
    PUBLISH: _publish_at,
    WITHDRAW: _without_time(unpublish),
}


def restore_revision(article: Article, version, *, by=None) -> Article:
    """Put the story's content and relations back as `version` recorded them.

    The workflow state (status, publish and embargo times, first publication) stays as it is
    now; the edit counter moves on. The restore is itself a revision, so it can be undone.
    """
    if by is not None:
        require(is_editor(by), "Only editors may restore revisions.")
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise RestoreFailed("That revision belongs to another story.")
    when = f"{version.revision.date_created:%Y-%m-%d %H:%M:%S}"

    def apply(story, now):
        revert_content(story, version)
        return True

    take_step(
        article,
        action=AuditAction.RESTORED,
        apply=apply,
        by=by,
        comment=f"Restored the revision of {when}",
        note=f"revision of {when}",
    )
    return article


def add_correction(article: Article, kind: str, text: str, *, by=None) -> Correction:
    """Append a correction, clarification or update (immutable from then on).

    The story's `updated_at` follows, so its modified time (page, JSON-LD, feeds) moves too.
    """
    if by is not None:
        require(is_editor(by), "Only editors may add corrections.")
    if kind not in CorrectionKind.values:
        raise ValueError(f"Unknown correction kind {kind!r}")
    if not text.strip():
        raise ValueError("A correction needs a text.")
    added = []

    def apply(story, now):
        added.append(
            Correction.objects.create(
                article=story, kind=kind, text=text.strip(), created_at=now, created_by=by
            )
        )
        story.updated_at = now
        return True

    take_step(
        article,
        action=AuditAction.CORRECTED,
        apply=apply,
        by=by,
        comment="Correction added",
        note=lambda story: str(added[0]),
    )
    return added[0]
