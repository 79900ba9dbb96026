"""The shared cache (Redis) as a cache, not a dependency: while Redis cannot be reached, every
read is a miss and every write is skipped, so readers get pages made afresh instead of server
errors. Sessions (`cached_db`) are written through to the database, so an outage loses none:
they are read from there until Redis answers.

What an outage could lose is an invalidation: a publish bumps the page cache's version in
Redis, and a bump that failed would leave pages cached before it reachable once Redis
answers again (if Redis kept its data); so would a logout whose session delete failed. So after an outage the first call that reaches Redis
again empties it first: every page is made afresh once, nothing stale survives.
"""

import logging
import threading

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


# Sets KEYS[1] to ARGV[1] unless it already holds as much: one step, so two processes raising
# it at once never lower it.
RAISE_TO = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""


class DegradingRedisCache(RedisCache):
    """Django's RedisCache whose calls fail soft while Redis is down (see the module)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage = threading.Event()

    def _call(self, method: str, default, *args, **kwargs):
        parent = super()
        return self._guarded(default, lambda: getattr(parent, method)(*args, **kwargs))

    def _guarded(self, default, call):
        try:
            if self._outage.is_set():
                super().clear()  # the first call back: drop what a missed bump left behind
                self._outage.clear()
                log.warning("the shared cache answers again; emptied it once")
            return call()
        except UNREACHABLE as error:
            if not self._outage.is_set():
                log.warning("the shared cache cannot be reached (%s): serving uncached", error)
            self._outage.set()
            return default

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def set(self, key, value, timeout=None, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            self.add(key, value, timeout, version)
        return value

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def clear(self):
        return self._call("clear", None)

    def raise_to(self, key, value: int, version=None) -> None:
        """Set an integer `key` to `value` unless it is already as high (atomically)."""
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        self._guarded(None, lambda: client.eval(RAISE_TO, 1, key, int(value)))
