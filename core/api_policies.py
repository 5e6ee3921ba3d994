"""The API's pagination and throttling, named in settings.REST_FRAMEWORK.

Apart from core/api.py because DRF imports them while it defines its views: this
module must not import those views (nor anything that does).
"""

from django.conf import settings
from rest_framework.pagination import CursorPagination
from rest_framework.throttling import AnonRateThrottle

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class RegistryCursorPagination(CursorPagination):
    """Pages of `page_size` records (25, at most 100) in primary-key order, linked by
    opaque `next` and `previous` cursors."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "id"


class AnonymousThrottle(AnonRateThrottle):
    """`settings.API_ANONYMOUS_RATE` requests per client address, counted in the cache
    (Redis, when set, so every app process counts together).

    The address is REMOTE_ADDR, which core.middleware.TrustedProxyMiddleware has set
    from our own proxies' X-Forwarded-For: DRF's default would read the header's
    leftmost, client-written entries, and a client could change its address at will.
    The rate is read at each request, so that settings (and tests) can change it.
    """

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

    def get_ident(self, request):
        return request.META.get("REMOTE_ADDR", "")
