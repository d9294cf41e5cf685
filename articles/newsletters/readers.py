"""A reader's whole life with the newsletters: sign up, confirm, choose, leave, take their data,
be forgotten. The public pages and the admin call these; none of them decides anything itself.

- `sign_up()` checks the address (`addresses.clean_address`), counts sign-ups per network
  address and per mail domain (a flood from one place or one domain is refused, a person typing
  is not), records what was asked and from which page (`Consent`), and mails a confirmation
  link. It answers the same whether the address is new, waiting, already confirmed or
  suppressed: the page never says whether an address is on the list.
- `confirm()` is what the confirmation page's button does (never its GET): the reader is
  confirmed, the newsletters asked for are subscribed, and the link stops working.
- `choose()`, `unsubscribe()` change subscriptions with a consent record each;
  `export()` is everything kept about a reader; `erase()` removes it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.desk import rate_limits
from articles.models import (
    Consent,
    ConsentAction,
    Newsletter,
    Reader,
    ReaderStatus,
    Recipient,
    RecipientStatus,
    Subscription,
    Suppression,
)

from . import services, tokens
from .addresses import clean_address, domain_of
from .mail import confirmation_message

# Sign-ups a minute from one network address, and to one mail domain from anywhere.
PER_ADDRESS_PER_MINUTE = 5
PER_DOMAIN_PER_MINUTE = 30
# A second confirmation mail to the same address waits this long (a double click, a flood).
RESEND_AFTER_SECONDS = 120


class TooManySignUps(Exception):
    """Refused by a rate limit: the reader is told to try again in a minute."""


class ConfirmationNotSent(Exception):
    """The email service did not take the confirmation mail: the reader is asked to try again
    (their request is recorded; nothing else changed)."""


@dataclass
class SignUp:
    """What happened, for logs and tests; the reader's page says the same in every case."""

    reader: Reader | None
    mailed: bool


def offered_newsletters():
    return Newsletter.objects.filter(offered=True)


def sign_up(email: str, newsletter_ids, *, source: str, client: str = "") -> SignUp:
    """Ask to subscribe `email` to the offered newsletters among `newsletter_ids`, from the page
    `source`. ValidationError for a bad address or no newsletter; TooManySignUps past a limit."""
    address = clean_address(email, blocked_domains=settings.NEWSLETTER_BLOCKED_DOMAINS)
    wanted = list(offered_newsletters().filter(pk__in=_ids(newsletter_ids)))
    if not wanted:
        raise ValidationError("Choose at least one newsletter.", code="no_newsletter")
    if client and not rate_limits.allow(
        client, "newsletter-signup", per_minute=PER_ADDRESS_PER_MINUTE
    ):
        raise TooManySignUps()
    if not rate_limits.allow(
        domain_of(address), "newsletter-signup-domain", per_minute=PER_DOMAIN_PER_MINUTE
    ):
        raise TooManySignUps()
    with transaction.atomic():
        reader, _ = Reader.objects.get_or_create(email=address)
        reader = Reader.objects.select_for_update().get(pk=reader.pk)
        Consent.objects.bulk_create(
            Consent(
                reader=reader,
                newsletter=newsletter,
                action=ConsentAction.SUBSCRIBED,
                source=source[:300],
            )
            for newsletter in wanted
        )
        if not _may_mail_confirmation(reader):
            return SignUp(reader, mailed=False)
        reader.confirmation_sent_at = timezone.now()
        reader.save(update_fields=["confirmation_sent_at"])
        token = tokens.confirmation_token(reader, [newsletter.pk for newsletter in wanted])
        message = confirmation_message(reader, wanted, token)
    try:
        services.connection().send_messages([message])
    except Exception as error:
        # Let the reader try again at once rather than wait out the resend pause.
        Reader.objects.filter(pk=reader.pk).update(confirmation_sent_at=None)
        raise ConfirmationNotSent(str(error)) from error
    return SignUp(reader, mailed=True)


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def _may_mail_confirmation(reader: Reader) -> bool:
    if Suppression.objects.active().filter(email=reader.email).exists():
        return False  # it bounced or complained: say nothing there, and nothing here
    sent = reader.confirmation_sent_at
    return sent is None or (timezone.now() - sent).total_seconds() >= RESEND_AFTER_SECONDS


def confirm(reader: Reader, newsletter_ids, *, source: str = "confirmation link") -> list:
    """The confirmation page's button: the reader is confirmed and subscribed to what the link
    asked for; the link (and any older one) stops working. Returns the newsletters."""
    with transaction.atomic():
        reader = Reader.objects.select_for_update().get(pk=reader.pk)
        wanted = list(Newsletter.objects.filter(pk__in=_ids(newsletter_ids)))
        now = timezone.now()
        if reader.status != ReaderStatus.CONFIRMED:
            reader.status, reader.confirmed_at = ReaderStatus.CONFIRMED, now
        reader.link_generation += 1
        reader.save(update_fields=["status", "confirmed_at", "link_generation"])
        _subscribe(reader, wanted, ConsentAction.CONFIRMED, source)
    return wanted


def _subscribe(reader: Reader, newsletters, action: str, source: str) -> None:
    have = set(reader.subscriptions.values_list("newsletter_id", flat=True))
    new = [newsletter for newsletter in newsletters if newsletter.pk not in have]
    Subscription.objects.bulk_create(
        Subscription(reader=reader, newsletter=newsletter) for newsletter in new
    )
    Consent.objects.bulk_create(
        Consent(reader=reader, newsletter=newsletter, action=action, source=source[:300])
        for newsletter in newsletters
    )


def unsubscribe(reader: Reader, newsletter: Newsletter | None = None, *, source: str) -> int:
    """Unsubscribe from `newsletter`, or from every newsletter; copies of issues still waiting to
    be sent to the reader are not sent. Returns how many subscriptions ended (0 when there was
    nothing to end: unsubscribing twice is harmless)."""
    with transaction.atomic():
        subscriptions = reader.subscriptions.all()
        if newsletter is not None:
            subscriptions = subscriptions.filter(newsletter=newsletter)
        ended = list(subscriptions.values_list("newsletter_id", flat=True))
        subscriptions.delete()
        if ended:
            Consent.objects.bulk_create(
                Consent(
                    reader=reader,
                    newsletter_id=pk,
                    action=ConsentAction.UNSUBSCRIBED,
                    source=source[:300],
                )
                for pk in ended
            )
            _skip_waiting_copies(reader, ended)
    return len(ended)


def _skip_waiting_copies(reader: Reader, newsletter_ids) -> None:
    Recipient.objects.filter(
        reader=reader,
        issue__newsletter_id__in=newsletter_ids,
        status__in=(RecipientStatus.QUEUED, RecipientStatus.DEFERRED),
    ).update(status=RecipientStatus.SKIPPED, last_error="Unsubscribed before it was sent.")


def choose(reader: Reader, newsletter_ids, *, source: str) -> None:
    """The preferences page: exactly these newsletters (of those offered, plus any the reader
    already takes), each change recorded."""
    chosen = set(_ids(newsletter_ids))
    with transaction.atomic():
        have = set(reader.subscriptions.values_list("newsletter_id", flat=True))
        for newsletter in Newsletter.objects.filter(pk__in=have - chosen):
            unsubscribe(reader, newsletter, source=source)
        added = offered_newsletters().filter(pk__in=chosen - have)
        _subscribe(reader, list(added), ConsentAction.SUBSCRIBED, source)


def export(reader: Reader) -> dict:
    """Everything kept about the reader, as plain data (the "download my data" file)."""
    iso = lambda moment: moment.isoformat() if moment else None  # noqa: E731
    sent = Recipient.objects.filter(reader=reader).select_related("issue__newsletter")
    return {
        "email": reader.email,
        "status": reader.status,
        "signed_up": iso(reader.created_at),
        "confirmed": iso(reader.confirmed_at),
        "newsletters": [
            s.newsletter.name for s in reader.subscriptions.select_related("newsletter")
        ],
        "consents": [
            {
                "what": consent.get_action_display(),
                "newsletter": consent.newsletter.name if consent.newsletter else "all",
                "when": iso(consent.at),
                "from": consent.source,
            }
            for consent in reader.consents.select_related("newsletter")
        ],
        "issues_sent": [
            {
                "newsletter": copy.issue.newsletter.name,
                "subject": copy.issue.subject,
                "status": copy.status,
                "sent": iso(copy.sent_at),
            }
            for copy in sent
        ],
        "suppressed": [
            {"reason": entry.get_reason_display(), "since": iso(entry.created_at)}
            for entry in Suppression.objects.active().filter(email=reader.email)
        ],
    }


def erase(reader: Reader) -> None:
    """Forget the reader: their row, subscriptions and consent records go, and the send log
    keeps only that a copy went (no address). A standing suppression of the address stays: it
    is what keeps mail from going to an address that bounced or complained."""
    with transaction.atomic():
        Recipient.objects.filter(reader=reader).update(reader=None, email="")
        reader.delete()
