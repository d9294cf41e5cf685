"""The signed links a reader gets by email, and what each one opens.

- A *confirmation* link names the reader, their link generation and the newsletters asked
  for (a subscription exists only once its reader confirmed it), and expires after
  `CONFIRM_DAYS`; pressing its page's button moves the generation, so a link works once (a
  mail scanner that follows it only ever sees the page).
- A *reader* link (preferences, unsubscribe from one newsletter or from all) names the
  reader's random key, optionally a newsletter, and never expires: RFC 8058 asks for an
  unsubscribe link that works for as long as mail may be read. Erasing the reader kills it.

Links are signed with SECRET_KEY (each kind under its own salt), so a changed character is a
404, never a lookup by a guessed value.
"""

from datetime import timedelta

from django.core import signing

from articles.models import Newsletter, Reader

CONFIRM_DAYS = 3
_CONFIRM_SALT = "newsletters.confirm"
_READER_SALT = "newsletters.reader"


class LinkExpired(Exception):
    """The confirmation link is older than CONFIRM_DAYS."""


class LinkInvalid(Exception):
    """Tampered with, or its reader is gone."""


class LinkUsed(Exception):
    """A confirmation link already pressed (or superseded by a newer one)."""

    def __init__(self, reader: Reader):
        super().__init__("This link was used already.")
        self.reader = reader


def confirmation_token(reader: Reader, newsletter_ids) -> str:
    wanted = "-".join(str(pk) for pk in sorted(newsletter_ids))
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(
        f"{reader.pk}.{reader.link_generation}.{wanted}"
    )


def reader_for_confirmation(token: str) -> tuple[Reader, list[int]]:
    """(reader, ids of the newsletters asked for) of a confirmation link; LinkExpired,
    LinkInvalid or LinkUsed otherwise."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        value = signer.unsign(token, max_age=timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired() from None
    except signing.BadSignature:
        raise LinkInvalid() from None
    pk, generation, wanted = value.split(".")
    reader = Reader.objects.filter(pk=int(pk)).first()
    if reader is None:
        raise LinkInvalid()
    if int(generation) != reader.link_generation:
        raise LinkUsed(reader)
    return reader, [int(pk) for pk in wanted.split("-") if pk]


def reader_token(reader: Reader, newsletter: Newsletter | None = None) -> str:
    """The token of a reader's preferences page, or of their unsubscribe from `newsletter`."""
    return signing.Signer(salt=_READER_SALT).sign(
        f"{reader.key.hex}.{newsletter.pk if newsletter else 0}"
    )


def token_for_key(key_hex: str, newsletter_id: int = 0) -> str:
    """The same token from stored values (the sender personalises thousands of copies)."""
    return signing.Signer(salt=_READER_SALT).sign(f"{key_hex}.{newsletter_id}")


def reader_for_token(token: str) -> tuple[Reader, Newsletter | None]:
    """(reader, newsletter or None) a reader link names; LinkInvalid when it names nobody."""
    try:
        value = signing.Signer(salt=_READER_SALT).unsign(token)
    except signing.BadSignature:
        raise LinkInvalid() from None
    key, _, newsletter_id = value.partition(".")
    reader = Reader.objects.filter(key=key).first()
    if reader is None:
        raise LinkInvalid()
    newsletter = None
    if newsletter_id not in ("", "0"):
        newsletter = Newsletter.objects.filter(pk=int(newsletter_id)).first()
    return reader, newsletter
