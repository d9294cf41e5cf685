"""How fast anyone may guess at a staff password: a cool-down that grows with each failure.

Failures are counted per account (the name typed, so guesses at names that do not exist count
too) and per network address, in the shared cache, so every app server agrees. The first few
failures cost nothing (people mistype); after that each failure starts a cool-down twice as long
as the one before (`SIGNIN_COOLDOWN_BASE` seconds, then double, up to `SIGNIN_COOLDOWN_MAX`).
While a cool-down runs, every try is refused before the password is even checked, the right
password included, and a refused try neither counts nor lengthens it.

Never a permanent lockout: the cool-down is capped, the count is forgotten `SIGNIN_WINDOW`
seconds after the last failure, and a success clears the account's count. An attacker can slow
a real editor down by at most one capped cool-down at a time, never shut them out.

Where the cache loses a count (eviction, a Redis outage) tries are let through: Django's own
password hashing still costs every guess a few hundred milliseconds.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Subject:
    """Who a count is about: an account (by the name typed) or an address."""

    kind: str  # "account" or "address"
    value: str

    @property
    def key(self) -> str:
        # Hashed: names and addresses typed by strangers never become cache key syntax.
        digest = hashlib.sha256(self.value.strip().lower().encode()).hexdigest()[:32]
        return f"signin:{self.kind}:{digest}"

    @property
    def free_failures(self) -> int:
        # An office behind one address makes more honest mistakes than one person does.
        if self.kind == "address":
            return settings.SIGNIN_FREE_FAILURES_PER_ADDRESS
        return settings.SIGNIN_FREE_FAILURES


def subjects(username: str, address: str) -> list[Subject]:
    found = [Subject("account", username or "")]
    if address:
        found.append(Subject("address", address))
    return found


def cooling_down(username: str, address: str) -> int:
    """Seconds until a try for `username` from `address` is let through (0: now)."""
    now = time.time()
    waits = [cache.get(f"{subject.key}:until", 0) - now for subject in subjects(username, address)]
    return max(0, int(max(waits) + 0.999))


def cooldown_after(failures: int, free: int) -> float:
    """The cool-down the `failures`-th failure in a row starts: none for the first `free`,
    then SIGNIN_COOLDOWN_BASE seconds, doubling each time, up to SIGNIN_COOLDOWN_MAX."""
    if failures <= free:
        return 0.0
    doublings = min(failures - free - 1, 30)
    return min(settings.SIGNIN_COOLDOWN_BASE * 2**doublings, settings.SIGNIN_COOLDOWN_MAX)


def failed(username: str, address: str) -> int:
    """Count one failure; returns the longest cool-down it started, in seconds."""
    window = settings.SIGNIN_WINDOW
    longest = 0.0
    for subject in subjects(username, address):
        count_key = f"{subject.key}:failures"
        cache.add(count_key, 0, timeout=window)
        try:
            failures = cache.incr(count_key)
        except ValueError:  # the count expired between add and incr: start again
            failures = 1
            cache.set(count_key, failures, timeout=window)
        cache.touch(count_key, window)  # forgotten a window after the *last* failure
        seconds = cooldown_after(failures, subject.free_failures)
        if seconds:
            cache.set(f"{subject.key}:until", time.time() + seconds, timeout=int(seconds) + 1)
            longest = max(longest, seconds)
    return int(longest + 0.999)


def succeeded(username: str) -> None:
    """A right password outside a cool-down: the account's count starts again (the address's
    does not: one good account must not clear the way for guesses at others)."""
    key = Subject("account", username).key
    cache.delete_many([f"{key}:failures", f"{key}:until"])


def forget(username: str) -> None:
    """Clear an account's count and cool-down (a superuser helping a locked-out editor)."""
    succeeded(username)
