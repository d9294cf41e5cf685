"""Recurring events: RFC 5545 recurrence rules, checked on the way in and always expanded within
bounds.

A weekly council meeting is `FREQ=WEEKLY;BYDAY=TU`. Rules are read by python-dateutil (the
reference implementation of RFC 5545 recurrence in Python, BSD-licensed, already a dependency
of the stack). A rule may run for ever — calendars expand it themselves — but the newsroom
never lists or plans more than a bounded number of occurrences at once (`MAX_OCCURRENCES`,
within an explicit window), so a rule without an end cannot make thousands of anything.
Occurrences repeat in the newsroom's time zone: a meeting at 18:00 stays at 18:00 across a
change of summer time.
"""

import itertools
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone

# What one listing or one "plan every occurrence" may produce at most.
MAX_OCCURRENCES = 500
# COUNT beyond this is a typing error, not a newsroom's event.
MAX_COUNT = 1000
# The parts of RRULE the desk's events need; anything else is refused with a clear message.
ALLOWED_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
}
# Events happen at most daily; an hourly "event" is a mistake.
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


class RecurrenceError(ValidationError):
    """A rule the desk cannot use; the message says what to change."""


def _parts(text: str) -> dict[str, str]:
    parts = {}
    for piece in text.split(";"):
        if not piece:
            continue
        name, equals, value = piece.partition("=")
        if not equals or not value:
            raise RecurrenceError(f"“{piece}” is not NAME=VALUE.", code="syntax")
        if name not in ALLOWED_PARTS:
            raise RecurrenceError(
                f"{name} is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, "
                "BYSETPOS, COUNT or UNTIL.",
                code="unsupported",
            )
        if name in parts:
            raise RecurrenceError(f"{name} is given twice.", code="syntax")
        parts[name] = value
    return parts


def _until_in_utc(value: str) -> str:
    """UNTIL as RFC 5545 wants it beside a zoned start: UTC. A date means the end of that day
    here; a time without Z is a time here."""
    local = timezone.get_current_timezone()
    try:
        if len(value) == 8:
            moment = datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
        elif value.endswith("Z"):
            return datetime.strptime(value, "%Y%m%dT%H%M%SZ").strftime("%Y%m%dT%H%M%SZ")
        else:
            moment = datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise RecurrenceError(
            f"UNTIL={value} is not a date (20270630) or a time (20270630T180000Z).", code="until"
        ) from None
    aware = timezone.make_aware(moment, local)
    return aware.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")


def normalise(rule: str) -> str:
    """The rule as stored: upper case, no "RRULE:" prefix, UNTIL in UTC; "" for none.
    Raises RecurrenceError when it cannot be used."""
    text = "".join(rule.split()).upper().removeprefix("RRULE:")
    if not text:
        return ""
    parts = _parts(text)
    frequency = parts.get("FREQ")
    if frequency is None:
        raise RecurrenceError("A rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).", code="freq")
    if frequency not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(
            f"FREQ={frequency}: an event repeats at most daily (DAILY, WEEKLY, MONTHLY, YEARLY).",
            code="freq",
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("Give COUNT or UNTIL, not both.", code="count_and_until")
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit() or not 1 <= int(parts["COUNT"]) <= MAX_COUNT:
            raise RecurrenceError(f"COUNT must be from 1 to {MAX_COUNT}.", code="count")
    if "INTERVAL" in parts and not (parts["INTERVAL"].isdigit() and 1 <= int(parts["INTERVAL"])):
        raise RecurrenceError("INTERVAL must be a whole number from 1.", code="interval")
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_in_utc(parts["UNTIL"])
    text = ";".join(f"{name}={value}" for name, value in parts.items())
    read(text, timezone.now())  # dateutil's own checks (BYDAY=XX, BYMONTH=13 …)
    return text


def read(rule: str, start: datetime) -> rrule:
    """The rule as a dateutil rrule starting at `start` (in the newsroom's time zone)."""
    try:
        return rrulestr(rule, dtstart=timezone.localtime(start))
    except (ValueError, TypeError) as problem:
        raise RecurrenceError(f"The rule cannot be read: {problem}.", code="syntax") from None


def occurrences(
    rule: str, start: datetime, *, after: datetime, before: datetime, limit=MAX_OCCURRENCES
) -> list[datetime]:
    """The starts of the occurrences from `after` to `before` (inclusive), at most `limit`;
    without a rule, the one start if it falls in the window."""
    if not rule:
        return [start] if after <= start <= before else []
    found = read(rule, start).xafter(timezone.localtime(after), count=None, inc=True)
    window = itertools.takewhile(lambda moment: moment <= before, found)
    return list(itertools.islice(window, min(limit, MAX_OCCURRENCES)))


def next_occurrence(rule: str, start: datetime, *, after: datetime) -> datetime | None:
    """The first occurrence starting at or after `after`, if any (looking ten years ahead)."""
    found = occurrences(rule, start, after=after, before=after + timedelta(days=3660), limit=1)
    return found[0] if found else None


def days_of(rule: str, start: datetime, *, first: date, last: date) -> list[datetime]:
    """Occurrences falling on the days `first` to `last` (the newsroom's days)."""
    zone = timezone.get_current_timezone()
    after = timezone.make_aware(datetime.combine(first, time.min), zone)
    before = timezone.make_aware(datetime.combine(last, time.max), zone)
    return occurrences(rule, start, after=after, before=before)


def describe(rule: str) -> str:
    """A rule in words for the desk ("every week on Tuesday, 10 times")."""
    if not rule:
        return ""
    parts = dict(piece.split("=", 1) for piece in rule.split(";") if "=" in piece)
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
    every = int(parts.get("INTERVAL", "1"))
    words = f"every {unit.get(parts.get('FREQ', ''), '?')}"
    if every > 1:
        words = f"every {every} {unit.get(parts.get('FREQ', ''), '?')}s"
    if "BYDAY" in parts:
        names = {
            "MO": "Monday",
            "TU": "Tuesday",
            "WE": "Wednesday",
            "TH": "Thursday",
            "FR": "Friday",
            "SA": "Saturday",
            "SU": "Sunday",
        }
        days = [names.get(day[-2:], day) for day in parts["BYDAY"].split(",")]
        words += " on " + ", ".join(days)
    if "COUNT" in parts:
        words += f", {parts['COUNT']} times"
    elif "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.UTC)
        words += f", until {timezone.localtime(until):%-d %b %Y}"
    return words
