import logging

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when the database (and Redis, when configured) answer, else 503.

    A load balancer sends traffic only to processes that can serve it; the reason
    given is short and says which part failed, never how (that goes to the log).
    """
    problem = _database_problem() or _cache_problem()
    if problem:
        return HttpResponse(problem, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ready", content_type="text/plain; charset=utf-8")


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return "database unavailable"
    return None


def _cache_problem() -> str | None:
    if not settings.REDIS_URL:
        return None  # each process's own memory: nothing to reach
    try:
        # A round trip to Redis; a missing key is an answer too.
        cache.get("readyz-probe")
    except redis.RedisError:
        logger.warning("Readiness: Redis does not answer", exc_info=True)
        return "cache unavailable"
    return None
