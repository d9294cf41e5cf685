"""The site's public address: every absolute URL the site hands out is built here.

Feeds, sitemaps, robots.txt, canonical links, OpenGraph tags and JSON-LD all need complete
URLs (crawlers, feed readers and card renderers do not resolve relative ones), and all of them
are on `settings.SITE_URL`, the public address, never on whatever host a request came in on (a
proxy or an internal health check may use another).
"""

import re

from django.conf import settings
from django.urls import reverse

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "slug-placeholder"


def absolute_url(url: str) -> str:
    """`url` (a site path, or a media or static URL) as a complete URL on the site's address.

    Complete URLs pass through untouched (a CDN `MEDIA_URL` such as
    `https://cdn.example.org/`); a scheme-relative one (`//cdn.example.org/…`) takes the
    site's scheme, because a feed or a sitemap has no page to take a scheme from. An empty URL
    (a story without a picture has no share image) stays empty.
    """
    if not url or url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{site_scheme()}:{url}"
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def site_scheme() -> str:
    """The scheme of the site's public address: "https" or "http"."""
    return settings.SITE_URL.split("://", 1)[0]


def site_domain() -> str:
    """The site's public address without its scheme (host, port and any path prefix)."""
    return settings.SITE_URL.split("://", 1)[-1]


class SlugPaths:
    """Paths of one route that differ only in the slug (/tags/<slug>/), for many rows at once
    (an index page, a sitemap file): the route is reversed once with a placeholder and each
    plain slug put in its place, where a reverse() each costs ~15 µs; a slug that needs
    percent-encoding ("київ") takes the ordinary reverse()."""

    def __init__(self, url_name: str):
        self.url_name = url_name
        path = reverse(url_name, kwargs={"slug": _SLUG_PLACEHOLDER})
        self.head, _, self.tail = path.rpartition(_SLUG_PLACEHOLDER)

    def __call__(self, slug: str) -> str:
        if _PLAIN_SLUG.fullmatch(slug):
            return f"{self.head}{slug}{self.tail}"
        return reverse(self.url_name, kwargs={"slug": slug})
