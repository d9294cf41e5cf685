"""A page hit on Redis in one round trip: a Lua script reads the page, the list of its keys and
every key's version, and answers whether the page holds (`articles.caching.entries`).

Without it a hit costs two round trips: the page (whose stamp names its keys), then the keys'
versions. The page's keys are kept beside it as plain text (`<seen> <version key>…`, under the
page's name + ":keys") so that the script can read them without unpickling the page. The script
reads keys it is not handed (the versions), which a Redis Cluster refuses: on one Redis server
(or a replica set), as here, it is fine. With any other cache, or when the script fails, the
two round trips serve instead.
"""

import logging

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from redis.commands.core import Script
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

SCRIPT = """
local page = redis.call('GET', KEYS[1])
if not page then return nil end
local listed = redis.call('GET', KEYS[2])
if not listed then return {0, page} end
local seen = nil
for word in string.gmatch(listed, '%S+') do
  if seen == nil then
    seen = tonumber(word)
  else
    local version = redis.call('GET', word)
    if (not version) or tonumber(version) > seen then return {0, page} end
  end
end
return {1, page}
"""

_scripts: dict[int, Script] = {}


def _backend():
    """Django's Redis cache client behind the default cache, or None for any other cache."""
    inner = getattr(cache, "_cache", None)
    return inner if isinstance(inner, RedisCacheClient) else None


def fetch(name: str, listed: str):
    """(page `name` or None, whether the keys `listed` beside it hold) in one round trip, or
    None when this cache cannot answer so (not Redis, or Redis is skipped or failed: the caller
    asks the usual way, which the cache's outage guard answers)."""
    backend = _backend()
    outage = getattr(cache, "_outage", None)  # newsroom.cache.ResilientRedisCache's breaker
    if backend is None or (outage is not None and not outage.may_try()):
        return None
    try:
        client = backend.get_client(name)
        script = _scripts.get(id(client))
        if script is None:
            script = _scripts.setdefault(id(client), client.register_script(SCRIPT))
        found = script(keys=[cache.make_key(name), cache.make_key(listed)])
    except RedisError as error:
        if outage is not None:
            outage.failed(error)
        return None
    if found is None:
        return None, False
    holds, raw = found
    return backend._serializer.loads(raw), bool(holds)


def remember(listed: str, names_of_versions, seen: int, timeout: int) -> None:
    """Keep a stored page's keys under `listed`, for `fetch`."""
    backend = _backend()
    if backend is None:
        return
    words = " ".join([str(seen), *(cache.make_key(version) for version in names_of_versions)])
    try:
        backend.get_client(listed, write=True).set(cache.make_key(listed), words, ex=timeout)
    except RedisError as error:
        logger.debug("could not keep a page's keys: %s", error)
