"""Reminders the clock sets off: coverage due soon, and each person's daily digest.

`manage.py send_planning_notifications` runs these (every few minutes from cron or a timer;
`--digest` once in the morning) and then sends what is waiting. Both are idempotent: a
coverage is reminded once per due time (`reminded_at`), a person gets one digest a day (a
unique row), so running them twice tells nobody twice.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Coverage, CoverageStatus, Notification, NotificationKind

from . import notifications
from .coverage import describe

# Coverage still owed: reminders and digests are about these.
OWED = (CoverageStatus.ASSIGNED, CoverageStatus.IN_PROGRESS)


def remind_due_soon(*, now=None) -> int:
    """Tell whoever answers for each coverage due within PLANNING_DUE_SOON_MINUTES and not yet
    filed; returns how many coverages were reminded."""
    now = now or timezone.now()
    window = now + timedelta(minutes=settings.PLANNING_DUE_SOON_MINUTES)
    due = Coverage.objects.filter(
        status__in=OWED, reminded_at__isnull=True, due_at__gt=now, due_at__lte=window
    ).select_related("assignee", "desk", "plan_line__desk")
    reminded = 0
    for coverage in due:
        with transaction.atomic():
            claimed = Coverage.objects.filter(pk=coverage.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue  # another run reminded it meanwhile
            minutes = max(1, int((coverage.due_at - now).total_seconds() // 60))
            notifications.tell_about_coverage(
                coverage,
                kind=NotificationKind.DUE_SOON,
                message=f"Due in {minutes} min: {describe(coverage)} — {coverage.plan_line.headline}",
                body=coverage.brief,
            )
            reminded += 1
    return reminded


def digest_lines(person, day) -> list[str]:
    """What `person`'s day holds: their owed coverage due or planned today (or overdue), and
    their desks' open assignments for today."""
    mine = (
        Coverage.objects.filter(assignee=person, status__in=OWED)
        .filter(Q(due_at__date__lte=day) | Q(plan_line__planned_on=day))
        .select_related("plan_line")
        .order_by("due_at", "pk")
    )
    open_on_desks = (
        Coverage.objects.filter(
            desk__members=person, assignee__isnull=True, plan_line__planned_on=day
        )
        .exclude(status=CoverageStatus.CANCELLED)
        .select_related("plan_line")
        .distinct()
    )
    lines = [f"• {describe(c)} — {c.plan_line.headline}" for c in mine]
    if open_on_desks:
        lines.append("")
        lines.append("Open on your desks (take one from My assignments):")
        lines += [f"• {describe(c)} — {c.plan_line.headline}" for c in open_on_desks]
    return lines


def send_digests(*, day=None) -> int:
    """One digest per active staff member with something on today; returns how many."""
    day = day or timezone.localdate()
    people = get_user_model().objects.filter(is_active=True, is_staff=True)
    people = people.filter(
        Q(coverages__status__in=OWED) | Q(planning_desks__coverages__assignee__isnull=True)
    ).distinct()
    sent = 0
    for person in people:
        lines = digest_lines(person, day)
        if not lines:
            continue
        count = sum(1 for line in lines if line.startswith("•"))
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=person,
                    kind=NotificationKind.DIGEST,
                    digest_day=day,
                    message=f"Your day, {day:%a %-d %b}: {count} on the plan",
                    body="\n".join(lines),
                    link=_budget_link(day),
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    if sent:
        transaction.on_commit(notifications.enqueue_sending)
    return sent


def _budget_link(day) -> str:
    return f"{reverse('admin:articles_coverage_changelist')}?day={day:%Y-%m-%d}"
