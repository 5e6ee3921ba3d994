"""Test settings: the production module, with a throwaway key and fast hashing."""

import hashlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-any-deployment")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests use the plain storage so that they need no collectstatic run first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client speaks plain HTTP; production redirects it to HTTPS.
SECURE_SSL_REDIRECT = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files straight from the apps, as in development: no STATIC_ROOT needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Login throttling needs a request to authenticate against, which client.login() does
# not pass; the throttling tests switch it back on.
AXES_ENABLED = False


# The checkout these settings belong to: its test database is named after it.
CHECKOUT_DIR = Path(__file__).resolve().parent.parent


def own_test_database_name(name: str, checkout: Path) -> str:
    """test_<database>_<8 hex digits of the checkout's path>.

    Two checkouts running the suite at once against one PostgreSQL server each create
    and drop a database of their own; pytest-xdist adds _gw0, _gw1, … per worker. The
    name stays within PostgreSQL's 63 characters.
    """
    digest = hashlib.sha256(str(checkout).encode()).hexdigest()[:8]
    return f"test_{name[:40]}_{digest}"


# SQLite tests run in memory, a database per process already.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        **DATABASES["default"].get("TEST", {}),  # noqa: F405
        "NAME": own_test_database_name(DATABASES["default"]["NAME"], CHECKOUT_DIR),  # noqa: F405
    }

# Dumps of public data go to a folder of the test run's own, never the checkout's.
DUMP_DIR = Path(tempfile.mkdtemp(prefix="sodium-dump-"))
