"""Events and plans as IPTC ninjs 3.2 documents (`type: event`, `type: planning`), for the read
API; the tests validate them against the official schema (`unevaluatedProperties: false`: only
the standard's own properties).

- An event: `uri` (`tag:<authority>:event:<id>`), `title`, `descriptions`, `eventDetails` with
  `dates` (`startDate`/`endDate` for a known time, `expectedStartDate` "2026-12-09" or
  "2026-12" for a day or a month), `recurrence.recurrenceRules` (frequency, interval, until or
  count — the parts ninjs has), `eventStatus` (schema.org's EventScheduled / EventPostponed /
  EventCancelled URIs: a vocabulary both ninjs consumers and search engines read) and
  `organiser`; `places`, `people`/`organisations` (organisers and participants), `located`.
- A plan line: `uri` (`tag:<authority>:planning:<id>`), `slugline`, `headlines`, `events` it
  covers, `plannedCoverage` (one per coverage: its `type` from ninature, `dates`, `pubStatus`
  `canceled` when cancelled, `wordCount`), `places` and `subjects`. Who is on a coverage stays
  inside the newsroom unless PLANNING_API_SHOWS_ASSIGNEES is on (then as `people` with `rel`
  "assignee"); a desk is never named.

`recurrenceDates` is never sent: the 3.2 schema makes it at once an array and a string, which
no document can satisfy.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from articles.models import (
    Coverage,
    CoverageKind,
    CoverageStatus,
    DatePrecision,
    Event,
    EventStatus,
    PlanLine,
    SourceKind,
)
from articles.syndication.ninjs import NINJS_SCHEMA, NINJS_VERSION, source_uri

STANDARD = {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA}
EVENT_STATUS_URIS = {
    EventStatus.CONFIRMED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
_NATURE = {
    CoverageKind.TEXT: "text",
    CoverageKind.PHOTO: "picture",
    CoverageKind.VIDEO: "video",
    CoverageKind.GRAPHIC: "graphic",
    CoverageKind.LIVE: "text",
}
_FREQUENCIES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}


def event_uri(pk: int) -> str:
    return f"tag:{settings.SYNDICATION_AUTHORITY}:event:{pk}"


def planning_uri(pk: int) -> str:
    return f"tag:{settings.SYNDICATION_AUTHORITY}:planning:{pk}"


def _time(moment) -> str:
    return moment.astimezone(timezone.UTC).isoformat().replace("+00:00", "Z")


def with_event_documents(events):
    return events.select_related("region").prefetch_related("organisers", "participants")


def with_planning_documents(lines):
    return lines.select_related("section").prefetch_related(
        Prefetch("coverages", queryset=Coverage.objects.select_related("assignee")),
        "events",
        "regions",
        "tags",
    )


def _dates(event: Event) -> dict:
    local = timezone.localtime(event.starts_at)
    if event.precision == DatePrecision.TIME:
        dates = {"startDate": _time(event.starts_at)}
        if event.ends_at:
            dates["endDate"] = _time(event.ends_at)
    elif event.precision == DatePrecision.DAY:
        dates = {"expectedStartDate": f"{local:%Y-%m-%d}"}
        if event.ends_at:
            dates["expectedEndDate"] = f"{timezone.localtime(event.ends_at):%Y-%m-%d}"
    else:
        dates = {"expectedStartDate": f"{local:%Y-%m}"}
    rule = _rule(event.recurrence)
    if rule:
        dates["recurrence"] = {"recurrenceRules": [rule]}
    return dates


def _rule(text: str) -> dict | None:
    if not text:
        return None
    parts = dict(piece.split("=", 1) for piece in text.split(";") if "=" in piece)
    rule = {"frequency": _FREQUENCIES[parts["FREQ"]]}
    if "INTERVAL" in parts:
        rule["interval"] = int(parts["INTERVAL"])
    if "COUNT" in parts:
        rule["count"] = int(parts["COUNT"])
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.UTC)
        rule["until"] = _time(until)
    return rule


def _party(source, rel: str) -> dict:
    return {"name": source.name, "rel": rel, "uri": source_uri(source.pk), "literal": source.slug}


def event_document(event: Event) -> dict:
    """The event as a ninjs 3.2 `event` item (fetched through `with_event_documents`)."""
    details = {"dates": _dates(event)}
    if event.status in EVENT_STATUS_URIS:
        details["eventStatus"] = EVENT_STATUS_URIS[event.status]
    organisers = list(event.organisers.all())
    if organisers:
        first = organisers[0]
        details["organiser"] = {
            "name": first.name,
            "uri": source_uri(first.pk),
            "literal": first.slug,
        }
    document = {
        "uri": event_uri(event.pk),
        "standard": STANDARD,
        "type": "event",
        "version": str(event.version),
        "firstCreated": _time(event.created_at),
        "versionCreated": _time(event.updated_at),
        "pubStatus": "usable",
        "language": settings.SITE_LANGUAGE,
        "title": event.title,
        "eventDetails": details,
    }
    descriptions = [
        {"role": "description", "contentType": "text/plain", "value": event.description}
    ]
    if event.status_reason and event.status in (EventStatus.POSTPONED, EventStatus.CANCELLED):
        descriptions.append(
            {"role": event.status, "contentType": "text/plain", "value": event.status_reason}
        )
    document["descriptions"] = [d for d in descriptions if d["value"]] or None
    if event.region_id or event.venue:
        place = {"name": event.venue or event.region.name}
        if event.region_id:
            place["literal"] = event.region.slug
            if event.region.geonames_uri:
                place["uri"] = event.region.geonames_uri
        document["places"] = [place]
        document["located"] = event.region.name if event.region_id else event.venue
    people, organisations = [], []
    for rel, sources in (("organiser", organisers), ("participant", event.participants.all())):
        for source in sources:
            (people if source.kind == SourceKind.PERSON else organisations).append(
                _party(source, rel)
            )
    document["people"] = people or None
    document["organisations"] = organisations or None
    return {key: value for key, value in document.items() if value is not None}


def _coverage_dates(coverage: Coverage, line: PlanLine) -> dict:
    if coverage.due_at:
        return {
            "expectedStartDate": f"{line.planned_on:%Y-%m-%d}",
            "endDate": _time(coverage.due_at),
        }
    return {"expectedStartDate": f"{line.planned_on:%Y-%m-%d}"}


def planned_coverage(coverage: Coverage, line: PlanLine) -> dict:
    planned = {
        "uri": f"tag:{settings.SYNDICATION_AUTHORITY}:coverage:{coverage.pk}",
        "title": f"{coverage.get_kind_display()}: {line.headline}",
        "type": _NATURE[coverage.kind],
        "pubStatus": "canceled" if coverage.status == CoverageStatus.CANCELLED else "usable",
        "dates": _coverage_dates(coverage, line),
        "language": settings.SITE_LANGUAGE,
    }
    if coverage.kind == CoverageKind.TEXT and line.expected_words:
        planned["wordCount"] = line.expected_words
    return planned


def planning_document(line: PlanLine) -> dict:
    """The plan line as a ninjs 3.2 `planning` item (fetched through
    `with_planning_documents`). Assignees are left out unless the settings say otherwise."""
    coverages = [c for c in line.coverages.all()]
    document = {
        "uri": planning_uri(line.pk),
        "standard": STANDARD,
        "type": "planning",
        "version": str(line.version),
        "firstCreated": _time(line.created_at),
        "versionCreated": _time(line.updated_at),
        "pubStatus": "canceled" if line.state == "spiked" else "usable",
        "language": settings.SITE_LANGUAGE,
        "slugline": line.slug,
        "title": line.headline,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": line.headline}],
        "plannedCoverage": [planned_coverage(c, line) for c in coverages] or None,
        "events": [
            {"name": event.title, "rel": "covers", "uri": event_uri(event.pk), "id": str(event.pk)}
            for event in line.events.all()
        ]
        or None,
        "places": [
            {
                "name": r.name,
                "literal": r.slug,
                **({"uri": r.geonames_uri} if r.geonames_uri else {}),
            }
            for r in line.regions.all()
        ]
        or None,
        "subjects": [
            {
                "name": t.name,
                "literal": t.slug,
                **({"uri": t.mediatopic_uri} if t.mediatopic_uri else {}),
            }
            for t in line.tags.all()
        ]
        or None,
    }
    if settings.PLANNING_API_SHOWS_ASSIGNEES:
        named = {c.assignee for c in coverages if c.assignee_id}
        document["people"] = [
            {"name": p.get_full_name().strip() or p.get_username(), "rel": "assignee"}
            for p in sorted(named, key=lambda p: p.pk)
        ] or None
    return {key: value for key, value in document.items() if value is not None}
