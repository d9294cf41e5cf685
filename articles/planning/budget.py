"""The budget: plan lines saved, re-planned and spiked, and the budget of a day or a week.

A plan line's day and slot are the desk's intention, never a publish time (that is the
workflow's: `articles.workflow.publish(at=…)`). Re-planning moves a line to another day, slot
or position; whoever is on it is told. `budget()` reads a day or a week of lines with their
coverage, people, desks, events and stories in a fixed number of queries however many lines
there are, and `grouped()` arranges them by section (in the order the desk chose) or by desk,
leaving out empty groups.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from articles.models import (
    BudgetSection,
    Coverage,
    CoverageStatus,
    Desk,
    Event,
    LineState,
    NotificationKind,
    PlanLine,
    PlanningAction,
    PlanSlot,
    Section,
)

from . import audit, notifications, rules

TRACKED = ("slug", "headline", "section", "desk", "planned_on", "slot", "priority", "shared")
SLOT_ORDER = [slot for slot, _ in PlanSlot.choices]
# A week's budget at most: longer spans are the calendar's job.
MAX_DAYS = 7


def check_line(line: PlanLine) -> None:
    """Refuse a line the desk cannot plan with, saying why."""
    if not line.slug.strip():
        raise ValidationError({"slug": "Give the line a slug, e.g. COUNCIL-BUDGET."})
    if line.planned_on is None:
        raise ValidationError({"planned_on": "Choose the day it is planned for."})


def save_plan_line(line: PlanLine, *, by=None) -> PlanLine:
    """Store a new or changed plan line (an editor's); whoever is on it hears of a new day or
    slot."""
    rules.require_planner(by)
    check_line(line)
    line.slug = line.slug.strip().upper().replace(" ", "-")
    with transaction.atomic():
        before = None
        if line.pk:
            stored = PlanLine.objects.select_for_update().get(pk=line.pk)
            before = audit.snapshot(stored, TRACKED)
            line.version = stored.version + 1
        elif by is not None and by.is_authenticated:
            line.created_by = by
        line.updated_at = timezone.now()
        line.save()
        if before is None:
            audit.record(PlanningAction.CREATED, by=by, line=line)
            return line
        change = audit.differences(before, audit.snapshot(line, TRACKED), line)
        if change:
            audit.record(PlanningAction.CHANGED, by=by, line=line, note=change)
            if (stored.planned_on, stored.slot) != (line.planned_on, line.slot):
                _tell_moved(line, by)
    return line


def _active_coverage(line: PlanLine):
    return line.coverages.exclude(
        status__in=(CoverageStatus.CANCELLED, CoverageStatus.DELIVERED)
    ).select_related("assignee", "desk", "plan_line__desk")


def _tell_moved(line: PlanLine, by) -> None:
    when = f"{line.planned_on:%a %-d %b}, {line.get_slot_display().lower()}"
    for coverage in _active_coverage(line):
        notifications.tell_about_coverage(
            coverage,
            kind=NotificationKind.CHANGED,
            message=f"Re-planned: {line.slug} is now planned for {when}",
            by=by,
        )


def move_line(line: PlanLine, *, day: date, slot: str, position: int | None = None, by=None):
    """Re-plan `line` to `day` and `slot` (at `position` among that slot's lines, else last)."""
    rules.require_planner(by)
    if slot not in SLOT_ORDER:
        raise ValidationError(f"“{slot}” is not a slot of the day.", code="slot")
    with transaction.atomic():
        line = PlanLine.objects.select_for_update().get(pk=line.pk)
        before = audit.snapshot(line, ("planned_on", "slot"))
        neighbours = list(
            PlanLine.objects.filter(planned_on=day, slot=slot)
            .exclude(pk=line.pk)
            .order_by("position", "pk")
        )
        at = len(neighbours) if position is None else max(0, min(position, len(neighbours)))
        neighbours.insert(at, line)
        line.planned_on, line.slot = day, slot
        for number, row in enumerate(neighbours):
            row.position = number
        PlanLine.objects.bulk_update(neighbours, ["position"])
        line.version += 1
        line.updated_at = timezone.now()
        line.save(update_fields=["planned_on", "slot", "position", "version", "updated_at"])
        change = audit.differences(before, audit.snapshot(line, ("planned_on", "slot")), line)
        if change:
            audit.record(PlanningAction.MOVED, by=by, line=line, note=change)
            _tell_moved(line, by)
    return line


def spike_line(line: PlanLine, *, reason: str = "", by=None) -> PlanLine:
    """Drop a line from the plan: its open coverage is cancelled and whoever was on it told.
    Delivered coverage stays delivered (a published story is not unpublished by this)."""
    rules.require_planner(by)
    with transaction.atomic():
        line = PlanLine.objects.select_for_update().get(pk=line.pk)
        if line.state == LineState.SPIKED:
            return line
        told = list(_active_coverage(line))
        line.state = LineState.SPIKED
        line.notice = (f"Spiked: {reason}" if reason else "Spiked")[:300]
        line.version += 1
        line.save(update_fields=["state", "notice", "version"])
        for coverage in told:
            notifications.tell_about_coverage(
                coverage,
                kind=NotificationKind.CHANGED,
                message=f"Spiked: {line.slug} is off the plan{f' ({reason})' if reason else ''}",
                by=by,
            )
        line.coverages.filter(pk__in=[c.pk for c in told]).update(status=CoverageStatus.CANCELLED)
        audit.record(PlanningAction.SPIKED, by=by, line=line, note=reason)
    return line


def delete_lines(lines, *, by=None) -> int:
    """Delete plan lines; refused for a line whose coverage was delivered (spike it: the record
    of what it led to stays). Returns how many were deleted."""
    rules.require_planner(by)
    delivered = Coverage.objects.filter(plan_line__in=lines, status=CoverageStatus.DELIVERED)
    first = delivered.select_related("plan_line").first()
    if first is not None:
        raise ValidationError(
            f"“{first.plan_line.slug}” has delivered coverage, so it cannot be deleted: spike "
            "it instead, and the record of what it led to stays.",
            code="delivered",
        )
    with transaction.atomic():
        for line in lines:
            audit.record(PlanningAction.DELETED, by=by, subject=str(line))
        count, _ = PlanLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return count


# The budget ------------------------------------------------------------------------------


def budget(first: date, days: int = 1, *, user=None, desk=None, section=None) -> list[PlanLine]:
    """The lines planned from `first` for `days` days that `user` may see (optionally one
    desk's or one section's), in order, each with its coverage (people, desk, story, picture)
    and events: three queries whatever the number of lines."""
    days = max(1, min(days, MAX_DAYS))
    lines = PlanLine.objects.filter(planned_on__gte=first, planned_on__lt=first + timedelta(days))
    if desk is not None:
        lines = lines.filter(desk=desk)
    if section is not None:
        lines = lines.filter(section=section)
    coverage = Coverage.objects.select_related("assignee", "desk", "article", "image").order_by(
        "position", "pk"
    )
    events = Event.objects.only("pk", "title", "status", "status_reason", "starts_at")
    lines = rules.visible_lines(user, lines).select_related("section", "desk")
    return sorted(
        lines.prefetch_related(
            Prefetch("coverages", queryset=coverage), Prefetch("events", queryset=events)
        ),
        key=lambda line: (line.planned_on, SLOT_ORDER.index(line.slot), line.position, line.pk),
    )


@dataclass
class BudgetGroup:
    """One heading of the budget (a section or a desk) and its lines."""

    title: str
    key: str
    lines: list = field(default_factory=list)


def section_order() -> list[Section]:
    """Sections in the order the desk chose for its budget, then the rest in the site's
    order."""
    chosen = {row.section_id: row.position for row in BudgetSection.objects.all()}
    return sorted(
        Section.objects.all(), key=lambda s: (s.pk not in chosen, chosen.get(s.pk, 0), s.order)
    )


def grouped(lines: list[PlanLine], *, by: str = "section") -> list[BudgetGroup]:
    """`lines` under their sections (in the desk's order) or desks; empty groups left out."""
    if by == "desk":
        order = [(f"desk-{d.pk}", d.name) for d in Desk.objects.all()]
        key_of = lambda line: f"desk-{line.desk_id}" if line.desk_id else "desk-none"  # noqa: E731
        order.append(("desk-none", "No desk"))
    else:
        order = [(f"section-{s.pk}", s.name) for s in section_order()]
        key_of = lambda line: f"section-{line.section_id}"  # noqa: E731
    groups = {key: BudgetGroup(title, key) for key, title in order}
    for line in lines:
        groups[key_of(line)].lines.append(line)
    return [group for group in groups.values() if group.lines]


def arrange_sections(sections: list[Section], *, by=None) -> None:
    """The desk's order of sections on the budget, first to last."""
    rules.require_planner(by)
    with transaction.atomic():
        BudgetSection.objects.all().delete()
        BudgetSection.objects.bulk_create(
            BudgetSection(section=section, position=number)
            for number, section in enumerate(sections)
        )
