"""The public read API: published stories as IPTC ninjs 3.2 (docs/api/read-api.md).

    GET /api/ninjs/                 newest first; filters section, region, source, tag,
                                    updated_since; cursor pages of page_size (≤ 100)
    GET /api/ninjs/<id>/            one published story
    GET /api/openapi.json           the OpenAPI 3.1 description of both

Read-only and anonymous: GET, HEAD and OPTIONS (CORS, no credentials); every other method is
405. Only what `Article.objects.published()` shows is ever served: a draft, scheduled,
embargoed or withdrawn story is absent from lists and 404 in detail. Every refusal is JSON
(`{"error": …}`), never an HTML page or a 500. Pages are keyset pages (newest first by publish
time, then id), so a story published meanwhile never shifts the next page, and any page costs
the same fixed queries however deep it is and however many stories it holds.

Plain Django views, not Django REST Framework or django-ninja: two read-only endpoints whose
work is one serializer (`articles.syndication.ninjs`), keyset pages and exact errors; a
framework would bring its own pagination, error shapes and negotiation to work around, and the
OpenAPI description is short enough to write by hand (`views/openapi.py`).
"""

import base64
import binascii
import hashlib
import json
import re
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from articles.addresses.absolute import absolute_url
from articles.models import ArchiveState, Article, Region, Section, Source, Tag
from articles.syndication.ninjs import story_document, with_documents

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FILTERS = ("section", "region", "source", "tag")
PARAMETERS = {*FILTERS, "updated_since", "cursor", "page_size"}
# Slugs as the site makes them (taggit keeps non-ASCII letters in tag slugs).
_SLUG = re.compile(r"[-\w]{1,200}")
_CURSOR = re.compile(r"[-_A-Za-z0-9]{1,200}={0,2}")
_ALLOWED = "GET, HEAD, OPTIONS"
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": _ALLOWED,
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}


class BadRequest(Exception):
    """A parameter the API cannot use; its message is the JSON error."""


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def refusal(message: str, status: int) -> JsonResponse:
    """A refusal as the API gives every one (JSON, with its CORS headers), for answers made
    before a view of the API runs (newsroom/middleware.py)."""
    response = _error(message, status)
    response["Allow"] = _ALLOWED
    for name, value in _CORS.items():
        response[name] = value
    return response


def read_only(view):
    """GET/HEAD run the view, OPTIONS answers a CORS preflight, anything else is 405; every
    answer carries the CORS headers (any origin, no credentials)."""

    @csrf_exempt  # nothing here writes: a POST gets 405, not a CSRF page
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = _error(f"{request.method} is not allowed: this API is read-only.", 405)
        else:
            try:
                response = view(request, *args, **kwargs)
            except BadRequest as problem:
                response = _error(str(problem), 400)
        response["Allow"] = _ALLOWED
        for name, value in _CORS.items():
            response[name] = value
        return response

    return wrapper


def _json(request, payload, *, last_modified: datetime) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    stamp = int(last_modified.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=stamp)
    response = conditional or HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp)
    return response


def _changed_at(story: Article) -> datetime:
    """When what the API shows of `story` last changed: its last save, or the moment it went
    live (a scheduled story or a lifted embargo appears without a save)."""
    return max(moment for moment in (story.modified_at, story.goes_live_at) if moment)


@read_only
def story(request, story_id: str):
    """One published story."""
    if request.GET:
        raise BadRequest(f"Unknown parameter: {sorted(request.GET)[0]!r}.")
    if not story_id.isascii() or not story_id.isdigit() or len(story_id) > 18:
        return _error("No published story has this id.", 404)
    found = with_documents(Article.objects.published().filter(pk=int(story_id))).first()
    if found is None:
        return _error("No published story has this id.", 404)
    return _json(request, story_document(found), last_modified=_changed_at(found))


@read_only
def stories(request):
    """Published stories, newest first, one cursor page at a time."""
    params = _read_parameters(request)
    found = Article.objects.published()
    for name in FILTERS:
        if name in params:
            found = _filtered(found, name, params[name])
    if "updated_since" in params:
        found = found.filter(modified_at__gte=params["updated_since"])
    if "cursor" in params:
        published_at, pk = params["cursor"]
        found = found.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
        )
    size = params.get("page_size", DEFAULT_PAGE_SIZE)
    page = list(with_documents(found.order_by("-published_at", "-pk"))[: size + 1])
    more, page = len(page) > size, page[:size]
    payload = {"items": [story_document(item) for item in page], "next": None}
    if more:
        kept = {key: value for key, value in request.GET.items() if key != "cursor"}
        kept["cursor"] = _cursor(page[-1])
        payload["next"] = absolute_url(f"{reverse('articles:api_ninjs')}?{urlencode(kept)}")
    # The generation moves with every public change (a withdrawal leaves no trace in a page).
    archive = ArchiveState.objects.filter(pk=1).values_list("changed_at", flat=True).first()
    moments = [_changed_at(item) for item in page] + [archive or datetime(2000, 1, 1, tzinfo=UTC)]
    response = _json(request, payload, last_modified=max(moments))
    if payload["next"]:
        response["Link"] = f'<{payload["next"]}>; rel="next"'
    return response


@read_only
def openapi(request):
    """The OpenAPI 3.1 description of this API."""
    from articles.public.views.openapi import openapi_description  # it reads this module's limits

    if request.GET:
        raise BadRequest(f"Unknown parameter: {sorted(request.GET)[0]!r}.")
    return JsonResponse(openapi_description(), json_dumps_params={"ensure_ascii": False})


def _read_parameters(request) -> dict:
    unknown = set(request.GET) - PARAMETERS
    if unknown:
        raise BadRequest(f"Unknown parameter: {sorted(unknown)[0]!r}.")
    params = {}
    for name in request.GET:
        values = request.GET.getlist(name)
        if len(values) != 1:
            raise BadRequest(f"Give {name} once.")
        value = values[0]
        if "\x00" in value or not value:
            raise BadRequest(f"{name} must not be empty or hold a NUL character.")
        params[name] = _parse(name, value)
    return params


def _parse(name: str, value: str):
    if name in FILTERS:
        if not _SLUG.fullmatch(value):
            raise BadRequest(f"{name} must be a slug.")
        return value
    if name == "page_size":
        if not value.isascii() or not value.isdigit() or not 1 <= int(value[:4]) <= MAX_PAGE_SIZE:
            raise BadRequest(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")
        return int(value)
    if name == "updated_since":
        return _moment(value, "updated_since must be an ISO 8601 date and time.")
    return _read_cursor(value)


def _moment(value: str, message: str) -> datetime:
    try:
        moment = parse_datetime(value) if len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(message)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise BadRequest(message) from None
    return moment


def _filtered(found, name: str, slug: str):
    model = {"section": Section, "region": Region, "source": Source, "tag": Tag}[name]
    subject = model.objects.filter(slug=slug).first()
    if subject is None:
        raise BadRequest(f"No {name} has the slug {slug!r}.")
    if name == "section":
        return found.in_section(subject)
    if name == "region":
        return found.in_region(subject)  # rolled up, as on the region page
    if name == "source":
        return found.citing(subject)
    return found.tagged(subject)


def _cursor(last: Article) -> str:
    """Where the next page starts: after the last story of this one (publish time, id)."""
    raw = json.dumps([last.published_at.isoformat(), last.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_cursor(value: str):
    message = "cursor is not one this API handed out."
    if not _CURSOR.fullmatch(value):
        raise BadRequest(message)
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        published_at, pk = json.loads(raw)
        moment = _moment(published_at, message)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadRequest(message) from None
    if type(pk) is not int or not 0 < pk < 2**63:
        raise BadRequest(message)
    return moment, pk
