"""Anything cached for readers — a page, a fragment, a count — stored with a `Stamp` of what it
showed (`articles.caching.keys`) and served only while that holds.

With a shared cache (Redis: `SHARED_CACHE`, on by default for any cache but the in-process one)
an entry holds while none of its keys was forgotten since its render began and no timed moment
(a scheduled story, an embargo, a front arrangement, the banner's expiry) has passed. With the
in-process cache each process keeps its own versions, which a change made in another process
never reaches; there, an entry also needs the edition it was rendered under to be the current
one (`articles.caching.state`: moved by every public change, re-read from the database at most
once a second), as before keys existed.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from articles.caching import keys
from articles.caching.state import EDITION_KEY, Edition, current_edition


@dataclass(frozen=True)
class Stamp:
    keys: frozenset[str]
    seen: int  # the key counter when the render began
    until: float | None  # the next timed moment then (Unix seconds)
    edition: str  # the edition token then

    def holds(self, edition: Edition | None = None) -> bool:
        """Whether the entry still shows what readers would see; `edition` is the current one
        (needed without a shared cache only)."""
        if not settings.SHARED_CACHE:
            if edition is None:
                with keys.paused():
                    edition = current_edition(cache.get(EDITION_KEY))
            if edition.token != self.edition:
                return False
        return keys.still_good(self.keys, self.seen, self.until)

    def in_time(self) -> bool:
        """Whether no timed moment has passed since the render (the keys checked elsewhere)."""
        return self.until is None or time.time() < self.until

    def version_names(self) -> list[str]:
        return [keys.VERSION + key for key in sorted(self.keys)]

    def reused(self) -> None:
        """The entry is part of a render in progress: so are its keys."""
        keys.depends_on(self.keys, self.until)


def render_stamped(render: Callable, edition: Edition | None = None):
    """`render()`'s result and the `Stamp` of what it read."""
    if edition is None:
        with keys.paused():
            edition = current_edition(cache.get(EDITION_KEY))
    seen = keys.clock()
    with keys.collecting() as shown:
        result = render()
    until = edition.until_for(shown.keys)
    shown.add((), until)
    keys.note_versions(shown.keys)
    keys.depends_on((), until)
    return result, Stamp(frozenset(shown.keys), seen, shown.until, edition.token)


def cached(name: str, render: Callable, timeout: int):
    """`render()`'s result, kept under `name` while its stamp holds (fragments, counts)."""
    found = cache.get(name)
    if found is not None:
        value, stamp = found
        if stamp.holds():
            stamp.reused()
            return value
    value, stamp = render_stamped(render)
    cache.set(name, (value, stamp), timeout)
    return value
