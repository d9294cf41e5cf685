"""The read API's planning endpoints: events and plans as IPTC ninjs 3.2 (docs/api/planning.md).

    GET /api/ninjs/events/          public events (What's on), soonest first, from ?from=
    GET /api/ninjs/events/<id>/     one public event (`type: event`)
    GET /api/ninjs/plans/           plan lines the desk offered to partners, by day
    GET /api/ninjs/plans/<id>/      one of them (`type: planning`)

Same rules as the stories' endpoints (`views/api.py`): read-only, anonymous, CORS, JSON errors,
keyset pages of `page_size` (≤ 100) behind an opaque `cursor`, ETag and Last-Modified. Only an
event on the public What's on and a line marked "offered to partners" are ever served; who is
on a coverage is left out unless PLANNING_API_SHOWS_ASSIGNEES says otherwise.
"""

import base64
import binascii
import json
from datetime import UTC, date, datetime, time
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.addresses.absolute import absolute_url
from articles.models import Event, PlanLine
from articles.planning.ninjs import (
    event_document,
    planning_document,
    with_event_documents,
    with_planning_documents,
)
from articles.public.views.api import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    BadRequest,
    _error,
    _json,
    read_only,
)

PARAMETERS = {"from", "cursor", "page_size"}
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _params(request) -> dict:
    unknown = set(request.GET) - PARAMETERS
    if unknown:
        raise BadRequest(f"Unknown parameter: {sorted(unknown)[0]!r}.")
    params = {}
    for name in request.GET:
        values = request.GET.getlist(name)
        if len(values) != 1 or not values[0] or "\x00" in values[0]:
            raise BadRequest(f"Give {name} once, not empty.")
        params[name] = values[0]
    try:
        params["from"] = date.fromisoformat(params["from"]) if "from" in params else None
    except ValueError:
        raise BadRequest("from must be a date, e.g. 2026-12-09.") from None
    size = params.get("page_size", str(DEFAULT_PAGE_SIZE))
    if not size.isascii() or not size.isdigit() or not 1 <= int(size[:4]) <= MAX_PAGE_SIZE:
        raise BadRequest(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
    params["page_size"] = int(size)
    if "cursor" in params:
        params["cursor"] = _read_cursor(params["cursor"])
    return params


def _cursor(key: str, pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([key, pk]).encode()).decode().rstrip("=")


def _read_cursor(value: str):
    message = "cursor is not one this API handed out."
    try:
        raw = base64.urlsafe_b64decode(value[:200] + "=" * (-len(value[:200]) % 4))
        key, pk = json.loads(raw)
        if type(pk) is not int or not 0 < pk < 2**63 or not isinstance(key, str):
            raise ValueError(message)
        return datetime.fromisoformat(key), pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadRequest(message) from None


def _page(request, found, *, route: str, key, document, size: int):
    page = list(found[: size + 1])
    more, page = len(page) > size, page[:size]
    payload = {"items": [document(item) for item in page], "next": None}
    if more:
        kept = {name: value for name, value in request.GET.items() if name != "cursor"}
        kept["cursor"] = _cursor(key(page[-1]), page[-1].pk)
        payload["next"] = absolute_url(f"{reverse(route)}?{urlencode(kept)}")
    moments = [item.updated_at for item in page] or [_EPOCH]
    response = _json(request, payload, last_modified=max(moments))
    if payload["next"]:
        response["Link"] = f'<{payload["next"]}>; rel="next"'
    return response


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@read_only
def events(request):
    """Public events from `from` (default: today), soonest first; recurring ones by their
    first date."""
    params = _params(request)
    since = _day_start(params["from"] or timezone.localdate())
    found = Event.objects.whats_on().filter(Q(starts_at__gte=since) | ~Q(recurrence=""))
    if "cursor" in params:
        moment, pk = params["cursor"]
        found = found.filter(Q(starts_at__gt=moment) | Q(starts_at=moment, pk__gt=pk))
    return _page(
        request,
        with_event_documents(found.order_by("starts_at", "pk")),
        route="articles:api_events",
        key=lambda event: event.starts_at.isoformat(),
        document=event_document,
        size=params["page_size"],
    )


@read_only
def event(request, event_id: str):
    if request.GET:
        raise BadRequest(f"Unknown parameter: {sorted(request.GET)[0]!r}.")
    if not event_id.isascii() or not event_id.isdigit() or len(event_id) > 18:
        return _error("No public event has this id.", 404)
    found = with_event_documents(Event.objects.whats_on().filter(pk=int(event_id))).first()
    if found is None:
        return _error("No public event has this id.", 404)
    return _json(request, event_document(found), last_modified=found.updated_at)


def _offered():
    return PlanLine.objects.filter(shared=True)


@read_only
def plans(request):
    """Plan lines offered to partners, from `from` (default: today), by day."""
    params = _params(request)
    found = _offered().filter(planned_on__gte=params["from"] or timezone.localdate())
    if "cursor" in params:
        moment, pk = params["cursor"]
        day = moment.date()
        found = found.filter(Q(planned_on__gt=day) | Q(planned_on=day, pk__gt=pk))
    return _page(
        request,
        with_planning_documents(found.order_by("planned_on", "pk")),
        route="articles:api_plans",
        key=lambda line: datetime.combine(line.planned_on, time.min).isoformat(),
        document=planning_document,
        size=params["page_size"],
    )


@read_only
def plan(request, plan_id: str):
    if request.GET:
        raise BadRequest(f"Unknown parameter: {sorted(request.GET)[0]!r}.")
    if not plan_id.isascii() or not plan_id.isdigit() or len(plan_id) > 18:
        return _error("No plan offered to partners has this id.", 404)
    found = with_planning_documents(_offered().filter(pk=int(plan_id))).first()
    if found is None:
        return _error("No plan offered to partners has this id.", 404)
    return _json(request, planning_document(found), last_modified=found.updated_at)
