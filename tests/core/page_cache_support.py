"""What the page-cache tests share: each cache backend, the version's clock, the count
of cached pages."""

import fnmatch
import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from core.models import ContentVersion

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# A moment that is well inside one second, whatever the machine.
START = 1_760_000_000.1


def redis_reachable() -> bool:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False
    return True


# Fixtures under their own names, so that a test module imports them without the
# import and the test's argument sharing a name.
@pytest.fixture(name="page_cache", params=["locmem", "redis"])
def page_cache_fixture(request):
    """Run each test against local memory and against Redis (REQUIRE_REDIS: no skip)."""
    if request.param == "locmem":
        yield "locmem"
        return
    if not redis_reachable():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(
                f"Redis is required (REQUIRE_REDIS is set) but not reachable at {REDIS_URL}"
            )
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"
    caches_setting = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches_setting):
        yield "redis"
    # Only this test's keys: cache.clear() would empty the database under other runs.
    client = redis.Redis.from_url(REDIS_URL)
    if keys := client.keys(f"{prefix}:*"):
        client.delete(*keys)


class Clock:
    """The content version's clock, moved by hand."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(name="clock")
def clock_fixture(monkeypatch):
    fake = Clock(START)
    monkeypatch.setattr(ContentVersion, "clock", staticmethod(fake))
    return fake


def cached_pages() -> int:
    """How many pages the cache holds, in local memory or in Redis."""
    backend = caches["default"]
    pattern = backend.make_key("page:*")
    if isinstance(backend, LocMemCache):
        return len(fnmatch.filter(backend._cache, pattern))
    return len(backend._cache.get_client().keys(pattern))
