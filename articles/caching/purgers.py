"""Asking a CDN to forget cache keys: one adapter per CDN, chosen by `CDN_PURGE`.

Each adapter sends the keys in batches within its CDN's limits and raises `PurgeFailed` when
the CDN does not confirm; `articles.caching.purging` retries. Addresses are http(s) only, and
every request has a short timeout.

- `varnish`: a `PURGE` request to each address in `CDN_PURGE_ENDPOINTS` with the keys in an
  `xkey-purge` header, for a VCL using vmod-xkey (docs/operations/caching.md has one).
- `fastly`: a soft purge by surrogate key (`POST /service/<CDN_SERVICE>/purge`,
  `Surrogate-Key`, `Fastly-Soft-Purge: 1`), 256 keys a request.
- `cloudflare`: a purge by cache tag (`POST /zones/<CDN_SERVICE>/purge_cache`,
  `{"tags": [...]}`), 30 tags a request.
"""

import json
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT = 2


class PurgeFailed(Exception):
    pass


def batches(keys: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def _send(url: str, *, method: str, headers: dict, body: bytes | None = None) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise PurgeFailed(f"not an http(s) address: {url}")
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            if response.status >= 300:
                raise PurgeFailed(f"{url} answered {response.status}")
    except OSError as error:  # refused, timed out, or an HTTP error status
        raise PurgeFailed(f"{url}: {error}") from error


class Varnish:
    batch = 100  # keys per header: well inside Varnish's 8 KB request header limit

    def purge(self, keys: list[str]) -> None:
        for endpoint in settings.CDN_PURGE_ENDPOINTS:
            for batch in batches(keys, self.batch):
                _send(endpoint, method="PURGE", headers={"xkey-purge": " ".join(batch)})


class Fastly:
    batch = 256
    api = "https://api.fastly.com"

    def purge(self, keys: list[str]) -> None:
        base = (settings.CDN_PURGE_ENDPOINTS or [self.api])[0].rstrip("/")
        for batch in batches(keys, self.batch):
            _send(
                f"{base}/service/{settings.CDN_SERVICE}/purge",
                method="POST",
                headers={
                    "Fastly-Key": settings.CDN_API_TOKEN,
                    "Surrogate-Key": " ".join(batch),
                    "Fastly-Soft-Purge": "1",
                },
            )


class Cloudflare:
    batch = 30
    api = "https://api.cloudflare.com/client/v4"

    def purge(self, keys: list[str]) -> None:
        base = (settings.CDN_PURGE_ENDPOINTS or [self.api])[0].rstrip("/")
        for batch in batches(keys, self.batch):
            _send(
                f"{base}/zones/{settings.CDN_SERVICE}/purge_cache",
                method="POST",
                headers={
                    "Authorization": f"Bearer {settings.CDN_API_TOKEN}",
                    "Content-Type": "application/json",
                },
                body=json.dumps({"tags": batch}).encode(),
            )


PURGERS = {"varnish": Varnish, "fastly": Fastly, "cloudflare": Cloudflare}


def purger():
    """The configured adapter, or None when no CDN is told."""
    chosen = PURGERS.get(settings.CDN_PURGE)
    return chosen() if chosen else None
