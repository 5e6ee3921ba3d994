"""Fixtures for the browser tests: a live server with the demo content, Debian's Chromium
driven by Playwright's sync API, and pages that fail the test on any console error,
uncaught exception or Content Security Policy violation.

Every test here is marked `browser`; all of them are skipped, with the reason, when
/usr/bin/chromium (or CHROMIUM_PATH) is missing or Playwright is not installed.
No browser is ever downloaded: Playwright only drives the system Chromium.
"""

import io

import pytest

from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    forget_page,
    unavailable_reason,
    watch_page,
)

UNAVAILABLE = unavailable_reason()


def pytest_collection_modifyitems(config, items):
    if UNAVAILABLE is None:
        return
    skip = pytest.mark.skip(reason=UNAVAILABLE)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the whole folder.

    Playwright's sync API keeps an asyncio event loop marked as running in the main
    thread while it is started, and Django then refuses ORM calls from that thread
    ("You cannot call this from an async context"). Nothing here is async, so for as
    long as Playwright runs, and only then, Django's check is switched off.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()


@pytest.fixture
def site(live_server):
    """The live server, with the demo content loaded (its database is transactional)."""
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    return live_server


@pytest.fixture
def open_page(request, browser, site):
    """Open a page in a new browser context: its own cookies, as a separate person.

    At the end of the test, fails it if any page reported a console error, an uncaught
    exception or a CSP violation, or if a page was shown that the test never checked
    with `assert_page_ok` (not reported when the test failed already: it stopped early).
    """
    opened = []

    def open_(viewport=DESKTOP):
        context = browser.new_context(base_url=site.url, viewport=viewport)
        context.set_default_timeout(10_000)
        page = context.new_page()
        opened.append((context, page, watch_page(page)))
        return page

    yield open_

    failed = getattr(request.node, "browser_test_failed", True)
    failures = []
    for context, page, watch in opened:
        failures += watch.problems
        if not failed:
            failures += [f"page shown but never checked: {url}" for url in watch.unchecked_pages()]
        forget_page(page)
        context.close()
    assert not failures, "\n".join(failures)


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def editor_login(transactional_db, django_user_model):
    """An editor's user name and password: a staff user in the Editor group.

    The group comes from a data migration; a transactional test's flush removes it for
    the tests that follow, so editor_group() makes it again with the same permissions.
    """
    from tests.admin_support import editor_group

    group = editor_group()
    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "editor-password", is_staff=True
    )
    user.groups.add(group)
    return "editor", "editor-password"
