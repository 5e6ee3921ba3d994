"""Settings for Sodium Registry, read from the environment.

One module serves development, tests and production. DEBUG is off unless
DJANGO_DEBUG says otherwise, and with DEBUG off the process refuses to start
without DJANGO_SECRET_KEY, so a production deployment can't run on a known key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production mode)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "localhost,127.0.0.1"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "simple_history",
    "core",
    "directory",
    "forums",
    "standards",
    "evaluations",
    # Above the domain apps: pages that join them, and the demo and synthetic data.
    "portal",
    "sampledata",
]

MIDDLEWARE = [
    # The client's address from our own proxies' X-Forwarded-For, before anything reads it.
    "core.middleware.TrustedProxyMiddleware",
    # Response headers first, so that every response gets them, cached pages included.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # CORS for the read-only API: GET, HEAD and OPTIONS under /api/ only.
    "core.middleware.ApiCorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cache hit for an anonymous reader needs neither.
    "core.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A detail view asked for a former slug answers 301 to the current one.
    "core.redirects.SlugRedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a username and address with too many recent failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The address axes locks is the one TrustedProxyMiddleware computed, never a header's claim.
AXES_CLIENT_IP_CALLABLE = "core.middleware.axes_client_address"
# How many proxies of ours stand in front and append to X-Forwarded-For; 0: none, the
# header is ignored. Only ever count proxies that a client cannot go around.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache when REDIS_URL is set (several app processes see one cache), the
# production choice; otherwise each process keeps its own in local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sodium",
            # A Redis that stops answering fails a request (and /readyz) within
            # seconds instead of hanging the worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sodium-registry",
            # Pages weigh 5-30 KB: some 30 MB per process for the pages readers come
            # back to (Django's default of 300 entries is not enough to matter).
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Anonymous readers' public pages are cached until any content changes (core.page_cache);
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# The API is JSON (never cached here), throttled per request and reads its own query
# (cursors, filters), so the page cache and its canonical redirects leave it alone.
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/healthz", "/readyz", "/static/", "/api/"]
# How long the cache's copy of the content version is trusted before the database is
# asked again: with local memory, how long another process's change takes to show.
PAGE_CACHE_VERSION_SECONDS = 1.0
# The query parameters a page reads, by URL name, in their canonical order; list pages
# take theirs from their filters. Any other parameter redirects away (core.page_cache),
# so a new page that reads one must be named here.
PAGE_CACHE_QUERY_PARAMETERS = {
    "core:search": ["q"],
    "core:sitemap": ["p"],
    "core:sitemap_section": ["p"],
    "core:whats_new": ["page"],
}

# The authority in every feed entry's id (tag:<authority>,2026:forum/12): set it once,
# to a domain or e-mail address of yours, before the feeds are first read; changing it
# later makes every feed reader see every entry as new.
FEED_ID_AUTHORITY = os.environ.get("DJANGO_FEED_ID_AUTHORITY", "sodium-registry")
# Where the full dump of public data (portal.dump) is written, rebuilt on change.
DUMP_DIR = Path(os.environ.get("DJANGO_DUMP_DIR", BASE_DIR / "dumps"))
# The read-only JSON API (core/api.py; each app's viewsets in its api.py, the root in
# portal): JSON only, no sign-in (public records for everyone), cursor pages, the list
# pages' filtersets, anonymous clients throttled per address through the cache.
API_ANONYMOUS_RATE = os.environ.get("DJANGO_API_ANONYMOUS_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": ["core.api_policies.AnonymousThrottle"],
    "DEFAULT_PAGINATION_CLASS": "core.api_policies.RegistryCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.RegistryAutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sodium Registry API",
    "DESCRIPTION": "Read-only JSON API over the public record of the sodium-ion battery "
    "industry: forums, sessions, talks, people, organizations, standards, evaluation "
    "programs, batches and results. Published records only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choices that several models share under one name get one name each.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "directory.models.OrganizationKind",
        "StandardStatusEnum": "standards.models.StandardStatus",
        "SessionKindEnum": "forums.models.SessionKind",
        "TalkKindEnum": "forums.models.TalkKind",
        "OutcomeEnum": "evaluations.models.Outcome",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Date formats per language, set once (config/formats/<locale>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names, so whitenoise can
    # send them with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Strict Content Security Policy: only our own scripts, styles and images; no
# inline script or style anywhere, the admin included.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page of ours uses, switched off for every page (core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

if not DEBUG:
    # Behind a TLS-terminating proxy, it must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes announces its configuration at every start; lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
