"""/readyz: whether this process can serve (the database, and Redis when configured);
/healthz stays the liveness check that touches neither."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import redis
from django.db import OperationalError, connections
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def use_redis(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }


def unreachable_database():
    return mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("connection refused")
    )


def test_ready_when_the_database_answers(client):
    response = client.get(reverse("core:readyz"))
    assert response.status_code == 200
    assert response.content == b"ready"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]


def test_an_unreachable_database_answers_503_with_the_reason(client):
    with unreachable_database():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]


def test_the_answer_is_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/readyz").status_code == 200
    with unreachable_database():
        assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").status_code == 200


def test_an_unreachable_redis_answers_503_with_the_reason(client, settings):
    use_redis(settings, UNREACHABLE_REDIS)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable"


def test_ready_with_a_reachable_redis(client, settings):
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(
                f"Redis is required (REQUIRE_REDIS is set) but not reachable at {TEST_REDIS_URL}"
            )
        pytest.skip(f"Redis not reachable at {TEST_REDIS_URL}")
    use_redis(settings, TEST_REDIS_URL)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, b"ready")


def test_liveness_does_not_depend_on_the_database(client):
    with unreachable_database():
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_production_answers_over_plain_http_for_load_balancers(tmp_path):
    """In production every other page redirects to HTTPS; a load balancer's check
    speaks plain HTTP to the process."""
    probe = (
        "import django, json; django.setup(); from django.test import Client; c = Client(); "
        "ready, page = c.get('/readyz'), c.get('/'); "
        "print(json.dumps([ready.status_code, ready.content.decode(), page.status_code]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "k3y" * 20,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [200, "ready", 301]
