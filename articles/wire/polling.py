"""Polling agency feeds: a conditional GET per provider, in bounded time.

Each provider's ETag and Last-Modified are stored and sent back (If-None-Match,
If-Modified-Since), so a feed that has not changed answers 304 and costs nothing. Every request
has a timeout and a size limit, and `poll_all` starts no new request after its time is up, so a
cron job or a scheduled task never piles up behind a slow agency. Ingest is idempotent, so two
polls overlapping are harmless.
"""

import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from articles.models import WireProvider

from .ingest import REFUSED, ingest_copy
from .reading import MAX_COPY_BYTES

USER_AGENT = "Newsroom wire desk (+https://github.com/)"


@dataclass
class PollResult:
    provider: str
    status: str  # "fetched", "not modified", "failed", "skipped"
    counts: Counter = field(default_factory=Counter)
    detail: str = ""

    def __str__(self):
        counted = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.counts.items()))
        return (
            f"{self.provider}: {self.status}"
            + (f" — {counted}" if counted else "")
            + (f" ({self.detail})" if self.detail else "")
        )


def poll(provider: WireProvider, *, timeout: float = 10.0) -> PollResult:
    """Ask one provider's feed for what changed since last time, and ingest it."""
    if not provider.feed_url.startswith(("http://", "https://")):
        result = PollResult(provider.name, "failed", detail="only http(s) feeds are polled")
        _remember(provider, result)
        return result
    request = urllib.request.Request(provider.feed_url, headers={"User-Agent": USER_AGENT})
    if provider.etag:
        request.add_header("If-None-Match", provider.etag)
    if provider.last_modified:
        request.add_header("If-Modified-Since", provider.last_modified)
    result = PollResult(provider.name, "fetched")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_COPY_BYTES + 1)
            etag = response.headers.get("ETag", "")
            modified = response.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as error:
        if error.code == 304:
            result.status = "not modified"
            _remember(provider, result)
            return result
        result.status, result.detail = "failed", f"HTTP {error.code}"
        _remember(provider, result)
        return result
    except (OSError, ValueError) as error:
        result.status, result.detail = "failed", str(error)[:200]
        _remember(provider, result)
        return result
    for outcome in ingest_copy(data, provider=provider):
        result.counts[outcome.outcome] += 1
    if not result.counts[REFUSED] or sum(result.counts.values()) > result.counts[REFUSED]:
        # Remember the validators only once the copy is in: a failed ingest is asked again.
        provider.etag, provider.last_modified = etag[:300], modified[:100]
    _remember(provider, result)
    return result


def _remember(provider: WireProvider, result: PollResult) -> None:
    provider.last_polled_at = timezone.now()
    provider.last_poll_result = str(result)[:300]
    provider.save(update_fields=["etag", "last_modified", "last_polled_at", "last_poll_result"])


def poll_all(*, within: float = 50.0, timeout: float = 10.0) -> list[PollResult]:
    """Poll every active provider with a feed, starting none after `within` seconds; each
    request may take at most `timeout` (and the time left)."""
    deadline = time.monotonic() + within
    results = []
    for provider in WireProvider.objects.filter(active=True).exclude(feed_url="").order_by("pk"):
        left = deadline - time.monotonic()
        if left <= 0:
            results.append(PollResult(provider.name, "skipped", detail="out of time"))
            continue
        results.append(poll(provider, timeout=min(timeout, max(left, 1.0))))
    return results
