import ipaddress

from django.conf import settings
from django.http import HttpResponse


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header, which Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_address(meta, trusted_proxy_count: int) -> str:
    """The address the request came from, as far as our own proxies can vouch for it.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so with N of them the client is the Nth entry from the right.
    Entries further left were written by the client itself and prove nothing. With
    no trusted proxy (or no usable entry) the TCP peer, REMOTE_ADDR, is the client.
    """
    peer = meta.get("REMOTE_ADDR", "")
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if trusted_proxy_count <= 0 or not forwarded:
        return peer
    entries = [entry.strip() for entry in forwarded.split(",")]
    # Fewer entries than proxies: the request joined the chain past its first
    # proxy, and every entry present was still written by a trusted one.
    candidate = entries[-min(trusted_proxy_count, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


class TrustedProxyMiddleware:
    """Puts the client's address in REMOTE_ADDR, from DJANGO_TRUSTED_PROXY_COUNT proxies.

    Behind a proxy every request's TCP peer is the proxy: login throttling, logs and
    anything else that reads REMOTE_ADDR would see one address for everybody. First in
    MIDDLEWARE, so that every later layer sees the client's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request.META, settings.TRUSTED_PROXY_COUNT)
        return self.get_response(request)


def axes_client_address(request) -> str | None:
    """django-axes' view of the client: the address TrustedProxyMiddleware computed.

    Named in AXES_CLIENT_IP_CALLABLE so that axes never reads X-Forwarded-For by
    itself (it would, through django-ipware, if that package were ever installed).
    """
    return request.META.get("REMOTE_ADDR")


API_PREFIX = "/api/"
CORS_METHODS = "GET, HEAD, OPTIONS"


class ApiCorsMiddleware:
    """Any web page may read the API (GET and HEAD, no credentials): the records are
    public. Only paths under /api/; a preflight (OPTIONS with
    Access-Control-Request-Method) is answered here, 204 for GET or HEAD and 405 for
    any other method, before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            wanted = request.headers["access-control-request-method"].strip().upper()
            response = HttpResponse(status=204 if wanted in ("GET", "HEAD") else 405)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Max-Age"] = "86400"
            if request.headers.get("access-control-request-headers"):
                # Simple headers only; nothing the API reads needs more.
                response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Allow"] = CORS_METHODS
        else:
            response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "Retry-After"
        return response
