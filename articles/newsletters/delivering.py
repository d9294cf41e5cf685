"""One batch of an issue's copies through the email service: claimed, paced, recorded one by one.

**Claiming.** A batch task claims up to the service's batch size of waiting copies with a
random claim and a lease (one UPDATE that re-checks they are still free, so two workers never
hold the same copy). Copies whose reader unsubscribed or whose address was suppressed since the
issue was queued are skipped there. A lease that ran out means its sender stopped: its claimed
copies are free again, and a copy it was handing over becomes *unconfirmed*.

**Recording.** Each copy is recorded "handed over" (`SENDING`) in the instant before the service
can take it (`articles.newsletters.smtp`: before the final "." of SMTP's DATA; an API service:
before the call), in the same UPDATE that records the previous copy as `SENT` — one write per
message. So at any moment at most one copy per sender is in doubt, and after a crash it is never
sent again; everything still `QUEUED` is sent by the next batch. Nothing is counted as sent
until the service answered for it.

**Answers.** A refused recipient fails (permanently: the address is suppressed) or is deferred
(temporarily: retried later, up to `MAX_ATTEMPTS`); a service that fails as a whole (down,
refusing our credentials, timing out) stops the batch, releases what it had not tried, and the
issue waits for a retry with backoff (`articles.newsletters.sending`).
"""

import smtplib
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    PositiveSmallIntegerField,
    Q,
    Value,
    When,
)
from django.utils import timezone

from articles.models import (
    Issue,
    Recipient,
    RecipientStatus,
    Subscription,
    Suppression,
    SuppressionReason,
)

from . import mail, services
from .suppressing import suppress

MAX_ATTEMPTS = 5
DEFER_BASE = timedelta(minutes=5)
_WAITING = (RecipientStatus.QUEUED, RecipientStatus.DEFERRED)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    service_error: str = ""
    handed_over: list = field(default_factory=list)


def lease_until(now, limits):
    """How long a batch's claim holds: the time the batch needs at the service's pace, plus
    NEWSLETTER_CLAIM_SECONDS. Past it, the sender is taken to have stopped."""
    needs = limits.batch_size / max(limits.per_second, 0.01)
    return now + timedelta(seconds=needs + settings.NEWSLETTER_CLAIM_SECONDS)


def _free(now) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def settle_stopped_senders(issue: Issue, now) -> int:
    """Copies a stopped sender was handing over: unconfirmed, never sent again."""
    return Recipient.objects.filter(
        issue=issue, status=RecipientStatus.SENDING, claimed_until__lt=now
    ).update(
        status=RecipientStatus.UNCONFIRMED,
        claim="",
        last_error="The sender stopped while handing this copy over: it may have gone out, "
        "so it is not sent again.",
    )


def claim(issue: Issue, batch_size: int, lease_until, now) -> tuple[str, list]:
    """(claim, [(recipient id, address, reader key)]) of up to `batch_size` waiting copies."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        settle_stopped_senders(issue, now)
        waiting = Recipient.objects.filter(issue=issue, status__in=_WAITING).filter(_free(now))
        ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:batch_size])
        Recipient.objects.filter(pk__in=ids, status__in=_WAITING).filter(_free(now)).update(
            claim=token, claimed_until=lease_until
        )
        mine = Recipient.objects.filter(issue=issue, claim=token)
        subscribed = Subscription.objects.filter(
            reader=OuterRef("reader"), newsletter=issue.newsletter_id
        )
        suppressed = Suppression.objects.active().filter(email=OuterRef("email"))
        mine.filter(Q(reader=None) | ~Exists(subscribed) | Exists(suppressed)).update(
            status=RecipientStatus.SKIPPED,
            claim="",
            claimed_until=None,
            last_error="Unsubscribed or suppressed after the issue was queued.",
        )
        rows = list(
            mine.filter(status__in=_WAITING)
            .order_by("pk")
            .values_list("pk", "email", "reader__key")
        )
    return token, rows


def release(token: str) -> int:
    """Give back copies a batch claimed and did not try."""
    return Recipient.objects.filter(claim=token, status__in=_WAITING).update(
        claim="", claimed_until=None
    )


class Pace:
    """At most `per_second` messages a second (the service's rate)."""

    def __init__(self, per_second: float):
        self.interval = 1 / per_second if per_second > 0 else 0
        self.next = time.monotonic()

    def wait(self) -> None:
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.interval


class Recorder:
    """Writes each copy's state as the service answers: "handed over" for the copy in hand and
    "sent" for the previous one (answered OK) in one UPDATE."""

    def __init__(self, issue: Issue, outcome: Outcome):
        self.issue, self.outcome, self.answered_ok = issue, outcome, None

    def hand_over(self, pk: int, message_id: str) -> None:
        now = timezone.now()
        ids = [pk] if self.answered_ok is None else [pk, self.answered_ok]
        mine = Q(pk=pk)
        Recipient.objects.filter(pk__in=ids).update(
            status=Case(
                When(mine, then=Value(RecipientStatus.SENDING)),
                default=Value(RecipientStatus.SENT),
                output_field=CharField(),
            ),
            attempts=Case(
                When(mine, then=F("attempts") + 1),
                default=F("attempts"),
                output_field=PositiveSmallIntegerField(),
            ),
            message_id=Case(
                When(mine, then=Value(message_id)),
                default=F("message_id"),
                output_field=CharField(),
            ),
            sent_at=Case(
                When(mine, then=Value(now)), default=F("sent_at"), output_field=DateTimeField()
            ),
        )
        self.answered_ok = None
        self.outcome.handed_over.append(pk)

    def sent(self, pk: int) -> None:
        self.answered_ok = pk
        self.outcome.sent += 1

    def flush(self) -> None:
        if self.answered_ok is not None:
            Recipient.objects.filter(pk=self.answered_ok).update(status=RecipientStatus.SENT)
            self.answered_ok = None

    def refused(self, pk: int, email: str, error, *, permanent: bool) -> None:
        self.flush()
        attempts = Recipient.objects.get(pk=pk).attempts
        if not permanent and attempts < MAX_ATTEMPTS:
            Recipient.objects.filter(pk=pk).update(
                status=RecipientStatus.DEFERRED,
                claim="",
                claimed_until=timezone.now() + DEFER_BASE * 2 ** max(attempts - 1, 0),
                attempts=max(attempts, 1),
                last_error=str(error)[:500],
            )
            self.outcome.deferred += 1
            return
        Recipient.objects.filter(pk=pk).update(
            status=RecipientStatus.FAILED, claim="", last_error=str(error)[:500]
        )
        self.outcome.failed += 1
        if permanent:
            suppress(email, SuppressionReason.REJECTED, detail=str(error)[:500])

    def service_failed(self, pk: int, error, *, handed: bool) -> None:
        """The service failed with copy `pk` in hand: back in the queue when the service surely
        did not take it, else unconfirmed (it may have gone out)."""
        self.flush()
        self.outcome.service_error = f"{type(error).__name__}: {error}"[:500]
        if handed and not _answered(error):
            Recipient.objects.filter(pk=pk).update(
                status=RecipientStatus.UNCONFIRMED,
                claim="",
                last_error=f"The service failed as it was handed this copy: {error}"[:500],
            )
        else:
            Recipient.objects.filter(pk=pk).update(
                status=RecipientStatus.QUEUED, claim="", claimed_until=None
            )


def _answered(error) -> bool:
    """Whether the service answered (and so surely did not take the message)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return True
    return isinstance(error, AnymailAPIError) and getattr(error, "status_code", None) is not None


def refusal(error) -> bool | None:
    """True for a permanent refusal of the recipient, False for a temporary one, None when the
    error is the service's, not the recipient's."""
    if isinstance(error, AnymailRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and min(codes) >= 500
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return None


def deliver(issue: Issue, rows, limits, connection=None) -> Outcome:
    """Send each claimed copy in turn at the service's pace; see the module docstring."""
    outcome = Outcome()
    recorder = Recorder(issue, outcome)
    connection = connection or services.connection()
    hands_over = getattr(connection, "supports_hand_over", False)
    pace = Pace(limits.per_second)
    try:
        connection.open()
    except Exception as error:
        outcome.service_error = f"{type(error).__name__}: {error}"[:500]
        return outcome
    raw = mail.RawIssue(issue) if hasattr(connection, "send_raw_handing_over") else None
    try:
        for pk, email, key in rows:
            pace.wait()
            copy = _Copy(issue, raw, pk=pk, email=email, key_hex=key.hex, recorder=recorder)
            try:
                copy.send(connection, hands_over)
            except Exception as error:
                permanent = refusal(error)
                if permanent is None:
                    recorder.service_failed(pk, error, handed=copy.handed)
                    break
                recorder.refused(pk, email, error, permanent=permanent)
                continue
            recorder.sent(pk)
    finally:
        recorder.flush()
        try:
            connection.close()
        except Exception:
            pass  # the copies are recorded; a connection that will not close says nothing new
    return outcome


class _Copy:
    """One reader's copy on its way: ready-made bytes for the SMTP backend, else a Django
    message; `handed` says whether it was recorded as handed over."""

    def __init__(self, issue, raw, *, pk, email, key_hex, recorder):
        self.issue, self.raw, self.pk, self.email = issue, raw, pk, email
        self.key_hex, self.recorder, self.handed = key_hex, recorder, False

    def hand_over(self):
        self.recorder.hand_over(self.pk, self.message_id)
        self.handed = True

    def send(self, connection, hands_over: bool) -> None:
        if self.raw is not None:
            self.message_id, data = self.raw.copy(
                to=self.email, key_hex=self.key_hex, recipient_id=self.pk
            )
            connection.send_raw_handing_over(
                self.raw.envelope_from, self.email, data, self.hand_over
            )
            return
        message = mail.issue_message(
            self.issue,
            to=self.email,
            key_hex=self.key_hex,
            recipient_id=self.pk,
            html=self.issue.html,
            text=self.issue.text,
        )
        self.message_id = message.extra_headers["Message-ID"]
        if hands_over:
            connection.send_handing_over(message, self.hand_over)
        else:
            self.hand_over()
            connection.send_messages([message])
