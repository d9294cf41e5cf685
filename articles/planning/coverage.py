"""Coverage: who is on what, and how it becomes the story.

- `save_coverage` — an editor adds or changes a coverage (kind, person and/or desk, due time,
  brief, cancelled); the person or desk newly on it is told, and so is whoever answers for it
  when its due time or brief changes.
- `take_coverage` — a desk's member takes the desk's open assignment themselves; the desk's
  channel and the line's planner are told.
- `start_coverage` — "Start" on a text or live coverage: the draft is created through the
  workflow (`create_story`), pre-filled from the plan (slug, section, headline, regions, tags,
  the event's place as dateline, the assignee as author), and linked. Starting twice is
  refused and names the story already started.
- `deliver_picture` — a photo or graphic coverage is delivered by a picture from the library.

A story's own progress afterwards (filed, published, withdrawn) reaches the coverage through
`articles.changes` (`Coverage.objects.follow_story`).
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    STORY_KINDS,
    Article,
    ArticleAuthor,
    Author,
    Coverage,
    CoverageKind,
    CoverageStatus,
    NotificationKind,
    PlanLine,
    PlanningAction,
)
from articles.stories import derived
from articles.taxonomy.regions import file_story
from articles.workflow import create_story

from . import audit, notifications, rules
from .budget import save_plan_line

TRACKED = ("kind", "assignee", "desk", "due_at", "brief", "status")


def _who(user) -> str:
    return (user.get_full_name().strip() or user.get_username()) if user else "nobody"


def _due(coverage: Coverage) -> str:
    if coverage.due_at is None:
        return ""
    return f", due {timezone.localtime(coverage.due_at):%a %-d %b %H:%M}"


def describe(coverage: Coverage) -> str:
    """ "COUNCIL-BUDGET: text, due Tue 9 Dec 17:00" """
    return f"{coverage.plan_line.slug}: {coverage.get_kind_display().lower()}{_due(coverage)}"


def settle_status(coverage: Coverage) -> None:
    """Where a coverage not yet fulfilled stands by who is on it (cancelled stays)."""
    if coverage.status == CoverageStatus.CANCELLED:
        return
    if coverage.article_id:
        coverage.status = CoverageStatus.for_story(coverage.article.status)
    elif coverage.image_id:
        coverage.status = CoverageStatus.DELIVERED
    else:
        named = coverage.assignee_id or coverage.desk_id
        coverage.status = CoverageStatus.ASSIGNED if named else CoverageStatus.OPEN


def save_coverage(coverage: Coverage, *, by=None, cancelled: bool | None = None) -> Coverage:
    """Store an editor's new or changed coverage (see the module docstring)."""
    rules.require_planner(by)
    rules.require_assignable(coverage.assignee)
    with transaction.atomic():
        before = None
        if coverage.pk:
            stored = Coverage.objects.select_for_update().get(pk=coverage.pk)
            before = audit.snapshot(stored, TRACKED)
        if cancelled is True:
            coverage.status = CoverageStatus.CANCELLED
        elif cancelled is False and coverage.status == CoverageStatus.CANCELLED:
            coverage.status = CoverageStatus.OPEN
        settle_status(coverage)
        if before is not None and stored.due_at != coverage.due_at:
            coverage.reminded_at = None  # a new due time earns a new reminder
        coverage.save()
        after = audit.snapshot(coverage, TRACKED)
        line = coverage.plan_line
        if line.settle_state():
            line.save(update_fields=["state"])
        if before is None:
            audit.record(PlanningAction.CREATED, by=by, line=line, coverage=coverage)
            _tell_assigned(coverage, by)
        else:
            change = audit.differences(before, after, coverage)
            if change:
                audit.record(
                    PlanningAction.ASSIGNED
                    if _newly_on(stored, coverage)
                    else PlanningAction.CHANGED,
                    by=by,
                    line=line,
                    coverage=coverage,
                    note=change,
                )
                _tell_changed(stored, coverage, change, by)
    return coverage


def _newly_on(stored: Coverage, coverage: Coverage) -> bool:
    return (stored.assignee_id, stored.desk_id) != (coverage.assignee_id, coverage.desk_id)


def _tell_assigned(coverage: Coverage, by) -> None:
    if coverage.status == CoverageStatus.OPEN:
        return
    whom = _who(coverage.assignee) if coverage.assignee_id else str(coverage.desk)
    notifications.tell_about_coverage(
        coverage,
        kind=NotificationKind.ASSIGNED,
        message=f"Assigned to {whom}: {describe(coverage)} — {coverage.plan_line.headline}",
        body=coverage.brief,
        by=by,
    )


def _tell_changed(stored: Coverage, coverage: Coverage, change: str, by) -> None:
    if _newly_on(stored, coverage):
        _tell_assigned(coverage, by)
        if stored.assignee_id and stored.assignee_id != coverage.assignee_id:
            notifications.tell(
                [stored.assignee],
                kind=NotificationKind.CHANGED,
                message=f"No longer yours: {describe(coverage)}",
                link=notifications.line_link(coverage.plan_line),
                by=by,
            )
        return
    if coverage.status != CoverageStatus.OPEN:
        notifications.tell_about_coverage(
            coverage,
            kind=NotificationKind.CHANGED,
            message=f"Changed: {describe(coverage)}",
            body=change,
            by=by,
        )


def take_coverage(coverage: Coverage, *, by) -> Coverage:
    """`by`, a member of the coverage's desk, takes its open assignment."""
    with transaction.atomic():
        coverage = (
            Coverage.objects.select_for_update(of=("self",))
            .select_related("plan_line", "desk")
            .get(pk=coverage.pk)
        )
        if coverage.assignee_id == by.pk:
            return coverage
        if coverage.assignee_id is not None:
            raise ValidationError(
                f"{_who(coverage.assignee)} is already on it.", code="already_assigned"
            )
        if not rules.may_take(by, coverage):
            raise PermissionDenied("Only a member of the coverage's desk may take it.")
        rules.require_assignable(by)
        coverage.assignee = by
        settle_status(coverage)
        coverage.save(update_fields=["assignee", "status"])
        line = coverage.plan_line
        if line.settle_state():
            line.save(update_fields=["state"])
        audit.record(PlanningAction.TAKEN, by=by, line=line, coverage=coverage)
        notifications.tell(
            [line.created_by],
            kind=NotificationKind.TAKEN,
            message=f"{_who(by)} took {describe(coverage)}",
            link=notifications.line_link(line),
            desk=coverage.desk,
            by=by,
        )
    return coverage


def start_coverage(coverage: Coverage, *, by) -> Article:
    """ "Start": the coverage's draft, created through the workflow and pre-filled from the
    plan; returns the story. A desk's open assignment is taken by whoever starts it."""
    with transaction.atomic():
        coverage = (
            Coverage.objects.select_for_update(of=("self",))
            .select_related("plan_line__section", "article", "assignee")
            .get(pk=coverage.pk)
        )
        _check_startable(coverage, by)
        if coverage.assignee_id is None:
            rules.require_assignable(by)
            coverage.assignee = by
        line = coverage.plan_line
        article = create_story(_draft(coverage), by=by)
        _file(article, coverage)
        coverage.article, coverage.started_at = article, timezone.now()
        settle_status(coverage)
        coverage.save(update_fields=["assignee", "article", "started_at", "status"])
        if line.settle_state():
            line.save(update_fields=["state"])
        audit.record(
            PlanningAction.STARTED,
            by=by,
            line=line,
            coverage=coverage,
            note=f"story “{article.headline[:200]}”",
        )
    return article


def _check_startable(coverage: Coverage, by) -> None:
    if coverage.kind not in STORY_KINDS:
        raise ValidationError(
            f"A {coverage.get_kind_display().lower()} coverage is delivered with a picture or "
            "by hand, not started as a story.",
            code="not_a_story",
        )
    if coverage.article_id:
        raise ValidationError(
            f"This coverage was started already: its story is “{coverage.article.headline}”. "
            "Open that story instead.",
            code="started_twice",
        )
    if coverage.status == CoverageStatus.CANCELLED:
        raise ValidationError("This coverage was cancelled.", code="cancelled")
    if not rules.may_work_on(by, coverage):
        raise PermissionDenied("Only its assignee, its desk's members or an editor may start it.")


def _unique_slug(base: str) -> str:
    base = slugify(base)[:180].strip("-") or "story"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)[:1000])
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _places(coverage: Coverage) -> list:
    line = coverage.plan_line
    regions = list(line.regions.all())
    for event in line.events.select_related("region"):
        if event.region_id and event.region not in regions:
            regions.append(event.region)
    return regions


def _draft(coverage: Coverage) -> Article:
    line = coverage.plan_line
    event = line.events.select_related("region").exclude(region=None).first()
    return Article(
        headline=line.headline,
        slug=_unique_slug(line.slug or line.headline),
        standfirst="",
        body="",
        section=line.section,
        dateline=event.region.name.upper()[:120] if event else "",
        byline_override="" if _author(coverage) else "Staff Correspondent",
    )


def _author(coverage: Coverage) -> Author | None:
    if coverage.assignee_id is None:
        return None
    return Author.objects.filter(user_id=coverage.assignee_id).first()


def _file(article: Article, coverage: Coverage) -> None:
    """File the new draft as the plan says, then record that as one revision (as the wire
    desk files its drafts)."""
    file_story(article, _places(coverage))
    tags = list(coverage.plan_line.tags.all())
    if tags:
        article.tags.add(*tags)
    author = _author(coverage)
    if author is not None:
        ArticleAuthor.objects.create(article=article, author=author, position=0)
        derived.refresh(article)
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment(f"Filed from the plan ({coverage.plan_line.slug})")


def deliver_picture(coverage: Coverage, image, *, by) -> Coverage:
    """A photo or graphic coverage is delivered by `image`, a picture from the library."""
    with transaction.atomic():
        coverage = (
            Coverage.objects.select_for_update(of=("self",))
            .select_related("plan_line")
            .get(pk=coverage.pk)
        )
        if coverage.kind not in (CoverageKind.PHOTO, CoverageKind.GRAPHIC):
            raise ValidationError("Only a photo or graphic coverage is delivered by a picture.")
        if coverage.status == CoverageStatus.CANCELLED:
            raise ValidationError("This coverage was cancelled.", code="cancelled")
        if not rules.may_work_on(by, coverage):
            raise PermissionDenied(
                "Only its assignee, its desk's members or an editor may deliver it."
            )
        if coverage.assignee_id is None:
            coverage.assignee = by
        coverage.image = image
        coverage.status = CoverageStatus.DELIVERED
        coverage.delivered_at = coverage.delivered_at or timezone.now()
        coverage.save(update_fields=["assignee", "image", "status", "delivered_at"])
        line = coverage.plan_line
        if line.settle_state():
            line.save(update_fields=["state"])
        audit.record(
            PlanningAction.DELIVERED, by=by, line=line, coverage=coverage, note=f"picture “{image}”"
        )
        notifications.tell(
            [line.created_by],
            kind=NotificationKind.CHANGED,
            message=f"Delivered: {describe(coverage)} — “{image}”",
            link=notifications.line_link(line),
            desk=coverage.desk,
            by=by,
        )
    return coverage


def plan_story(article: Article, *, by=None):
    """ "Add to plan" on a story (a wire story, say): a plan line for today in its section, with a
    text coverage the story already fulfils (its state follows the story from here on)."""
    rules.require_planner(by)
    taken = Coverage.objects.filter(article=article).select_related("plan_line").first()
    if taken is not None:
        raise ValidationError(
            f"“{article.headline}” is on the plan already, as {taken.plan_line.slug}.",
            code="planned_already",
        )
    with transaction.atomic():
        line = save_plan_line(
            PlanLine(
                slug=slugify(article.headline)[:40].upper() or "STORY",
                headline=article.headline[:200],
                section=article.section,
                planned_on=timezone.localdate(),
            ),
            by=by,
        )
        save_coverage(Coverage(plan_line=line, kind=CoverageKind.TEXT, article=article), by=by)
    return line
