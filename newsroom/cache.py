"""A Redis cache that degrades to 'no cache' when Redis is unreachable.

Django's RedisCache raises on a connection error, which would turn a cache outage into a site
outage. Here a failed read is a miss and a failed write is skipped, with a warning in the log.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _tolerant(method_name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), method_name)(*args, **kwargs)
        except RedisError as error:
            logger.warning("cache %s failed, carrying on without cache: %s", method_name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = method_name
    return method


class ResilientRedisCache(RedisCache):
    get = _tolerant("get", lambda key, default=None, version=None: default)
    get_many = _tolerant("get_many", {})
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", [])
    add = _tolerant("add", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    touch = _tolerant("touch", False)
    has_key = _tolerant("has_key", False)
    incr = _tolerant("incr", None)
    clear = _tolerant("clear", None)
