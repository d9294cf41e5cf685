"""A CDN in front speaks the page cache's keys: responses name them, changes purge them.

**Headers.** An anonymous cached page carries its keys (`articles.caching.keys`) in the header
named by `CDN_KEYS_HEADER` (`xkey` for Varnish, `Surrogate-Key` for Fastly, `Cache-Tag` for
Cloudflare), space- or comma-separated as that CDN reads them. A page whose keys would pass
`CDN_KEYS_MAX_BYTES` names `story-values` instead of its stories (every change of a story
readers see purges it), so the header never outgrows the CDN's limit. With purging on
(`CDN_PURGE`), `CDN-Cache-Control` (RFC 9213) lets the CDN keep a page far longer than the
browser-facing `s-maxage`, never past the next timed moment, with `stale-while-revalidate`
and `stale-if-error`.

**Purges.** `articles.changes` hands the keys of every public change to `purge_later()`: a row
in the purge log (`CdnPurge`, in the admin) written in the change's transaction, and a task
queued once it commits. The task (`send_purges`) takes every purge due, sends their keys as
one purge through the adapter (`articles.caching.purgers`) — many changes in a second become
one purge — and marks them sent; on failure it backs off and tries again, and logs one error
when a purge has failed `ALERT_AFTER` times. A slow or dead CDN never slows a save: the save
only writes a row.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from articles.caching import keys as cache_keys
from articles.caching.purgers import PurgeFailed, purger
from articles.models import CdnPurge

logger = logging.getLogger(__name__)

ALERT_AFTER = 5
MAX_WAIT = 3600
STALE_WHILE_REVALIDATE = 60
STALE_IF_ERROR = 24 * 60 * 60
# Cloudflare separates cache tags with commas; Varnish and Fastly with spaces.
COMMA_SEPARATED = {"cache-tag"}


def keys_header(keys) -> str:
    """The header value naming `keys`, rolled up to fit `CDN_KEYS_MAX_BYTES`."""
    separator = "," if settings.CDN_KEYS_HEADER.lower() in COMMA_SEPARATED else " "
    named = sorted(keys)
    value = separator.join(named)
    if len(value) > settings.CDN_KEYS_MAX_BYTES:
        named = [key for key in named if not key.startswith("story-")]
        value = separator.join(sorted({*named, cache_keys.STORY_VALUES}))
    if len(value) > settings.CDN_KEYS_MAX_BYTES:
        value = cache_keys.EVERYTHING
    return value


def add_cdn_headers(response, keys, left: float | None) -> None:
    """Name a cached page's keys for the CDN, and how long it may keep the page."""
    if settings.CDN_KEYS_HEADER:
        response[settings.CDN_KEYS_HEADER] = keys_header(keys)
    if settings.CDN_PURGE:
        keep = settings.CDN_MAX_AGE
        if left is not None:
            keep = max(0, min(keep, int(left)))
        response["CDN-Cache-Control"] = (
            f"public, max-age={keep}, stale-while-revalidate={STALE_WHILE_REVALIDATE}, "
            f"stale-if-error={STALE_IF_ERROR}"
        )


def purge_later(keys) -> None:
    """Purge `keys` at the CDN once the current transaction commits (nothing without a CDN)."""
    if not settings.CDN_PURGE or not keys:
        return
    CdnPurge.objects.create(keys=" ".join(sorted(set(keys))))
    transaction.on_commit(_enqueue)


def _enqueue(run_after=None) -> None:
    try:
        if run_after is not None and send_purges.get_backend().supports_defer:
            send_purges.using(run_after=run_after).enqueue()
        else:
            send_purges.enqueue()
    except Exception:
        # The purge stays in the log, due; the next change's task sends it.
        logger.exception("Could not queue a CDN purge")


@task()
def send_purges() -> int:
    """The background task: send every purge due, as one."""
    return send_due()


def send_due(now=None) -> int:
    """Send every due purge's keys as one purge; returns how many purges it covered."""
    now = now or timezone.now()
    adapter = purger()
    with transaction.atomic():
        due = list(
            CdnPurge.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, next_attempt_at__lte=now)
            .order_by("pk")[:500]
        )
        if not due or adapter is None:
            return 0
        ids = [purge.pk for purge in due]
        keys = sorted({key for purge in due for key in purge.keys.split()})
        try:
            adapter.purge(keys)
        except PurgeFailed as error:
            attempts = max(purge.attempts for purge in due) + 1
            retry_at = now + timedelta(seconds=min(2**attempts, MAX_WAIT))
            CdnPurge.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000], next_attempt_at=retry_at
            )
            if attempts == ALERT_AFTER:
                logger.error("CDN purges keep failing (%d attempts): %s", attempts, error)
            else:
                logger.warning("CDN purge failed (attempt %d): %s", attempts, error)
            transaction.on_commit(lambda: _enqueue(retry_at))
            return 0
        CdnPurge.objects.filter(pk__in=ids).update(sent_at=now, last_error="")
    return len(ids)
