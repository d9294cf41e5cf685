"""Agency events in: ninjs `type: event` items (2.x and 3.x spellings, as in the IPTC's samples)
come through the wire desk's one ingest (`articles.wire.ingest`), which hands them here by
their type (`register()`, called when the app starts).

Identity is the provider and the item's id (its `uri`), like the rest of the wire: the same
item again changes nothing, an older version is ignored, a newer one updates the event — and a
newer one that postpones or cancels it tells whoever is on its coverage, as an editor's change
would (`events.save_event`). A `pubStatus: canceled` item cancels the event. An item without an
id, a title or a date, or with an end before its start, is refused with the reason, and the
items beside it in the same file go on.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import DatePrecision, Event, EventStatus, PlanningAction, Region, Source
from articles.wire.ingest import NEW, REFUSED, UNCHANGED, UPDATED, IngestResult
from articles.wire.items import is_newer, register_item_type

from . import audit
from .events import save_event

_FREQUENCIES = {"daily", "weekly", "monthly", "yearly"}


def register() -> None:
    register_item_type("event", ingest_event)


def _get(document: dict, *names, default=None):
    for name in names:
        if document.get(name) not in (None, "", [], {}):
            return document[name]
    return default


def _text(entries) -> str:
    for entry in entries or []:
        if isinstance(entry, dict) and entry.get("value"):
            return str(entry["value"]).strip()
    return ""


def _moment(value) -> tuple[datetime | None, str]:
    """(start, precision) from a ninjs date: a full time, a day or a month."""
    if not isinstance(value, str) or not value.strip():
        return None, ""
    value = value.strip()
    if len(value) == 7 and value[4] == "-":
        day = f"{value}-01"
        precision = DatePrecision.MONTH
    elif len(value) == 10:
        day, precision = value, DatePrecision.DAY
    else:
        moment = parse_datetime(value.replace("Z", "+00:00"))
        if moment is None:
            return None, ""
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)), DatePrecision.TIME
    try:
        start = datetime.fromisoformat(day)
    except ValueError:
        return None, ""
    return timezone.make_aware(start), precision


def _status(document: dict, details: dict) -> str:
    if str(_get(document, "pubStatus", "pubstatus", default="")).lower() == "canceled":
        return EventStatus.CANCELLED
    code = str(_get(details, "eventStatus", "eventstatus", default="")).lower()
    if "cancel" in code:
        return EventStatus.CANCELLED
    if "postpon" in code:
        return EventStatus.POSTPONED
    return EventStatus.CONFIRMED if code else EventStatus.PLANNED


def _rule(dates: dict) -> str:
    rules = (_get(dates, "recurrence", default={}) or {}).get("recurrenceRules") or []
    if not rules or not isinstance(rules[0], dict):
        return ""
    rule = rules[0]
    if str(rule.get("frequency", "")).lower() not in _FREQUENCIES:
        return ""
    parts = [f"FREQ={rule['frequency'].upper()}"]
    if isinstance(rule.get("interval"), int):
        parts.append(f"INTERVAL={rule['interval']}")
    if isinstance(rule.get("count"), int):
        parts.append(f"COUNT={rule['count']}")
    elif rule.get("until"):
        until, _ = _moment(rule["until"])
        if until:
            parts.append(f"UNTIL={until.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def _place(document: dict) -> tuple[str, Region | None]:
    for place in document.get("places") or []:
        if not isinstance(place, dict):
            continue
        names = [place.get("name") or ""]
        for contact in place.get("contactInfo") or place.get("contactinfo") or []:
            address = contact.get("address") if isinstance(contact, dict) else None
            if isinstance(address, dict):
                names += [address.get("locality") or "", address.get("area") or ""]
        region = None
        for name in filter(None, names):
            region = Region.objects.filter(name__iexact=name.strip()[:120]).first()
            if region:
                break
        return str(place.get("name") or "")[:200], region
    return "", None


def read_event(document: dict, event: Event) -> Event:
    """Fill `event` from the agency's document; RefusedItem-worthy problems raise ValueError."""
    details = _get(document, "eventDetails", "eventdetails", default={}) or {}
    dates = details.get("dates") or {}
    start, precision = _moment(_get(dates, "startDate", "startdate", "expectedStartDate"))
    if start is None:
        raise ValueError("The event has no date the desk can read.")
    end, _ = _moment(_get(dates, "endDate", "enddate", "expectedEndDate"))
    event.title = str(_get(document, "title", default="") or _text(document.get("headlines")))[:200]
    if not event.title:
        raise ValueError("The event has no title.")
    event.description = _text(document.get("descriptions"))
    event.starts_at, event.ends_at, event.precision = start, end, precision
    event.recurrence = _rule(dates)
    event.venue, event.region = _place(document)
    event.status = _status(document, details)
    if event.status not in (EventStatus.POSTPONED, EventStatus.CANCELLED):
        event.status_reason = ""
    elif not event.status_reason:
        event.status_reason = "As the agency announced it"
    return event


def _organiser(document: dict) -> Source | None:
    details = _get(document, "eventDetails", "eventdetails", default={}) or {}
    organiser = details.get("organiser") or {}
    name = str(organiser.get("name") or "").strip() if isinstance(organiser, dict) else ""
    return Source.objects.filter(name__iexact=name[:120]).first() if name else None


def ingest_event(document: dict, *, provider) -> IngestResult:
    """Take one agency event in (see the module docstring)."""
    item_id = str(_get(document, "uri", "guid", "id", default="")).strip()[:500]
    if not item_id:
        return IngestResult(REFUSED, reason="The event item has no uri.")
    fingerprint = hashlib.sha256(
        json.dumps(document, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    version = str(_get(document, "version", "versionCreated", "versioncreated", default=""))[:64]
    try:
        with transaction.atomic():
            return _take_in(document, item_id, version, fingerprint, provider)
    except (ValueError, ValidationError) as problem:
        reason = "; ".join(getattr(problem, "messages", [str(problem)]))
        return IngestResult(REFUSED, str(document.get("title", ""))[:200], item_id, reason=reason)
    except IntegrityError:
        return IngestResult(UNCHANGED, item_id=item_id, reason="taken in meanwhile")


def _take_in(document, item_id, version, fingerprint, provider) -> IngestResult:
    event = Event.objects.select_for_update().filter(provider=provider, item_id=item_id).first()
    if event is not None:
        if event.fingerprint == fingerprint:
            return IngestResult(UNCHANGED, event.title, item_id)
        if (version or event.agency_version) and not is_newer(version, event.agency_version):
            return IngestResult(
                UNCHANGED, event.title, item_id, reason=f"version {version or '–'} is not newer"
            )
    outcome = UPDATED if event is not None else NEW
    event = read_event(document, event or Event(provider=provider, item_id=item_id))
    event.agency_version, event.fingerprint = version, fingerprint
    save_event(event)
    organiser = _organiser(document)
    if organiser is not None:
        event.organisers.add(organiser)
    audit.record(
        PlanningAction.INGESTED, event=event, note=f"{provider}: {outcome} {version}".strip()
    )
    return IngestResult(outcome, event.title, item_id)
