"""How often one person may call the article form's background endpoints (autosave, presence),
and how often one network address may sign up for newsletters (`articles.newsletters.readers`).

A count per person, action and minute in the shared cache. The form's own scripts stay well
inside the limits; the limits stop a runaway tab or a script from writing to the database
several times a second. Where the cache loses a count (eviction, a Redis outage) the request
is let through: a limit is a guard, never a reason an editor's work is not kept.
"""

import time

from django.core.cache import cache


def allow(user, action: str, *, per_minute: int) -> bool:
    """Count one `action` by `user` (a user, or any short string naming who acts: an address)
    now; False once they did it more than `per_minute` times in this minute."""
    window = int(time.time() // 60)
    who = getattr(user, "pk", user)
    key = f"rate:{action}:{who}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:
        return True
    return count is None or count <= per_minute


def retry_after() -> int:
    """Seconds until the current minute's counts start again."""
    return 60 - int(time.time()) % 60
