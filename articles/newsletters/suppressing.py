"""The suppression list: addresses nothing is sent to, from bounces, complaints, refusals and
editors — and what the email service's webhooks tell us.

`record_events()` takes the events anymail has normalised from any service's webhook (Amazon
SES, Postmark, Mailgun, Postal, Brevo, …): a hard bounce, a refusal or a complaint
suppresses the address at once (copies still waiting for it are skipped by the sender), and an
unsubscribe the service collected ends the reader's subscriptions. Deliveries, deferrals, opens
and clicks are ignored: the newsroom does not keep per-reader engagement. The webhook view
calls it directly (no signal). `lift()` takes an address off the list with a reason; the entry
stays as history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Reader, Suppression, SuppressionReason
from articles.staff.roles import can_send_newsletters

from .addresses import normalise
from .readers import unsubscribe

# anymail's normalised event types → why the address is suppressed.
SUPPRESSING_EVENTS = {
    "bounced": SuppressionReason.BOUNCED,
    "rejected": SuppressionReason.REJECTED,
    "complained": SuppressionReason.COMPLAINED,
}


def suppress(
    email: str, reason: str, *, detail: str = "", service: str = "", by=None
) -> Suppression:
    """Suppress `email` (idempotent: an address already suppressed keeps its first entry)."""
    email = normalise(email)
    existing = Suppression.objects.active().filter(email=email).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Suppression.objects.create(
                email=email, reason=reason, detail=detail[:2000], service=service, created_by=by
            )
    except IntegrityError:
        # Two webhooks for the same bounce at once: the other one wrote it.
        return Suppression.objects.active().get(email=email)


def suppress_by_hand(email: str, note: str, *, by) -> Suppression:
    if not can_send_newsletters(by):
        raise PermissionDenied("Only editors may keep the suppression list.")
    if not note.strip():
        raise ValidationError("Say why the address is suppressed.")
    return suppress(email, SuppressionReason.BY_HAND, detail=note.strip(), by=by)


def lift(suppression: Suppression, *, by, reason: str) -> Suppression:
    """Take the address off the list (mail may go to it again), saying why."""
    if not can_send_newsletters(by):
        raise PermissionDenied("Only editors may keep the suppression list.")
    if not reason.strip():
        raise ValidationError("Say why the address may be written to again.")
    updated = Suppression.objects.filter(pk=suppression.pk, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=by, lift_reason=reason.strip()
    )
    if not updated:
        raise ValidationError("This entry was lifted already.")
    suppression.refresh_from_db()
    return suppression


def is_suppressed(email: str) -> bool:
    return Suppression.objects.active().filter(email=normalise(email)).exists()


def record_events(events, esp_name: str) -> dict[str, int]:
    """Act on a webhook's normalised events; returns how many of each kind were acted on."""
    done = {}
    for event in events:
        kind = getattr(event, "event_type", "")
        recipient = getattr(event, "recipient", None)
        if not recipient:
            continue
        if kind in SUPPRESSING_EVENTS:
            detail = " — ".join(
                part
                for part in (
                    getattr(event, "description", "") or "",
                    getattr(event, "mta_response", "") or "",
                    getattr(event, "reject_reason", "") or "",
                )
                if part
            )
            suppress(recipient, SUPPRESSING_EVENTS[kind], detail=detail, service=esp_name)
        elif kind == "unsubscribed":
            reader = Reader.objects.filter(email=normalise(recipient)).first()
            if reader is not None:
                unsubscribe(reader, source=f"{esp_name}: the service's unsubscribe")
        else:
            continue
        done[kind] = done.get(kind, 0) + 1
    return done
