"""What readers can see, as a cache can tell: the edition every cache of public content is
keyed on.

`public_state()` reads, in one query of a few index lookups, the archive generation (moved by
`articles.changes` with every change readers can see) and the next moment something changes by
itself: a waiting story goes live (a publish time or an embargo end arriving), a scheduled
front arrangement goes live, or the breaking-news banner expires. Its `token` therefore
changes exactly when public content may have changed — by an editor's hand or by the clock —
and `next_change` says until when a token holds if nobody acts.

`current_edition()` keeps that in the cache so that a page served from the cache costs no
query: it is re-read at most once a second per cache (`EDITION_TTL`), when its next moment
arrives, and at once after a change (`forget_edition()`, called by `articles.changes`).
"""

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import Min, Subquery
from django.utils import timezone

from articles.caching import keys
from articles.models import ArchiveState, Arrangement, Article, Banner, Status

EDITION_KEY = "newsroom:edition"
# How long an edition read from the database is trusted. A change replaces it at once where it
# was made (and everywhere, through a shared Redis); this bounds how far another process with
# its own in-memory cache can lag, and a race between a change and a concurrent read.
EDITION_TTL = 1


@dataclass(frozen=True)
class PublicState:
    """What readers can see, as a cache can tell: `token` changes exactly when public content
    may have changed; `next_change` is the next moment it changes by time alone (or None)."""

    token: str
    next_change: datetime | None
    # {cache key: the next moment what shows it changes by time alone}: the story tables for a
    # waiting story or an embargo, the arrangements' table for a front, the banner's table.
    moments: dict[str, datetime | None] = field(default_factory=dict)


def _timed_changes(now):
    """The next moment, after `now`, that a scheduled front arrangement goes live and that a
    raised banner comes down by itself: querysets of at most one time each."""
    arrangement = (
        Arrangement.objects.filter(cancelled_at__isnull=True, goes_live_at__gt=now)
        .order_by("goes_live_at")
        .values_list("goes_live_at", flat=True)[:1]
    )
    banner = (
        Banner.objects.filter(lowered_at__isnull=True, expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)[:1]
    )
    return arrangement, banner


def public_state(now=None) -> PublicState:
    """The archive generation (moved by every public change) and the next moment what readers
    see changes by itself (which moves when that moment passes): a waiting story going live, a
    scheduled front arrangement going live, the banner expiring. One query of four index
    lookups."""
    now = now or timezone.now()
    waiting = Article.objects.filter(status=Status.PUBLISHED).order_by()
    next_publish = waiting.filter(published_at__gt=now).values("status")
    next_embargo = waiting.filter(embargo_until__gt=now).values("status")
    next_arrangement, next_banner_end = _timed_changes(now)
    row = (
        ArchiveState.objects.filter(pk=1)
        .annotate(
            next_publish=Subquery(next_publish.annotate(at=Min("published_at")).values("at")),
            next_embargo=Subquery(next_embargo.annotate(at=Min("embargo_until")).values("at")),
            next_arrangement=Subquery(next_arrangement),
            next_banner_end=Subquery(next_banner_end),
        )
        .values_list(
            "generation",
            "changed_at",
            "next_publish",
            "next_embargo",
            "next_arrangement",
            "next_banner_end",
        )
        .first()
    )
    if row is None:  # a freshly flushed database: no change recorded yet
        generation, changed_at = 0, None
        pending = [Article.objects.next_visibility_change(now), None]
        pending += [queryset.first() for queryset in _timed_changes(now)]
    else:
        generation, changed_at, *pending = row
    moment = min((at for at in pending if at), default=None)
    story, embargo, arrangement, banner_end = pending
    moments = {
        keys.STORIES: min((at for at in (story, embargo) if at), default=None),
        keys.table_key(Arrangement._meta.db_table): arrangement,
        keys.table_key(Banner._meta.db_table): banner_end,
    }
    stamps = [changed_at, moment]
    token = ".".join(
        [str(generation)] + [str(int(t.timestamp() * 1000)) if t else "-" for t in stamps]
    )
    return PublicState(token, moment, moments)


def public_state_token(now=None) -> str:
    """A cache-key part that changes exactly when what readers can see may have changed."""
    return public_state(now).token


@dataclass(frozen=True)
class Edition:
    """A `PublicState` as the cache keeps it (times as Unix seconds)."""

    token: str
    next_change: float | None
    moments: tuple[tuple[str, float], ...] = ()

    def seconds_left(self, now: float) -> float | None:
        return None if self.next_change is None else self.next_change - now

    def until_for(self, shown) -> float | None:
        """The next timed moment that changes something a render showing the keys `shown`
        read: a page that reads no story table is not renewed when a scheduled story goes
        live, one without the banner's table not when the banner expires."""
        return min((at for key, at in self.moments if key in shown), default=None)


def current_edition(cached: Edition | None = None) -> Edition:
    """The edition readers see now: `cached` (as found in the cache) while it holds, else read
    afresh from the database and kept for `EDITION_TTL`."""
    if cached is not None and (cached.next_change is None or time.time() < cached.next_change):
        return cached
    state = public_state()
    edition = Edition(
        state.token,
        state.next_change.timestamp() if state.next_change else None,
        tuple((key, at.timestamp()) for key, at in state.moments.items() if at),
    )
    cache.set(EDITION_KEY, edition, EDITION_TTL)
    return edition


def forget_edition() -> None:
    """Public content changed: the next reader's request reads the edition afresh."""
    cache.delete(EDITION_KEY)
