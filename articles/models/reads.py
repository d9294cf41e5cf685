"""Story reads a cache may want to hear of, announced by the tables without knowing who listens.

The page cache (`articles.caching.keys`) records what a render showed; stories loaded as models
and stories read in bulk (`values()`, aggregates) are the reads it cannot see in the SQL alone.
The tables sit below the cache, so they only call `heard()` here; the cache sets the listener
for the length of a render.
"""

from collections.abc import Callable
from contextvars import ContextVar

listener: ContextVar[Callable[[str], None] | None] = ContextVar("newsroom_reads", default=None)


def heard(key: str) -> None:
    """Tell the render in progress, if any, that it read `key` ("story-7", "story-values")."""
    listen = listener.get()
    if listen is not None:
        listen(key)
