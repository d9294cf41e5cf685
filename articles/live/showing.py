"""What readers get of live coverage: the page's entries, the updates since a cursor, and how
often open pages should ask (docs/editors/live-coverage.md, docs/operations/live-coverage.md).

**The cursor** is the `changed_at` of the newest change a reader has (microseconds since the
epoch). A change to an entry takes its time inside the step that holds the story's lock, so for
one story changes commit in the order of their times and "changed after the cursor" misses
none; a scheduled entry's change is its posting time, so it arrives when it is due. Readers who
saw the same last change ask with the same cursor, so a shared cache answers them all with one
response until the next change forgets it (`articles.changes.live_changed`).

**Fixed cost.** The page is a handful of queries whatever the number of entries: the pinned
entry, the key events, one page of entries (authors, corrections and the breakout story fetched
once for all of them), the count for pagination, the cursor.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Max, Prefetch
from django.utils import timezone

from articles.caching import keys
from articles.models import Article, EntryState, LiveCoverage, LiveEntry

PAGE_SIZE = 20
KEY_EVENTS = 20
# How many entries one updates response carries at most; a reader further behind reloads.
MAX_UPDATES = 50


def poll_seconds(coverage: LiveCoverage, at=None) -> int:
    """How often open pages should ask for new entries (0: stop). The site's setting and the
    story's own each can slow polling down or stop it; an ended coverage stops it."""
    if coverage.has_ended(at):
        return 0
    site = settings.LIVE_POLL_SECONDS
    story = coverage.poll_seconds
    if site == 0 or story == 0:
        return 0
    return max(site, story or 0)


def to_cursor(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment else 0


def from_cursor(cursor: int):
    return datetime.fromtimestamp(cursor / 1_000_000, tz=UTC)


def parse_cursor(raw: str | None) -> int | None:
    """A cursor from a query string, or None when it is not one."""
    if raw is None or not raw.isdigit() or len(raw) > 20:
        return None
    return int(raw)


def _with_details(entries):
    return entries.prefetch_related(
        Prefetch("authors"),
        "corrections",
    ).select_related("breakout__section")


def _until_next_due(coverage: LiveCoverage, now) -> None:
    """A rendering showing the coverage holds only until its next scheduled entry is due."""
    due = (
        LiveEntry.objects.filter(coverage=coverage, state=EntryState.SCHEDULED, posted_at__gt=now)
        .order_by("posted_at")
        .values_list("posted_at", flat=True)
        .first()
    )
    if due is not None:
        keys.depends_on((), until=due.timestamp())


@dataclass
class LivePage:
    coverage: LiveCoverage
    entries: list
    page: int
    pages: int
    pinned: LiveEntry | None = None
    key_events: list = field(default_factory=list)
    cursor: int = 0
    poll: int = 0

    @property
    def running(self) -> bool:
        return not self.coverage.has_ended()


def live_page(story: Article, page: int = 1, at=None) -> LivePage | None:
    """What the live page shows of `story` (None when it is not covered live). `page` counts
    from the newest entries; one beyond the last is the last."""
    try:
        coverage = story.live  # read with the story (`select_related("live")`) or now
    except LiveCoverage.DoesNotExist:
        return None
    now = at or timezone.now()
    shown = LiveEntry.objects.shown(now).filter(coverage=coverage)
    count = shown.count()
    pages = max(1, -(-count // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    entries = list(_with_details(shown.order_by("-posted_at", "-pk"))[start : start + PAGE_SIZE])
    pinned = None
    if page == 1:
        pinned = _with_details(
            LiveEntry.objects.public(now).filter(coverage=coverage, pinned=True)
        ).first()
    key_events = list(
        LiveEntry.objects.public(now)
        .filter(coverage=coverage, key_event=True)
        .order_by("-posted_at", "-pk")
        .only("pk", "key_title", "posted_at")[:KEY_EVENTS]
    )
    _until_next_due(coverage, now)
    return LivePage(
        coverage=coverage,
        entries=entries,
        page=page,
        pages=pages,
        pinned=pinned,
        key_events=key_events,
        cursor=latest_cursor(coverage, now),
        poll=poll_seconds(coverage, now),
    )


def latest_cursor(coverage: LiveCoverage, now) -> int:
    latest = (
        LiveEntry.objects.filter(coverage=coverage, changed_at__lte=now)
        .exclude(posted_at=None)
        .aggregate(latest=Max("changed_at"))["latest"]
    )
    return to_cursor(latest)


def page_of(entry: LiveEntry, at=None) -> int:
    """Which page of its coverage `entry` is on (for its permalink)."""
    newer = (
        LiveEntry.objects.shown(at)
        .filter(coverage=entry.coverage_id, posted_at__gt=entry.posted_at)
        .count()
    )
    return newer // PAGE_SIZE + 1


@dataclass
class Updates:
    entries: list
    cursor: int
    poll: int
    ended: bool
    pinned: int | None
    behind: bool  # more changed than one response carries: the reader should reload


def updates(coverage: LiveCoverage, since: int, at=None) -> Updates:
    """The entries readers see (or saw: withdrawn ones) that changed after cursor `since`."""
    now = at or timezone.now()
    changed = list(
        _with_details(
            LiveEntry.objects.filter(
                coverage=coverage,
                changed_at__gt=from_cursor(since),
                changed_at__lte=now,
                state__in=(EntryState.PUBLISHED, EntryState.SCHEDULED, EntryState.WITHDRAWN),
                posted_at__lte=now,
            ).order_by("changed_at", "pk")
        )[: MAX_UPDATES + 1]
    )
    behind = len(changed) > MAX_UPDATES
    changed = changed[:MAX_UPDATES]
    pinned = (
        LiveEntry.objects.public(now)
        .filter(coverage=coverage, pinned=True)
        .values_list("pk", flat=True)
        .first()
    )
    _until_next_due(coverage, now)
    return Updates(
        entries=changed,
        cursor=to_cursor(changed[-1].changed_at) if changed else since,
        poll=poll_seconds(coverage, now),
        ended=coverage.has_ended(now),
        pinned=pinned,
        behind=behind,
    )


def key_events_now(limit: int = 5) -> list[LiveEntry]:
    """The newest key events of coverage running now, for the fronts' "Live" module: one query,
    each with its story and the story's section."""
    now = timezone.now()
    return list(
        LiveEntry.objects.public(now)
        .filter(
            key_event=True,
            coverage__ended_at__isnull=True,
            coverage__article__in=Article.objects.published().values("pk"),
        )
        .select_related("coverage__article__section")
        .only(
            "pk",
            "key_title",
            "posted_at",
            "coverage__ended_at",
            "coverage__article__headline",
            "coverage__article__slug",
            "coverage__article__published_at",
            "coverage__article__created_at",
            "coverage__article__section__slug",
        )
        .order_by("-posted_at", "-pk")[:limit]
    )
