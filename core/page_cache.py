"""Anonymous readers get public pages from the cache, and 304s when nothing changed.

A page is cached under the content version (core.models.ContentVersion), which any
change to content moves on, and its full URL: scheme, host (validated first, so a host
outside ALLOWED_HOSTS gets 400 and never a page cached for another one), path and query.
A hit runs no query: the version is read from the cache too (ContentVersion.cached).
Staff are never served from the cache: they see drafts and draft banners, and
signed-in users always carry the session cookie, which bypasses it.

One page is one URL, so one cache entry: every page declares the query parameters it
reads, and any other query redirects (301) to the canonical one (see canonical_query).
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, quote_etag

from core.models import CachedVersion, ContentVersion

CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "text/plain",
    "application/atom+xml",
    "text/calendar",
)
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
SAFE_METHODS = ("GET", "HEAD")


def canonical_query(query: QueryDict, names, implied=None) -> str:
    """The query in its one canonical form: only `names`, in that order, none empty,
    and none at the value it has when absent (`implied`, e.g. a list's default sort).

    A parameter given twice keeps its last value, the one forms and views read; values
    are stripped, as the forms strip them.
    """
    implied = implied or {}
    canonical = QueryDict(mutable=True)
    for name in names:
        value = query.get(name, "").strip()
        if value and value != implied.get(name):
            canonical[name] = value
    return canonical.urlencode()


def canonical_redirect(request, names, implied=None) -> HttpResponsePermanentRedirect | None:
    """A redirect (301) to the canonical form of the request's query, unless it has it.

    Compared as parsed: `q=a b`, `q=a+b` and `q=a%20b` are one query (and one key).
    """
    canonical = canonical_query(request.GET, names, implied)
    if canonical == request.GET.urlencode():
        return None
    path = escape_uri_path(request.path)
    return HttpResponsePermanentRedirect(f"{path}?{canonical}" if canonical else path)


def last_modified_for(version: CachedVersion) -> int | None:
    """The Last-Modified time of pages of this version, or None while it is too early.

    It is the whole second after the version was first seen, so that it is later than
    the change itself (which may have happened earlier in that second). It is given
    only once the version has been confirmed in the database at or after that time:
    any change a page does not show is then seen (and stamped) in a later second, so
    an If-Modified-Since can never hide it. Until then pages carry the ETag alone, and
    an If-Modified-Since is not compared at all. (The app machines' clocks must agree,
    as NTP keeps them.)
    """
    last_modified = math.floor(version.seen_at) + 1
    return last_modified if version.checked_at >= last_modified else None


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not self._is_cacheable_request(request):
            return self.get_response(request)

        # get_host() raises DisallowedHost (400) for a host outside ALLOWED_HOSTS. The
        # query as parsed, like the view reads it: spellings of one query share a key.
        url = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
        version = ContentVersion.cached(settings.PAGE_CACHE_VERSION_SECONDS)
        digest = hashlib.sha256(url.encode()).hexdigest()[:32]
        etag = quote_etag(f"{version.number}-{digest}")
        last_modified = last_modified_for(version)

        # If-None-Match, when present, decides alone (RFC 9110 13.1.3; Django follows it).
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._stamp(not_modified, etag, last_modified)

        key = f"page:{version.number}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._is_cacheable_response(response):
                return response
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        return self._stamp(response, etag, last_modified)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Redirect (301) a query that is not the page's canonical one, for every reader.

        Only canonical URLs then answer 200, so only they are ever cached: `?utm=…`,
        empty fields and reordered parameters cannot multiply the entries of one page.
        Redirecting (rather than caching under the known parameters only) also gives
        readers the one URL to share and cite. A page reads the parameters listed for
        its URL name in settings.PAGE_CACHE_QUERY_PARAMETERS, and any other page none;
        a list page (core.listing.FilteredListView) canonicalizes its own query, since
        its filters decide what it reads.
        """
        if request.method not in SAFE_METHODS or request.path.startswith(self.excluded_prefixes):
            return None
        if hasattr(getattr(view_func, "view_class", None), "query_parameters"):
            return None
        names = settings.PAGE_CACHE_QUERY_PARAMETERS.get(request.resolver_match.view_name, ())
        return canonical_redirect(request, names)

    def _is_cacheable_request(self, request) -> bool:
        # No session cookie means no signed-in user: staff, who see drafts, always
        # carry one. (A visitor with a stale cookie just gets a freshly rendered page.)
        return (
            request.method in SAFE_METHODS
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
