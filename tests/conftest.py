"""The suite mirrors the code: a folder per app, each testing that app's own code.

- tests/core/: the shared base (publishable models, the CSV exporter, the filtered
  list view, the page cache, the admin base in test_admin.py, backups) and the checks
  that hold for the whole project: settings and deploy checks, ruff, security headers
  and login throttling (test_foundation.py, test_security.py).
- tests/directory/, forums/, standards/, evaluations/: each app's models, pages
  (test_views.py), admin, CSV exports and query counts.
- tests/portal/: the pages that join the apps (organizations, people, home, search,
  sitemap), and the suites that cover every public page at once: drafts never leak
  (test_drafts.py), accessibility, hostile input.
- tests/sampledata/: the demo loader and the synthetic data generator.
- tests/architecture/: imports run one way. tests/browser/: Chromium drives the site.

Shared by all: factories per app (tests/<app>/factories.py, each building on the
ones below it), tests/support.py (the one HTML parser and CSV reader),
tests/admin_support.py (admin forms and fixtures), tests/query_counts.py.
"""

import io

import pytest

# The admin tests' fixtures (content, superuser, staff), shared by every app's folder.
pytest_plugins = ["tests.admin_support"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content from the Weihai 2025 article."""
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def editor(db, django_user_model):
    """A staff user in the Editor group, as editors are set up in production."""
    from tests.admin_support import editor_group

    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "editor-password", is_staff=True
    )
    user.groups.add(editor_group())
    return user
