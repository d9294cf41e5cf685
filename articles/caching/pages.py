"""Whole public pages for anonymous readers, kept in the shared cache and never served stale.

**Forgotten by key.** Every cached page is stored with the `Stamp` of what it showed
(`articles.caching.entries`): the keys of every story, listing and table its render read
(`articles.caching.keys`), the key counter when the render began, and the next timed moment.
A change forgets the keys it touched (`articles.changes`), so a publish renews the pages that
list the story or show it, an edit of a story's words the pages that show that story, and every
other page stays cached; a story scheduled for 09:00:00 is on the cached home page at 09:00:00
(a page never outlives the next timed moment) — no cron, and no purge list that could miss a
page: the keys are recorded from the queries themselves.

**Cost per request.** A hit is no query, and on Redis one round trip: a script reads the page,
its keys and their versions at once (`articles.caching.hits`); on another shared cache two (the
page, then its keys' versions in one `get_many`). With each process's own cache (`SHARED_CACHE` off), a page also
follows the edition, re-read from the database at most once a second (`EDITION_TTL`).

**What is never cached.** Requests carrying a session cookie (logged-in staff) bypass the
cache entirely; responses are stored only when they are a plain 200 with no cookie, no
`Vary: Cookie` and no private/no-store `Cache-Control` (previews and the admin say so), so a
cached page never carries a session, a CSRF token or staff-only content. Public templates use
no CSP nonce (scripts load from files), and the CSP header itself is added afresh per request
by the middleware outside this one.

**Stampedes.** When a page is out of date, one request per page regenerates it (a
cache `add` lock); the others meanwhile serve the previous copy. A page never cached before is
rendered by whoever asks.

**HTTP.** Cached pages carry `Cache-Control: public, max-age=0, s-maxage=…,
stale-while-revalidate=…` (s-maxage never past the next scheduled moment), a strong `ETag`
(304 on `If-None-Match`, and on `If-Modified-Since` where the view sets `Last-Modified`), and
brotli and gzip copies for clients that accept them (`articles.caching.compression`). Compressing is safe from BREACH here because an
anonymous public page holds no secret at all (no CSRF token, no session data).
"""

import hashlib
import time
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from articles.caching import compression, hits
from articles.caching.entries import Stamp, render_stamped
from articles.caching.purging import add_cdn_headers
from articles.caching.state import EDITION_KEY, Edition, current_edition

PAGE_TIMEOUT = 24 * 60 * 60
LOCK_TIMEOUT = 10
# What CDNs may keep a page for (it is purged sooner by `articles.changes` when a hook is set).
S_MAXAGE = 300
STALE_WHILE_REVALIDATE = 60
# Addresses that are never pages for readers.
NEVER_CACHED = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/")
# Headers the outer middleware sets per request: never stored with a page.
PER_REQUEST_HEADERS = {"vary", "set-cookie", "cache-control", "etag", "content-length"}


@dataclass(frozen=True)
class CachedPage:
    """One stored representation of a page: plain, or gzip-compressed. Both are stored, under
    their own keys, so a hit fetches only the bytes its client will receive."""

    stamp: Stamp
    status: int
    headers: tuple
    body: bytes
    encoding: str  # "", "gzip" or "br"
    etag: str
    # A shorter shared lifetime the view asked for (live coverage's updates: seconds).
    shared_max_age: int = S_MAXAGE

    @classmethod
    def variants(cls, response: HttpResponse, stamp: Stamp) -> dict[str, "CachedPage"]:
        """{encoding: page} for a freshly rendered response."""
        content = response.content
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in PER_REQUEST_HEADERS
        )
        digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
        page = partial(
            cls,
            stamp=stamp,
            status=response.status_code,
            headers=headers,
            shared_max_age=min(S_MAXAGE, getattr(response, "shared_max_age", S_MAXAGE)),
        )
        return {
            "": page(body=content, encoding="", etag=f'"{digest}"'),
            "gzip": page(body=compress_string(content), encoding="gzip", etag=f'"{digest}-gz"'),
            "br": page(body=compression.compress(content), encoding="br", etag=f'"{digest}-br"'),
        }

    def response(self, request, state: str) -> HttpResponse:
        """This page as an HTTP response for `request` (304 when the client has it)."""
        response = HttpResponse(self.body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        if self.encoding:
            response["Content-Encoding"] = self.encoding
        patch_vary_headers(response, ["Accept-Encoding"])
        response["X-Cache"] = state
        set_public_cache_control(response, self.stamp.until, self.shared_max_age)
        left = None if self.stamp.until is None else self.stamp.until - time.time()
        if self.shared_max_age < S_MAXAGE:
            # A view that asked for a short life (live updates) gets it at the CDN too.
            left = self.shared_max_age if left is None else min(left, self.shared_max_age)
        add_cdn_headers(response, self.stamp.keys, left)
        last_modified = response.get("Last-Modified")
        conditional = get_conditional_response(
            request,
            etag=self.etag,
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
        # Given a response, Django hands back that one or a 304 in its place, never None.
        return response if conditional is None else conditional


def wanted_encoding(request) -> str:
    return compression.wanted_encoding(request)


def set_public_cache_control(
    response: HttpResponse, until: float | None, shared: int = S_MAXAGE
) -> None:
    """What CDNs and browsers may do with an anonymous page: browsers revalidate (ETag, so
    mostly 304s), shared caches keep it a while (`shared` seconds at most), but never past the
    next scheduled moment."""
    if until is not None:
        shared = max(0, min(shared, int(until - time.time())))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={shared}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
    )


def is_cacheable_request(request) -> bool:
    """An anonymous reader's GET or HEAD of a public page."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NEVER_CACHED)
    )


def is_storable(response: HttpResponse) -> bool:
    """A plain public page: 200, nothing personal in it, nobody asked not to keep it."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "cookie" not in response.get("Vary", "").lower()


def page_key(request) -> str:
    """One key per address (path and query string); the host does not matter: every page is
    built on SITE_URL, not on the host a request came in on."""
    address = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
    return "newsroom:page:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def lookup(key: str, encoding: str) -> tuple["CachedPage | None", bool, Edition | None]:
    """The cached page for `key` in `encoding`, whether it holds, and the edition it was
    checked against (only without a shared cache). On Redis one round trip
    (`articles.caching.hits`); elsewhere the page, then its keys' versions."""
    if not settings.SHARED_CACHE:
        found = cache.get_many([EDITION_KEY, key + encoding])
        page, edition = found.get(key + encoding), current_edition(found.get(EDITION_KEY))
        return page, page is not None and page.stamp.holds(edition), edition
    fast = hits.fetch(key + encoding, key + ":keys")
    if fast is not None:
        page, holds = fast
        return page, page is not None and holds and page.stamp.in_time(), None
    page = cache.get(key + encoding)
    return page, page is not None and page.stamp.holds(), None


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache while what they show holds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        encoding = wanted_encoding(request)
        page, holds, edition = lookup(key, encoding)
        if page is not None and holds:
            return page.response(request, "HIT")
        lock = f"{key}:lock"
        locked = cache.add(lock, 1, LOCK_TIMEOUT)
        if page is not None and not locked:
            # Someone is regenerating this page right now: the previous copy will do.
            return page.response(request, "STALE")
        try:
            response, stamp = render_stamped(lambda: self.render(request), edition)
            if is_storable(response):
                pages = CachedPage.variants(response, stamp)
                cache.set_many({key + name: page for name, page in pages.items()}, PAGE_TIMEOUT)
                hits.remember(key + ":keys", stamp.version_names(), stamp.seen, PAGE_TIMEOUT)
                return pages[encoding].response(request, "MISS")
            return response
        finally:
            if locked:
                cache.delete(lock)

    def render(self, request):
        response = self.get_response(request)
        # Lazy responses (feeds, sitemaps rendered late) read what they show now, while the
        # render's reads are recorded.
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        return response
