"""The email service newsletters go through, and the limits it sets.

Newsletters have their own connection (`NEWSLETTER_EMAIL_BACKEND`, its options in
`NEWSLETTER_EMAIL_OPTIONS`), apart from Django's default backend that other staff mail uses, so
neither can slow, misroute or throttle the other. Each service takes messages at its own pace:
`limits()` gives the batch size (messages per background task) and the rate (messages per
second) for the configured backend — the service's published default for a new account, or
the operator's `NEWSLETTER_BATCH_SIZE` / `NEWSLETTER_RATE_PER_SECOND` — so a send never
outruns an account with lower limits (Ghost's fixed 1,000 did; TryGhost/Ghost#15725).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Limits:
    batch_size: int
    per_second: float


# Defaults for a new account of each service (operators raise them once theirs allows more).
SERVICE_LIMITS = {
    "anymail.backends.amazon_ses.EmailBackend": Limits(200, 14),  # SES production default: 14/s
    "anymail.backends.postmark.EmailBackend": Limits(500, 50),
    "anymail.backends.mailgun.EmailBackend": Limits(500, 25),
    "anymail.backends.postal.EmailBackend": Limits(200, 20),
    "anymail.backends.brevo.EmailBackend": Limits(200, 10),
    "anymail.backends.mailjet.EmailBackend": Limits(200, 10),
    "anymail.backends.sparkpost.EmailBackend": Limits(500, 50),
    "anymail.backends.resend.EmailBackend": Limits(100, 2),  # Resend: 2 requests a second
    "django.core.mail.backends.smtp.EmailBackend": Limits(500, 20),
    "articles.newsletters.smtp.EmailBackend": Limits(500, 20),
}
DEFAULT_LIMITS = Limits(200, 10)


def backend_name() -> str:
    return settings.NEWSLETTER_EMAIL_BACKEND


def limits() -> Limits:
    """The batch size and rate for the configured service, with the operator's overrides."""
    base = SERVICE_LIMITS.get(backend_name(), DEFAULT_LIMITS)
    return Limits(
        batch_size=settings.NEWSLETTER_BATCH_SIZE or base.batch_size,
        per_second=settings.NEWSLETTER_RATE_PER_SECOND or base.per_second,
    )


def connection():
    """A connection to the newsletters' service (not yet opened); errors are raised, never
    swallowed, so the sender knows what was not sent. Built the way Django's `mailers` build
    one under an alias of their own ("newsletters"), without touching the site's default
    mailer (an unknown option is an error, not a warning)."""
    backend = import_string(backend_name())
    return backend(alias="newsletters", **settings.NEWSLETTER_EMAIL_OPTIONS)


def service_label() -> str:
    """The service as an editor reads it ("Amazon SES", "SMTP", …)."""
    name = backend_name()
    if name.startswith("anymail.backends."):
        return name.split(".")[2].replace("_", " ").title().replace("Ses", "SES")
    return name.rsplit(".", 2)[-2].upper() if ".backends." in name else name
