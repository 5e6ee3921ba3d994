"""Anonymous readers get public pages from the cache, and 304s when nothing changed.

Pages are keyed by the content version (core.models.ContentVersion), which any
change to content moves on, so a cached page is never older than the data behind
it. Staff are never served from the cache: they see drafts and draft banners, and
signed-in users always carry the session cookie, which bypasses it. The
cache is local memory by default and Redis when REDIS_URL is set; both are correct
with many app processes, since the version lives in the database.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core.models import ContentVersion

CACHEABLE_TYPES = ("text/html", "application/xml", "text/plain")
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not self._is_cacheable_request(request):
            return self.get_response(request)

        number, changed_at = ContentVersion.current()
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        etag = quote_etag(f"{number}-{digest}")
        last_modified = int(changed_at.timestamp()) if changed_at else None

        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._stamp(not_modified, etag, last_modified)

        key = f"page:{number}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if self._is_cacheable_response(response):
                cache.set(
                    key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
                )
                response["X-Page-Cache"] = "miss"
            else:
                return response
        return self._stamp(response, etag, last_modified)

    def _is_cacheable_request(self, request) -> bool:
        # No session cookie means no signed-in user: staff, who see drafts, always
        # carry one. (A visitor with a stale cookie just gets a freshly rendered page.)
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.excluded_prefixes)
        )

    @staticmethod
    def _is_cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
            and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
        )

    @staticmethod
    def _stamp(response, etag: str, last_modified: int | None):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Browsers and proxies may keep the page but must ask again: a 304 is cheap.
        # The page depends on the session cookie (staff are never served from here).
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie"])
        return response
