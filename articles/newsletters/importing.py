"""Readers in and out as CSV: an editor's import of a list whose consent was given elsewhere (a
print subscription form, an event), and the export of a newsletter's readers.

The import reads a header row with an `email` column (any other columns are ignored), checks
each address as the sign-up form does, and subscribes it to the chosen newsletter as a confirmed
reader with an `imported` consent record naming the source the editor typed, the file and who
imported it. Each row stands alone: a bad address, a suppressed one or a duplicate is reported
with its line number and the rest go in. A file that is not UTF-8 CSV is refused whole, saying
so, before anything changes.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import (
    Consent,
    ConsentAction,
    Newsletter,
    Reader,
    ReaderStatus,
    Subscription,
    Suppression,
)

from .addresses import clean_address
from .composing import require_editor

MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    refused: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{self.added} subscribed, {self.already} already subscribed, "
            f"{len(self.refused)} refused."
        )


def _rows(raw: bytes):
    if len(raw) > MAX_BYTES:
        raise ValidationError(f"The file is over {MAX_BYTES // (1024 * 1024)} MB: split it.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The file is not UTF-8 text: save it as CSV UTF-8 and try again."
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    names = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "email" not in names:
        raise ValidationError("The first row must name the columns, one of them “email”.")
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            raise ValidationError(f"The file has more than {MAX_ROWS:,} rows: split it.")
        yield line, (row.get(names["email"]) or "").strip()


def import_readers(
    raw: bytes, newsletter: Newsletter, *, source: str, file_name: str, by
) -> ImportReport:
    """Import the CSV `raw` into `newsletter` (see the module docstring)."""
    require_editor(by)
    if not source.strip():
        raise ValidationError("Say where these readers gave their consent.")
    rows = list(_rows(raw))
    report, seen = ImportReport(), set()
    where = f"CSV import “{file_name}” by {by.get_username()}: {source.strip()}"[:300]
    suppressed = set(Suppression.objects.active().values_list("email", flat=True))
    for line, value in rows:
        try:
            address = clean_address(value, blocked_domains=settings.NEWSLETTER_BLOCKED_DOMAINS)
        except ValidationError as error:
            report.refused.append((line, value, " ".join(error.messages)))
            continue
        if address in seen:
            report.refused.append((line, value, "The same address appears earlier in the file."))
            continue
        seen.add(address)
        if address in suppressed:
            report.refused.append(
                (line, value, "On the suppression list (it bounced or complained).")
            )
            continue
        if _subscribe_imported(address, newsletter, where):
            report.added += 1
        else:
            report.already += 1
    return report


def _subscribe_imported(address: str, newsletter: Newsletter, where: str) -> bool:
    with transaction.atomic():
        reader, created = Reader.objects.get_or_create(
            email=address,
            defaults={"status": ReaderStatus.CONFIRMED, "confirmed_at": timezone.now()},
        )
        if not created and reader.status != ReaderStatus.CONFIRMED:
            Reader.objects.filter(pk=reader.pk).update(
                status=ReaderStatus.CONFIRMED, confirmed_at=timezone.now()
            )
        _, new = Subscription.objects.get_or_create(reader=reader, newsletter=newsletter)
        if new:
            Consent.objects.create(
                reader=reader, newsletter=newsletter, action=ConsentAction.IMPORTED, source=where
            )
    return new


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (an address may start
    with "=")."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_readers(newsletter: Newsletter, *, by) -> str:
    """The newsletter's readers as CSV: address, status, when they signed up and confirmed,
    and since when they take it."""
    require_editor(by)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "status", "signed_up", "confirmed", "subscribed_since"])
    subscriptions = (
        Subscription.objects.filter(newsletter=newsletter)
        .select_related("reader")
        .order_by("reader__email")
    )
    for subscription in subscriptions.iterator(chunk_size=2000):
        reader = subscription.reader
        writer.writerow(
            [
                _cell(reader.email),
                reader.status,
                reader.created_at.isoformat(),
                reader.confirmed_at.isoformat() if reader.confirmed_at else "",
                subscription.created_at.isoformat(),
            ]
        )
    return out.getvalue()
