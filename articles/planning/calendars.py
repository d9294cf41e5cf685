"""iCalendar feeds (RFC 5545), made with the `icalendar` package (BSD, maintained, pure Python,
offline): a person's assignments and a desk's plan behind secret addresses (calendar programs
cannot sign in), and the public "What's on" of confirmed public events.

Every entry has a stable UID (`<kind>-<id>@<SYNDICATION_AUTHORITY>`), a SEQUENCE that moves
with each change and a DTSTAMP, so subscribed calendars update in place; a postponed or
cancelled event, a spiked line and cancelled coverage stay in the feed as STATUS:CANCELLED
(a calendar removes or strikes them, where silence would leave them standing). Recurring
events carry their RRULE in the newsroom's time zone (a VTIMEZONE is included), so a meeting
at 18:00 stays at 18:00 across summer time.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from icalendar import Calendar, vRecur
from icalendar import Event as CalendarEvent

from articles.addresses.absolute import absolute_url
from articles.models import (
    CalendarFeed,
    Coverage,
    CoverageKind,
    CoverageStatus,
    DatePrecision,
    Event,
    EventStatus,
    LineState,
    PlanLine,
)
from articles.staff.roles import can_plan

from .notifications import line_link

# What a staff feed spans: the recent past and a year ahead.
PAST = timedelta(days=60)
AHEAD = timedelta(days=400)
DEADLINE = timedelta(minutes=15)


def new_address(owner, *, desk=None) -> CalendarFeed:
    """A new secret address for `owner`'s assignments (or `desk`'s plan); the old one stops
    working."""
    with transaction.atomic():
        CalendarFeed.objects.filter(owner=owner, desk=desk).delete()
        return CalendarFeed.objects.create(owner=owner, desk=desk)


def feed_for(token: str) -> CalendarFeed | None:
    """The feed behind a secret address, while its owner may still read it."""
    feed = CalendarFeed.objects.select_related("owner", "desk").filter(token=token[:64]).first()
    if feed is None or not (feed.owner.is_active and feed.owner.is_staff):
        return None
    if feed.desk_id and not (
        can_plan(feed.owner) or feed.desk.members.filter(pk=feed.owner_id).exists()
    ):
        return None
    return feed


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Planning//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{settings.SYNDICATION_AUTHORITY.split(',')[0]}"


def _entry(kind: str, pk: int, *, summary: str, sequence: int, changed) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", _uid(kind, pk))
    entry.add("dtstamp", timezone.now().astimezone(timezone.UTC))
    entry.add("summary", summary)
    entry.add("sequence", sequence)
    if changed:
        entry.add("last-modified", changed.astimezone(timezone.UTC))
    return entry


def event_entry(event: Event, *, public: bool = False) -> CalendarEvent:
    """One event, with its rule; readers' entries link to its page, staff's to the admin."""
    prefix = {EventStatus.POSTPONED: "Postponed: ", EventStatus.CANCELLED: "Cancelled: "}
    entry = _entry(
        "event",
        event.pk,
        summary=prefix.get(event.status, "") + event.title,
        sequence=event.version,
        changed=event.updated_at,
    )
    start = timezone.localtime(event.starts_at)
    if event.precision == DatePrecision.TIME:
        entry.add("dtstart", start)
        if event.ends_at:
            entry.add("dtend", timezone.localtime(event.ends_at))
    else:
        entry.add("dtstart", start.date())
        last = timezone.localtime(event.ends_at).date() if event.ends_at else start.date()
        entry.add("dtend", last + timedelta(days=1))
    if event.recurrence:
        entry.add("rrule", vRecur.from_ical(event.recurrence))
    place = ", ".join(
        part for part in (event.venue, event.region.name if event.region_id else "") if part
    )
    if place:
        entry.add("location", place)
    details = [event.description] if event.description else []
    if event.status_reason and event.status in (EventStatus.POSTPONED, EventStatus.CANCELLED):
        details.append(f"{event.get_status_display()}: {event.status_reason}")
    if details:
        entry.add("description", "\n\n".join(details))
    status = {EventStatus.PLANNED: "TENTATIVE", EventStatus.CONFIRMED: "CONFIRMED"}
    entry.add("status", status.get(event.status, "CANCELLED"))
    link = event.get_absolute_url() if public else f"/admin/articles/event/{event.pk}/change/"
    entry.add("url", absolute_url(link))
    return entry


# A year of a desk's plan is a thousand entries and more: its lines and coverage are written
# as RFC 5545 text here (escaped and folded as the standard says), which is several times
# faster than building icalendar components; events, with their rules and time zones, still go
# through icalendar. The tests read every feed back with icalendar.


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """One content line, folded at 75 octets without splitting a character."""
    if len(line.encode()) <= 75:
        return line + "\r\n"
    parts, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def _utc(moment) -> str:
    return moment.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")


def _raw_entry(kind, pk, *, summary, sequence, changed, when, description, status, url) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(kind, pk)}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"SUMMARY:{_escape(summary)}",
        f"SEQUENCE:{sequence}",
        *([f"LAST-MODIFIED:{_utc(changed)}"] if changed else []),
        *when,
        *([f"DESCRIPTION:{_escape(description)}"] if description else []),
        f"STATUS:{status}",
        f"URL:{url}",
        "END:VEVENT",
    ]
    return "".join(_fold(line) for line in lines)


# Labels by value, looked up directly (a model's get_…_display() is slow for thousands).
KINDS = dict(CoverageKind.choices)
STATUSES = dict(CoverageStatus.choices)
STATES = dict(LineState.choices)


def _line_address() -> str:
    """The plan line's admin address with "{}" for its id, reversed once per feed."""
    return absolute_url(line_link(PlanLine(pk=999999999))).replace("999999999", "{}")


def _all_day(day) -> list[str]:
    return [
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
    ]


def _line_entry(line: PlanLine, coverages, address: str) -> str:
    coverage = "; ".join(
        f"{KINDS[c.kind]}: {_who(c)} ({STATUSES[c.status].lower()})" for c in coverages
    )
    return _raw_entry(
        "planline",
        line.pk,
        summary=f"{line.slug} — {line.headline} [{STATES[line.state]}]",
        sequence=line.version,
        changed=line.updated_at,
        when=_all_day(line.planned_on),
        description="\n".join(part for part in (line.notice, line.summary, coverage) if part),
        status="CANCELLED" if line.state == LineState.SPIKED else "CONFIRMED",
        url=address.format(line.pk),
    )


def _who(coverage: Coverage) -> str:
    if coverage.assignee_id:
        person = coverage.assignee
        return person.get_full_name().strip() or person.get_username()
    return str(coverage.desk) if coverage.desk_id else "nobody yet"


def _coverage_entry(coverage: Coverage, line: PlanLine, address: str) -> str:
    if coverage.due_at:
        when = [f"DTSTART:{_utc(coverage.due_at)}", "DURATION:PT15M"]
    else:
        when = _all_day(line.planned_on)
    return _raw_entry(
        "coverage",
        coverage.pk,
        summary=f"Due: {line.slug} ({KINDS[coverage.kind].lower()}) — {line.headline}",
        sequence=line.version,
        changed=line.updated_at,
        when=when,
        description="\n".join(p for p in (coverage.notice, coverage.brief) if p),
        status="CANCELLED" if coverage.status == CoverageStatus.CANCELLED else "CONFIRMED",
        url=address.format(line.pk),
    )


def _window():
    today = timezone.localdate()
    return today - PAST, today + AHEAD


def _finish(calendar: Calendar, events, entries: list[str]) -> bytes:
    for event in events:
        calendar.add_component(event_entry(event))
    calendar.add_missing_timezones()
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + "".join(entries).encode() + b"END:VCALENDAR" + end


def person_calendar(person) -> bytes:
    """`person`'s coverage (a deadline at its due time, else the planned day) and the events
    it covers: four queries."""
    first, last = _window()
    coverage = list(
        Coverage.objects.filter(assignee=person, plan_line__planned_on__range=(first, last))
        .select_related("plan_line", "assignee", "desk")
        .prefetch_related(
            Prefetch("plan_line__events", queryset=Event.objects.select_related("region"))
        )
        .order_by("plan_line__planned_on", "pk")
    )
    calendar = _calendar(f"{settings.SITE_NAME}: {person.get_full_name() or person.get_username()}")
    events, entries, address = {}, [], _line_address()
    for item in coverage:
        entries.append(_coverage_entry(item, item.plan_line, address))
        events |= {event.pk: event for event in item.plan_line.events.all()}
    return _finish(calendar, events.values(), entries)


def desk_calendar(desk) -> bytes:
    """`desk`'s plan: its lines (a day each), their coverage with due times, and the events
    they cover: four queries, whatever a year holds."""
    first, last = _window()
    lines = list(
        PlanLine.objects.filter(planned_on__range=(first, last))
        .filter(Q(desk=desk) | Q(coverages__desk=desk))
        .distinct()
        .prefetch_related(
            Prefetch(
                "coverages",
                queryset=Coverage.objects.select_related("assignee", "desk").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch("events", queryset=Event.objects.select_related("region")),
        )
        .order_by("planned_on", "position", "pk")
    )
    calendar = _calendar(f"{settings.SITE_NAME}: {desk.name}")
    events, entries, address = {}, [], _line_address()
    for line in lines:
        coverages = line.coverages.all()
        entries.append(_line_entry(line, coverages, address))
        entries += [_coverage_entry(c, line, address) for c in coverages if c.due_at]
        events |= {event.pk: event for event in line.events.all()}
    return _finish(calendar, events.values(), entries)


def whats_on_calendar() -> bytes:
    """The public "What's on": confirmed public events (and those since postponed or cancelled,
    as such), from a month ago on."""
    since = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=31), time.min)
    )
    events = (
        Event.objects.whats_on()
        .filter(Q(starts_at__gte=since) | ~Q(recurrence=""))
        .select_related("region")
        .order_by("starts_at", "pk")[:2000]
    )
    calendar = _calendar(f"{settings.SITE_NAME}: What's on")
    for event in events:
        calendar.add_component(event_entry(event, public=True))
    calendar.add_missing_timezones()
    return calendar.to_ical()
