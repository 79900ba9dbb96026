"""The shared cache fails soft: with Redis unreachable every read is a miss and every write is
skipped (readers get pages made afresh, not server errors), and once Redis answers again it is
emptied first, so an invalidation missed during the outage cannot leave a stale page."""

import socket

import pytest
from django.core.cache.backends.redis import RedisCache

from newsroom.ops.cache import DegradingRedisCache


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nowhere() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def unreachable(nowhere):
    """A cache pointed at a port nobody listens on."""
    return DegradingRedisCache(nowhere, {"OPTIONS": {}})


def test_while_redis_is_down_reads_miss_and_writes_are_skipped(unreachable):
    assert unreachable.get("page", "default") == "default"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.set("page", "html") is None
    assert unreachable.add("count", 0) is False
    assert unreachable.incr("count") == 1
    assert unreachable.get_or_set("version", 1) == 1
    assert unreachable.set_many({"a": 1}) == ["a"]
    assert unreachable.delete("page") is False
    assert unreachable._outage.is_set()


def test_the_plain_backend_would_have_been_a_server_error(nowhere):
    plain = RedisCache(nowhere, {"OPTIONS": {}})
    with pytest.raises(Exception, match="(?i)connect"):
        plain.get("page")


def test_the_first_call_after_an_outage_empties_the_cache_once(monkeypatch, unreachable):
    calls = []
    monkeypatch.setattr(RedisCache, "clear", lambda self: calls.append("clear"))
    monkeypatch.setattr(RedisCache, "get", lambda self, *a, **k: calls.append("get") or "x")
    unreachable._outage.set()
    assert unreachable.get("page") == "x"
    assert unreachable.get("page") == "x"
    assert calls == ["clear", "get", "get"]
    assert not unreachable._outage.is_set()
