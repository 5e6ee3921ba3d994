"""The list's filter form submits only the filters that are set: the address is the
list's canonical URL at once with JavaScript, and through the server's 301 without."""

import pytest

from tests.browser.support import assert_page_ok

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser


def documents(page) -> list[tuple[int, str]]:
    """The status and URL of every page the browser loads from now on."""
    seen = []
    page.on(
        "response",
        lambda response: (
            seen.append((response.status, response.url))
            if response.request.resource_type == "document"
            else None
        ),
    )
    return seen


def test_apply_goes_straight_to_the_canonical_url(page, site):
    page.goto("/standards/")
    assert_page_ok(page)
    loaded = documents(page)

    page.get_by_text("Filter and sort", exact=True).click()
    page.get_by_label("Level:", exact=True).select_option(value="group")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"{site.url}/standards/?level=group")
    assert_page_ok(page)
    assert loaded == [(200, f"{site.url}/standards/?level=group")]  # no redirect on the way

    # Back on the unfiltered list, every field can be used again.
    page.go_back()
    page.wait_for_url(f"{site.url}/standards/")
    expect(page.get_by_label("Search:", exact=True)).to_be_enabled()
    expect(page.get_by_label("Status:", exact=True)).to_be_enabled()

    # A sort other than the default is kept; the default one is not sent.
    page.goto("/standards/")
    assert_page_ok(page)
    page.get_by_text("Filter and sort", exact=True).click()
    page.get_by_label("Sort by:", exact=True).select_option(value="title")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"{site.url}/standards/?sort=title")
    assert_page_ok(page)


def test_without_javascript_the_server_redirects_to_the_same_url(browser, site):
    context = browser.new_context(base_url=site.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/standards/")
        loaded = documents(page)
        page.get_by_text("Filter and sort", exact=True).click()
        page.get_by_label("Level:", exact=True).select_option(value="group")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url(f"{site.url}/standards/?level=group")
        assert loaded[0][0] == 301
        assert "q=&" in loaded[0][1]  # every empty field was sent
        assert loaded[-1] == (200, f"{site.url}/standards/?level=group")
    finally:
        context.close()
