"""Sending an issue: scheduling it, starting at its time, batches in the background, backoff,
resuming, and progress that counts what happened to every copy.

1. `schedule()` (or `send_now()`) runs the checklist, refuses an issue no confirmed reader
   would receive, and queues `start_issue` for the moment chosen.
2. `start()` runs the checklist again (a story withdrawn meanwhile sends the issue back to
   draft, saying why), numbers the issue, freezes its subject and rendered parts, and queues
   one `Recipient` row per confirmed, subscribed, unsuppressed reader — in one transaction, so
   it happens once whoever calls it and however often.
3. `send_batch()` (the `send_issue_batch` task) sends one batch (`delivering`), then queues the
   next; after a failure of the whole service it waits `NEWSLETTER_RETRY_BASE` · 2ⁿ seconds
   (capped at an hour), and after `NEWSLETTER_MAX_SERVICE_FAILURES` in a row it pauses until an
   editor resumes it. Once no copy waits, the issue is finished.
4. `tick()` is the safety net `manage.py send_newsletters` runs every minute from cron: it drafts
   what is due, starts what is due, and resumes sends whose worker died.

`progress()` counts the copies by state: queued, sent, deferred, failed, skipped, unconfirmed.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.tasks import task
from django.utils import timezone

from articles import changes
from articles.models import (
    Issue,
    IssueStatus,
    LinkCount,
    Reader,
    ReaderStatus,
    Recipient,
    RecipientStatus,
    Suppression,
)

from . import checklist, composing, delivering, mail, rendering, services

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=1)
_UNFINISHED = (RecipientStatus.QUEUED, RecipientStatus.DEFERRED, RecipientStatus.SENDING)


def audience(newsletter):
    """(reader id, address) of every reader an issue of `newsletter` would go to now."""
    return (
        Reader.objects.filter(status=ReaderStatus.CONFIRMED, subscriptions__newsletter=newsletter)
        .exclude(email__in=Suppression.objects.active().values("email"))
        .values_list("pk", "email")
    )


def schedule(issue: Issue, *, by, at=None) -> Issue:
    """Schedule the issue for `at` (now when None); ValidationError with what to fix."""
    composing.require_editor(by)
    now = timezone.now()
    at = at or now
    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue.pk)
        if issue.status not in composing.EDITABLE:
            raise ValidationError(f"This issue is {issue.get_status_display().lower()} already.")
        if at < now - timedelta(minutes=1):
            raise ValidationError("Choose a time still to come, or send now.")
        checks = checklist.run(issue)
        if not checklist.passes(checks):
            raise ValidationError(checklist.problems(checks))
        if not audience(issue.newsletter).exists():
            raise ValidationError(
                f"No confirmed reader takes {issue.newsletter.name} yet: nothing would be sent."
            )
        issue.status, issue.scheduled_at, issue.approved_by = IssueStatus.SCHEDULED, at, by
        issue.last_error = ""
        issue.save(update_fields=["status", "scheduled_at", "approved_by", "last_error"])
        transaction.on_commit(lambda: _enqueue(start_issue, issue.pk, at))
    return issue


def send_now(issue: Issue, *, by) -> Issue:
    return schedule(issue, by=by, at=None)


def unschedule(issue: Issue, *, by) -> Issue:
    """Call a scheduled issue off: it is a draft again."""
    composing.require_editor(by)
    updated = Issue.objects.filter(pk=issue.pk, status=IssueStatus.SCHEDULED).update(
        status=IssueStatus.DRAFT, scheduled_at=None
    )
    if not updated:
        raise ValidationError("Only a scheduled issue can be called off; this one has started.")
    issue.refresh_from_db()
    return issue


def start(issue_id: int, *, now=None) -> str:
    """Start sending a scheduled issue whose time has come (see the module docstring). Returns
    the issue's status afterwards."""
    now = now or timezone.now()
    with transaction.atomic():
        issue = (
            Issue.objects.select_for_update()
            .select_related("newsletter")
            .filter(pk=issue_id)
            .first()
        )
        if issue is None or issue.status != IssueStatus.SCHEDULED or issue.scheduled_at > now:
            return issue.status if issue else ""
        items = rendering.issue_items(issue)
        checks = checklist.run(issue, items)
        if not checklist.passes(checks):
            return _back_to_draft(issue, "Not sent: " + " ".join(checklist.problems(checks)))
        newest = Issue.objects.filter(newsletter=issue.newsletter).aggregate(n=Max("number"))["n"]
        issue.number = (newest or 0) + 1
        issue.html, issue.text, links = rendering.render_email(
            issue, items, count_links=issue.newsletter.count_links
        )
        LinkCount.objects.bulk_create(
            LinkCount(issue=issue, number=number, url=url) for url, number in links.items()
        )
        if not _queue_recipients(issue):
            LinkCount.objects.filter(issue=issue).delete()
            issue.number = None
            return _back_to_draft(issue, "Not sent: no confirmed reader takes it any more.")
        issue.status, issue.started_at = IssueStatus.SENDING, now
        issue.save()
        if issue.newsletter.archive_public:
            changes.newsletters_changed(issue.newsletter)
        transaction.on_commit(lambda: _enqueue(send_issue_batch, issue.pk))
    return issue.status


def _back_to_draft(issue: Issue, why: str) -> str:
    issue.status, issue.scheduled_at, issue.last_error = IssueStatus.DRAFT, None, why
    issue.save()
    logger.warning("Issue %s went back to draft: %s", issue.pk, why)
    return issue.status


def _queue_recipients(issue: Issue) -> int:
    queued, rows = 0, []
    for reader_id, email in audience(issue.newsletter).order_by("pk").iterator(chunk_size=2000):
        rows.append(Recipient(issue=issue, reader_id=reader_id, email=email))
        if len(rows) == 2000:
            queued += len(Recipient.objects.bulk_create(rows, ignore_conflicts=True))
            rows = []
    queued += len(Recipient.objects.bulk_create(rows, ignore_conflicts=True))
    return queued


def send_batch(issue_id: int, *, now=None, connection=None) -> delivering.Outcome | None:
    """Send one batch of the issue's waiting copies, then queue what comes next. `connection`
    is a backend to use instead of the configured service (the demo's, in memory)."""
    now = now or timezone.now()
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING:
        return None
    if issue.next_attempt_at and issue.next_attempt_at > now:
        return None  # waiting out a failure; a task is queued for then
    limits = services.limits()
    lease = delivering.lease_until(now, limits)
    token, rows = delivering.claim(issue, limits.batch_size, lease, now)
    if not rows:
        _finish_or_wait(issue, now)
        return delivering.Outcome()
    try:
        outcome = delivering.deliver(issue, rows, limits, connection=connection)
    finally:
        delivering.release(token)
    _after_batch(issue, outcome)
    return outcome


def _after_batch(issue: Issue, outcome: delivering.Outcome) -> None:
    now = timezone.now()
    if outcome.service_error:
        failures = issue.service_failures + 1
        issue.service_failures, issue.last_error = failures, outcome.service_error
        if failures >= settings.NEWSLETTER_MAX_SERVICE_FAILURES:
            issue.next_attempt_at = None
            issue.last_error = (
                f"Paused after {failures} failures of the email service in a row "
                f"({outcome.service_error}). Resume when the service is back."
            )
        else:
            issue.next_attempt_at = now + backoff(failures)
            _enqueue(send_issue_batch, issue.pk, issue.next_attempt_at)
        issue.save(update_fields=["service_failures", "last_error", "next_attempt_at"])
        return
    if issue.service_failures or issue.next_attempt_at:
        Issue.objects.filter(pk=issue.pk).update(
            service_failures=0, next_attempt_at=None, last_error=""
        )
    _finish_or_wait(issue, now)


def backoff(failures: int) -> timedelta:
    seconds = settings.NEWSLETTER_RETRY_BASE * 2 ** max(failures - 1, 0)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def _finish_or_wait(issue: Issue, now) -> None:
    """Finish the issue when no copy waits; else queue the next batch (at once, or when the
    earliest deferred copy may be retried)."""
    left = Recipient.objects.filter(issue=issue, status__in=_UNFINISHED)
    due = left.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)).exists()
    if due:
        _enqueue(send_issue_batch, issue.pk)
        return
    later = left.aggregate(at=Min("claimed_until"))["at"]
    if later is not None:
        _enqueue(send_issue_batch, issue.pk, later)
        return
    Issue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(
        status=IssueStatus.SENT, finished_at=now
    )


def resume(issue: Issue, *, by) -> None:
    """An editor resumes a paused send (the service is back)."""
    composing.require_editor(by)
    if issue.status != IssueStatus.SENDING:
        raise ValidationError("Only an issue that is sending can be resumed.")
    Issue.objects.filter(pk=issue.pk).update(service_failures=0, next_attempt_at=None)
    _enqueue(send_issue_batch, issue.pk)


def resend_unconfirmed(issue: Issue, *, by) -> int:
    """Queue the unconfirmed copies again, on an editor's word: some of those readers may
    already have theirs and get it twice."""
    composing.require_editor(by)
    count = Recipient.objects.filter(issue=issue, status=RecipientStatus.UNCONFIRMED).update(
        status=RecipientStatus.QUEUED, claim="", claimed_until=None
    )
    if count:
        Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING, finished_at=None)
        _enqueue(send_issue_batch, issue.pk)
    return count


def progress(issue: Issue) -> dict[str, int]:
    """How many copies are in each state (every state named, zeros included), and the total."""
    counts = dict(
        Recipient.objects.filter(issue=issue)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    found = {status: counts.get(status, 0) for status in RecipientStatus.values}
    found["total"] = sum(counts.values())
    return found


def test_send(issue: Issue, *, by, to: list[str]) -> list[str]:
    """Send the issue as it stands to the newsletter's test list (or the editor), marked as a
    test; the service's error is raised as a ValidationError, and nothing is recorded."""
    composing.require_editor(by)
    allowed = {line.strip().lower() for line in issue.newsletter.test_recipients.splitlines()}
    allowed |= {by.email.lower()} if by.email else set()
    addresses = [address for address in to if address.strip().lower() in allowed][:10]
    if not addresses:
        raise ValidationError(
            "Test sends go to the newsletter's test-send list or to your own address: add one."
        )
    html, text, _ = rendering.render_email(issue)
    connection = services.connection()
    try:
        connection.send_messages(
            [mail.test_message(issue, to=address, html=html, text=text) for address in addresses]
        )
    except Exception as error:
        raise ValidationError(f"The email service refused the test: {error}") from error
    return addresses


def tick(now=None) -> dict[str, int]:
    """Draft what is due, start what is due, resume sends whose worker stopped."""
    now = now or timezone.now()
    drafted = composing.draft_due_issues(now)
    due = Issue.objects.filter(status=IssueStatus.SCHEDULED, scheduled_at__lte=now)
    started = [start(pk, now=now) for pk in due.values_list("pk", flat=True)]
    resumed = 0
    sending = Issue.objects.filter(status=IssueStatus.SENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    for issue in sending:
        live = Recipient.objects.filter(issue=issue, claimed_until__gt=now).exclude(claim="")
        if not live.exists() and not (
            issue.service_failures >= settings.NEWSLETTER_MAX_SERVICE_FAILURES
        ):
            _enqueue(send_issue_batch, issue.pk)
            resumed += 1
    return {
        "drafted": len(drafted),
        "started": started.count(IssueStatus.SENDING),
        "resumed": resumed,
    }


@task()
def start_issue(issue_id: int) -> str:
    """The background task: start the issue if its time has come (idempotent)."""
    return start(issue_id)


@task()
def send_issue_batch(issue_id: int) -> int:
    """The background task: one batch of the issue's copies. Returns how many were sent."""
    outcome = send_batch(issue_id)
    return outcome.sent if outcome else 0


def _enqueue(job, issue_id: int, at=None) -> None:
    """Hand the work to the queue (deferred to `at`). A queue that cannot be reached leaves the
    issue as it stands, where `tick()` finds it: the editor's action has committed."""
    try:
        if at is not None and at > timezone.now() and job.get_backend().supports_defer:
            job.using(run_after=at).enqueue(issue_id)
        elif at is None or at <= timezone.now():
            job.enqueue(issue_id)
    except Exception:
        logger.exception("Could not queue %s for issue %s; the tick will", job.name, issue_id)
