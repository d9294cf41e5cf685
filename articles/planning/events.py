"""Events: saved with their dates and rules checked, their status changed with what follows,
put on the plan, deleted only when nothing delivered hangs on them.

Postponing or cancelling an event (by an editor, or by the agency's update) marks every plan
line covering it that is not spiked, and each of their coverages not cancelled, with the
reason, and tells whoever is on them (a story already published may need an update); confirming it again clears those marks and says so. A public event's
page, "What's on" and calendar change with it (`articles.changes.event_changed`).
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import changes
from articles.models import (
    CALLED_OFF,
    Coverage,
    CoverageStatus,
    DatePrecision,
    Event,
    EventStatus,
    LineState,
    NotificationKind,
    PlanLine,
    PlanningAction,
    PlanSlot,
)

from . import audit, notifications, recurrence, rules
from .budget import save_plan_line

TRACKED = ("title", "starts_at", "ends_at", "precision", "recurrence", "venue", "region", "public")
# A recurring event is planned at most this many occurrences at a time (a year of a weekly
# meeting), however far its rule runs.
MAX_PLANNED_OCCURRENCES = 60
_NOTICE_PREFIX = "Event "


def check_event(event: Event) -> None:
    """Refuse an event the desk cannot plan with, saying why; tidies the rule and the slug."""
    errors = {}
    if not event.title.strip():
        errors["title"] = "Give the event a title."
    if event.starts_at is None:
        errors["starts_at"] = "Say when it starts (a day or a month will do)."
    elif event.ends_at is not None and event.ends_at < event.starts_at:
        errors["ends_at"] = "It cannot end before it starts."
    if event.precision == DatePrecision.MONTH and event.public:
        errors["public"] = (
            "An event known only to the month cannot go on the public What's on until its day "
            "is known."
        )
    if event.status in CALLED_OFF and not event.status_reason.strip():
        errors["status_reason"] = f"Say why it was {event.get_status_display().lower()}."
    for link in event.link_list:
        if not link.lower().startswith(("http://", "https://")):
            errors["links"] = f"“{link[:80]}” is not an http(s) address."
    try:
        event.recurrence = recurrence.normalise(event.recurrence)
    except recurrence.RecurrenceError as problem:
        errors["recurrence"] = problem.messages[0]
    if errors:
        raise ValidationError(errors)
    event.slug = event.slug or slugify(event.title)[:200] or "event"


def save_event(event: Event, *, by=None) -> Event:
    """Store a new or changed event; a changed status sets off `_status_changed`."""
    rules.require_planner(by)
    check_event(event)
    with transaction.atomic():
        stored = Event.objects.select_for_update().filter(pk=event.pk).first() if event.pk else None
        if stored is None:
            if by is not None and by.is_authenticated:
                event.created_by = by
            event.save()
            audit.record(PlanningAction.CREATED, by=by, event=event)
        else:
            before = audit.snapshot(stored, TRACKED)
            event.version = stored.version + 1
            event.updated_at = timezone.now()
            event.save()
            change = audit.differences(before, audit.snapshot(event, TRACKED), event)
            if change:
                audit.record(PlanningAction.CHANGED, by=by, event=event, note=change)
        if stored is not None and (stored.status, stored.status_reason) != (
            event.status,
            event.status_reason,
        ):
            _status_changed(event, stored.status, by=by)
        elif stored is None and event.status in CALLED_OFF:
            audit.record(PlanningAction.STATUS, by=by, event=event, note=_status_note(event))
        changes.event_changed(event, was_public=stored is not None and _shown(stored))
    return event


def _shown(event: Event) -> bool:
    return event.public and event.status != EventStatus.PLANNED


def _status_note(event: Event, old: str = "") -> str:
    label = event.get_status_display()
    reason = f" ({event.status_reason})" if event.status_reason else ""
    return f"status: {EventStatus(old).label} → {label}{reason}" if old else f"{label}{reason}"


def set_status(event: Event, status: str, *, reason: str = "", by=None) -> Event:
    """Confirm, postpone or cancel an event (with the reason for the last two)."""
    event.status, event.status_reason = status, reason.strip()
    return save_event(event, by=by)


def _status_changed(event: Event, old: str, *, by) -> None:
    audit.record(PlanningAction.STATUS, by=by, event=event, note=_status_note(event, old))
    # Published lines too: a story already out about an event now postponed needs an update.
    lines = PlanLine.objects.filter(events=event).exclude(state=LineState.SPIKED)
    open_coverage = Coverage.objects.filter(plan_line__in=lines).exclude(
        status=CoverageStatus.CANCELLED
    )
    if event.status in CALLED_OFF:
        notice = f"{_NOTICE_PREFIX}{event.get_status_display().lower()}: {event.status_reason}"
        message = f"{event.get_status_display()}: {event.title} — {event.status_reason}"
    elif old in CALLED_OFF:
        notice, message = "", f"Back on: {event.title} is {event.get_status_display().lower()}"
    else:
        return
    # Only the marks an event left are cleared; an editor's own notice stays.
    lines.filter(notice__startswith=_NOTICE_PREFIX).update(notice="")
    open_coverage.filter(notice__startswith=_NOTICE_PREFIX).update(notice="")
    if notice:
        lines.filter(notice="").update(notice=notice[:300])
        open_coverage.filter(notice="").update(notice=notice[:300])
    for coverage in open_coverage.select_related("assignee", "desk", "plan_line__desk"):
        notifications.tell_about_coverage(
            coverage,
            kind=NotificationKind.CALLED_OFF if notice else NotificationKind.CHANGED,
            message=f"{message} ({coverage.plan_line.slug})",
            by=by,
        )
    for line in lines.select_related("created_by"):
        audit.record(PlanningAction.CHANGED, by=by, line=line, note=notice or "event back on")


def delete_event(event: Event, *, by=None) -> None:
    """Delete an event; refused while coverage of it was delivered (cancel it instead: what it
    led to stays on record)."""
    rules.require_planner(by)
    delivered = Coverage.objects.filter(
        plan_line__events=event, status=CoverageStatus.DELIVERED
    ).select_related("plan_line")
    first = delivered.first()
    if first is not None:
        raise ValidationError(
            f"“{event.title}” cannot be deleted: its coverage “{first.plan_line.slug}” was "
            "delivered. Cancel the event instead; deleting it would lose what it led to.",
            code="delivered",
        )
    with transaction.atomic():
        was_public = _shown(event)
        audit.record(PlanningAction.DELETED, by=by, subject=str(event), note=_when(event))
        event.delete()
        if was_public:
            changes.event_changed(event, was_public=True)


def _when(event: Event) -> str:
    return f"{timezone.localtime(event.starts_at):%Y-%m-%d %H:%M}"


def _slot_of(moment) -> str:
    hour = timezone.localtime(moment).hour
    if hour < 6:
        return PlanSlot.NIGHT
    if hour < 11:
        return PlanSlot.MORNING
    if hour < 14:
        return PlanSlot.MIDDAY
    if hour < 18:
        return PlanSlot.AFTERNOON
    return PlanSlot.EVENING


def plan_event(event: Event, *, section, by=None, at=None) -> PlanLine:
    """ "Add to plan": a plan line covering `event` (its occurrence at `at`, for a recurring
    one), on its day, in the slot its time falls in, for the editor to complete."""
    rules.require_planner(by)
    moment = at or event.starts_at
    line = PlanLine(
        slug=slugify(event.title)[:40].upper() or "EVENT",
        headline=event.title[:200],
        summary=event.description[:2000],
        section=section,
        planned_on=timezone.localdate(moment),
        slot=_slot_of(moment) if event.precision == DatePrecision.TIME else PlanSlot.ANY,
    )
    if at is not None:
        line.occurrence_of, line.occurrence_at = event, at
    with transaction.atomic():
        save_plan_line(line, by=by)
        line.events.add(event)
        if event.region_id:
            line.regions.add(event.region_id)
    return line


def plan_occurrences(event: Event, *, section, until, by=None) -> list[PlanLine]:
    """A plan line per occurrence of a recurring event from today to `until` (a date), at most
    `MAX_PLANNED_OCCURRENCES`; occurrences already planned are left alone. Returns the new
    lines."""
    rules.require_planner(by)
    if not event.recurrence:
        raise ValidationError("Only a recurring event has occurrences to plan.")
    today = timezone.localdate()
    if until < today:
        raise ValidationError("Choose a day still to come.")
    zone = timezone.get_current_timezone()
    moments = recurrence.occurrences(
        event.recurrence,
        event.starts_at,
        after=timezone.make_aware(datetime.combine(today, time.min), zone),
        before=timezone.make_aware(datetime.combine(until, time.max), zone),
        limit=MAX_PLANNED_OCCURRENCES + 1,
    )
    if len(moments) > MAX_PLANNED_OCCURRENCES:
        last = timezone.localdate(moments[MAX_PLANNED_OCCURRENCES - 1])
        raise ValidationError(
            f"That makes more than {MAX_PLANNED_OCCURRENCES} plan lines; plan up to {last:%-d %b %Y} "
            "first (or a nearer day).",
            code="too_many",
        )
    planned = set(
        PlanLine.objects.filter(occurrence_of=event).values_list("occurrence_at", flat=True)
    )
    made = []
    for moment in moments:
        if moment in planned:
            continue
        try:
            with transaction.atomic():
                made.append(plan_event(event, section=section, by=by, at=moment))
        except IntegrityError:
            continue  # planned meanwhile by someone else
    return made


def upcoming(events, *, days: int = 60, now=None):
    """`events` with their occurrences in the next `days` days, soonest first: [(start, event)]."""
    now = now or timezone.now()
    before = now + timedelta(days=days)
    found = []
    for event in events:
        for start in recurrence.occurrences(
            event.recurrence, event.starts_at, after=now - timedelta(hours=12), before=before
        ):
            found.append((start, event))
    return sorted(found, key=lambda pair: (pair[0], pair[1].pk))
