"""What a cached page, fragment or count shows, as keys, and forgetting exactly those keys.

The scheme (docs/operations/caching.md, "Keys"):

- `story-<id>` — one story's own content. Recorded for every story a render loads as a model
  (cards, bodies, More Stories, pins, fronts: `Article.from_db` says so through
  `articles.models.reads`).
- `stories` — which stories are public, when, and where they are filed (sections, regions,
  tags, sources, authors, related pins, corrections): recorded by any query that reads the
  story tables (`STORY_TABLES`) — every listing, count, feed and sitemap.
- `story-values` — stories' content read in bulk without models (`values()`, aggregates:
  sitemaps' dates): `ArticleQuerySet` says so.
- `t-<table>` — any other table a render reads (sections' names, the banner, fronts, images,
  newsletters, events…), recorded by the query itself.
- `all` — on everything: forgotten when nothing narrower is known (a deletion, a rename).

Nothing declares keys by hand: they are recorded by an `execute_wrapper` on every database
connection while `collecting()` is active, and by the model loads above, so a new page or a
new query cannot forget one. `articles.changes` names the keys each change touches, and
`forget()` moves their versions.

**Versions, not lists.** Forgetting a key stores a new version for it: the next value of a
shared counter (`CLOCK`). A cached entry keeps the counter it saw when its render began and its
keys; it is good while every key's version exists and is no newer than that. A key whose
version was evicted reads as changed, so losing the record of a dependency costs a miss,
never a stale page.
"""

import re
import time
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connections

from articles.models import reads

CLOCK = "newsroom:clock"
VERSION = "newsroom:v:"
EVERYTHING = "all"
STORIES = "stories"
STORY_VALUES = "story-values"
# Tables whose rows say which stories readers see and where they are filed: every change to
# them goes through `changes.story_changed()` (or a vocabulary change, which forgets `all`).
STORY_TABLES = frozenset(
    {
        "articles_article",
        "articles_article_regions",
        "articles_article_sources",
        "articles_article_body_images",
        "articles_articleauthor",
        "articles_taggedarticle",
        "articles_regionlisting",
        "articles_relatedstory",
        "articles_correction",
    }
)
_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+[`"]?(\w+)[`"]?', re.IGNORECASE)


def story_key(pk) -> str:
    return f"story-{pk}"


def table_key(table: str) -> str:
    return STORIES if table in STORY_TABLES else f"t-{table}"


def tables_key(*models) -> list[str]:
    """The keys of `models`' tables (for `forget()`)."""
    return [table_key(model._meta.db_table) for model in models]


@dataclass
class Dependencies:
    """What one render showed: its keys, and the first moment it changes by time alone."""

    keys: set = field(default_factory=lambda: {EVERYTHING})
    until: float | None = None

    def add(self, keys: Iterable[str], until: float | None = None) -> None:
        self.keys.update(keys)
        if until is not None and (self.until is None or until < self.until):
            self.until = until


_active: ContextVar[tuple[Dependencies, ...]] = ContextVar("newsroom_cache_keys", default=())


def depends_on(keys: Iterable[str], until: float | None = None) -> None:
    """Every render in progress (a fragment's, and the page around it) shows `keys`."""
    for dependencies in _active.get():
        dependencies.add(keys, until)


def _heard(key: str) -> None:
    depends_on((key,))


def _record(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("SELECT", "WITH", "(")):
        depends_on({table_key(table) for table in _TABLES.findall(sql)})
    return execute(sql, params, many, context)


@contextmanager
def collecting():
    """Record what the code inside reads; yields its `Dependencies` (nested renders add to
    every enclosing one)."""
    outer = _active.get()
    dependencies = Dependencies()
    token = _active.set((*outer, dependencies))
    listening = reads.listener.set(_heard)
    try:
        with ExitStack() as stack:
            if not outer:
                for connection in connections.all():
                    stack.enter_context(connection.execute_wrapper(_record))
            yield dependencies
    finally:
        reads.listener.reset(listening)
        _active.reset(token)


@contextmanager
def paused():
    """Reads inside are the cache's own bookkeeping (the edition), not what a page shows."""
    token = _active.set(())
    try:
        yield
    finally:
        _active.reset(token)


def clock() -> int:
    """The counter a render notes before it reads anything."""
    now = cache.get(CLOCK)
    return now if now is not None else _start_clock()


def _start_clock() -> int:
    # Started (again, after an eviction) at the time in milliseconds: above any version handed
    # out before, so entries cached under the lost counter read as changed.
    cache.add(CLOCK, int(time.time() * 1000), None)
    return cache.get(CLOCK) or 0


def forget(keys: Iterable[str]) -> None:
    """Whatever showed any of `keys` is stale from now on."""
    keys = set(keys)
    if not keys:
        return
    try:
        version = cache.incr(CLOCK)
    except ValueError:
        _start_clock()
        version = cache.incr(CLOCK)
    cache.set_many({VERSION + key: version for key in keys}, None)


def still_good(keys: Iterable[str], seen: int, until: float | None) -> bool:
    """Whether an entry rendered at counter `seen`, showing `keys`, holds now."""
    if until is not None and time.time() >= until:
        return False
    names = [VERSION + key for key in keys]
    versions = cache.get_many(names)
    return len(versions) == len(names) and all(v <= seen for v in versions.values())


def note_versions(keys: Iterable[str]) -> None:
    """Give the keys of an entry about to be stored a version if they have none (a key nothing
    has forgotten yet, or whose version was evicted): the counter now, so entries stored before
    under them read as changed."""
    names = [VERSION + key for key in keys]
    known = cache.get_many([*names, CLOCK])
    now = known.get(CLOCK)
    if now is None:
        now = _start_clock()
    for name in names:
        if name not in known:
            cache.add(name, now, None)
