"""A Redis cache that costs milliseconds, not seconds, while Redis is down or hung.

Django's RedisCache raises on a connection error and waits out redis-py's socket timeouts
(5 s by default), so a Redis that accepted connections but never answered made every index
page wait 15 s (three cache calls) and logged three warnings per request. Here:

- every call is bounded by short socket timeouts (`socket_connect_timeout`, `socket_timeout`
  in the cache's OPTIONS; the settings read them from REDIS_CONNECT_TIMEOUT and
  REDIS_SOCKET_TIMEOUT);
- a failed read is a miss and a failed write is skipped: never an error page;
- after a failure the process skips Redis altogether for `retry_after` seconds (OPTIONS, from
  REDIS_RETRY_AFTER), then lets one call try again: a circuit breaker (`Outage`);
- the log says when an outage starts (one warning) and when it ends (one info line), not once
  per call.

The public API is Django's cache API, unchanged.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class Outage:
    """Whether this process is skipping a Redis server, and until when.

    Django builds a cache object per thread; they share one `Outage` per server (`outage_for`),
    so a dead Redis is noticed, logged and retried once per process, not once per thread.
    """

    def __init__(self, server: str, retry_after: float):
        self.server = server
        self.retry_after = retry_after
        self.started: float | None = None  # monotonic time the outage began; None: answering
        self._retry_at = 0.0
        self._skipped = 0
        self._lock = threading.Lock()

    def may_try(self) -> bool:
        """Always while Redis answers; during an outage, once every `retry_after` seconds
        (the caller that gets True makes the one attempt)."""
        if self.started is None:
            return True
        with self._lock:
            if self.started is None:
                return True
            now = time.monotonic()
            if now < self._retry_at:
                self._skipped += 1
                return False
            self._retry_at = now + self.retry_after
            return True

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = time.monotonic()
            self._retry_at = now + self.retry_after
            if self.started is not None:
                return  # the same outage goes on, and has been reported
            self.started = now
            self._skipped = 0
        logger.warning(
            "Redis at %s is not answering (%s: %s): serving pages without the cache, "
            "trying Redis again every %g s",
            self.server,
            type(error).__name__,
            error,
            self.retry_after,
        )

    def answered(self) -> None:
        if self.started is None:
            return
        with self._lock:
            if self.started is None:
                return
            lasted, skipped = time.monotonic() - self.started, self._skipped
            self.started = None
        logger.info(
            "Redis at %s answers again after %.0f s: the cache is back (%d calls skipped)",
            self.server,
            lasted,
            skipped,
        )


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(server: str, retry_after: float) -> Outage:
    """The process's one `Outage` for `server` (the first caller's `retry_after` holds)."""
    with _outages_lock:
        return _outages.setdefault(server, Outage(server, retry_after))


def _without_password(url: str) -> str:
    """redis://:secret@cache.internal:6379/1 → redis://cache.internal:6379/1, for the log."""
    parts = urlsplit(url)
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _guarded(method_name, fallback):
    """`method_name` of Django's RedisCache, or `fallback(*args, **kwargs)` when Redis is
    skipped or fails."""

    def method(self, *args, **kwargs):
        if not self._outage.may_try():
            return fallback(*args, **kwargs)
        try:
            result = getattr(super(ResilientRedisCache, self), method_name)(*args, **kwargs)
        except RedisError as error:
            self._outage.failed(error)
            return fallback(*args, **kwargs)
        self._outage.answered()
        return result

    method.__name__ = method_name
    return method


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool.

    Django builds a new `redis.Redis` for every cache call, and redis-py builds ~170 response
    callbacks for each one: about a third of what serving a cached page costs. A client is only
    a pool plus those callbacks, and safe to share between threads, so one per pool will do.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, bounded in time and skipped during an outage (see the module).

    OPTIONS: `retry_after` (seconds to skip Redis after a failure, default 5) is this class's;
    everything else goes to redis-py as with RedisCache.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("retry_after", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        servers = ", ".join(_without_password(url) for url in self._servers)
        self._outage = outage_for(servers, retry_after)

    # What each call gives while Redis is skipped or fails: a miss, or a write not made.
    get = _guarded("get", lambda key, default=None, version=None: default)
    get_many = _guarded("get_many", lambda *args, **kwargs: {})
    set = _guarded("set", lambda *args, **kwargs: None)
    set_many = _guarded("set_many", lambda *args, **kwargs: [])
    add = _guarded("add", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    delete_many = _guarded("delete_many", lambda *args, **kwargs: None)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    has_key = _guarded("has_key", lambda *args, **kwargs: False)
    incr = _guarded("incr", lambda *args, **kwargs: None)
    clear = _guarded("clear", lambda *args, **kwargs: None)
