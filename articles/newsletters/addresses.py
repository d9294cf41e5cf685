"""What an email address must be before a newsletter writes to it.

`clean_address()` is the one check every way in uses (the sign-up form, the CSV import, an
editor's suppression): well-formed (Django's validator; lower case, the domain in IDNA),
not a role mailbox that no one person reads or consents for (postmaster@, abuse@, noreply@ …)
and not a throwaway domain from a disposable-mail service. Each refusal says what is wrong.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# Mailboxes of a function, not a person (RFC 2142 and common practice): a subscription from
# one is either a mistake or someone signing up an address they do not own.
ROLE_MAILBOXES = frozenset(
    {
        "abuse",
        "admin",
        "administrator",
        "hostmaster",
        "mailer-daemon",
        "no-reply",
        "noreply",
        "do-not-reply",
        "donotreply",
        "postmaster",
        "root",
        "security",
        "webmaster",
    }
)
# Disposable-mail services seen behind sign-up floods; a short list kept here on purpose (no
# download at run time). Operators add their own with NEWSLETTER_BLOCKED_DOMAINS.
DISPOSABLE_DOMAINS = frozenset(
    {
        "10minutemail.com",
        "discard.email",
        "dispostable.com",
        "fakeinbox.com",
        "getnada.com",
        "guerrillamail.com",
        "mailinator.com",
        "maildrop.cc",
        "mintemail.com",
        "sharklasers.com",
        "temp-mail.org",
        "tempmail.dev",
        "throwawaymail.com",
        "trashmail.com",
        "yopmail.com",
    }
)


def normalise(address: str) -> str:
    """`address` trimmed, in lower case, its domain in IDNA form. RFC 5321 lets a mailbox name
    tell case apart, but no mail service in use does, and "Olena@" and "olena@" as two readers
    would get two copies of every issue."""
    address = (address or "").strip()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # validate_email refuses it below
    return f"{local.lower()}@{domain.lower()}"


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()


def clean_address(address: str, *, blocked_domains=()) -> str:
    """The normalised address, or a ValidationError saying why it cannot take a newsletter."""
    address = normalise(address)
    if not address:
        raise ValidationError("Enter your email address.", code="required")
    if len(address) > 254 or "\x00" in address:
        raise ValidationError("That is not an email address we can write to.", code="invalid")
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            "That does not look like an email address: check it and try again.", code="invalid"
        ) from None
    local, _, domain = address.rpartition("@")
    if local.lower() in ROLE_MAILBOXES:
        raise ValidationError(
            f"{local}@ is a shared mailbox: please use an address of your own.", code="role"
        )
    if domain in DISPOSABLE_DOMAINS or domain in blocked_domains:
        raise ValidationError(
            "Addresses from disposable-mail services cannot take newsletters: please use "
            "an address you keep.",
            code="disposable",
        )
    return address
