"""Telling people: who is told of what, in the admin, by email and on a desk's chat webhook.

`tell()` writes one `Notification` per person (their inbox in the admin, and an email when
they have an address) and one per desk with a webhook, inside the change's transaction; once it
commits, the `send_notifications` task sends what is waiting (`sending.send_pending`). The one
who made a change is not told of it. Who hears of a coverage: its assignee, or — nobody named —
its desk's members (`people_on`). Each notification links to the item it is about; opening it
from the inbox or the email marks it read.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from articles.models import Coverage, Notification, PlanLine
from articles.planning.sending import send_pending

logger = logging.getLogger(__name__)


def line_link(line: PlanLine) -> str:
    return reverse("admin:articles_planline_change", args=[line.pk])


def event_link(event) -> str:
    return reverse("admin:articles_event_change", args=[event.pk])


def people_on(coverage: Coverage) -> list:
    """Who answers for a coverage: its assignee, else its desk's members."""
    if coverage.assignee_id:
        return [coverage.assignee]
    if coverage.desk_id:
        return list(coverage.desk.members.filter(is_active=True))
    return []


def tell(people, *, kind: str, message: str, link: str, body="", desk=None, by=None) -> int:
    """Notify each of `people` (and `desk`'s webhook) of a change `by` made; returns how many
    notifications were written."""
    seen, rows = set(), []
    for person in people:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        if by is not None and person.pk == by.pk:
            continue  # nobody is told of their own change
        rows.append(
            Notification(recipient=person, kind=kind, message=message[:300], body=body, link=link)
        )
    if desk is not None and desk.webhook_url:
        rows.append(Notification(desk=desk, kind=kind, message=message[:300], body=body, link=link))
    Notification.objects.bulk_create(rows)
    if rows:
        transaction.on_commit(enqueue_sending)
    return len(rows)


def tell_about_coverage(coverage: Coverage, *, kind: str, message: str, by=None, body="") -> int:
    """Notify whoever answers for `coverage` (and its desk's channel)."""
    desk = coverage.desk or coverage.plan_line.desk
    return tell(
        people_on(coverage),
        kind=kind,
        message=message,
        link=line_link(coverage.plan_line),
        body=body,
        desk=desk,
        by=by,
    )


def enqueue_sending() -> None:
    """Hand the sending to the worker. A queue that cannot be reached leaves the notifications
    waiting for `manage.py send_planning_notifications`: the change has committed and must not
    fail for it."""
    try:
        send_notifications.enqueue()
    except Exception:
        logger.exception("Could not queue planning notifications; they wait for the command")


@task()
def send_notifications() -> dict:
    """The background task: send every email and webhook message waiting."""
    return send_pending()


def inbox(user):
    """`user`'s notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return inbox(user).filter(read_at__isnull=True).count()


def mark_read(notification: Notification, *, by, now=None) -> None:
    """`by` opened their notification."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied("That notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
