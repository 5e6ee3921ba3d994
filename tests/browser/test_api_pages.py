"""The API's reference page and the data dictionary in a real browser: no CSP
violation, no console error, our accessibility checks pass, and their links work."""

import re

import pytest

from tests.browser.support import assert_page_ok

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser


def test_reader_goes_from_a_csv_download_to_the_dictionary_and_the_api(page, site):
    page.goto("/standards/")
    assert_page_ok(page)
    page.get_by_role("link", name="What the columns mean").click()
    page.wait_for_url("**/data/#csv-standards-standard_list")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data dictionary")
    section = page.locator("#csv-standards-standard_list")
    # The Status column's allowed values: the derived one first, then the lifecycle.
    values = section.get_by_role("cell", name=re.compile(r"^To be implemented; Proposed; "))
    expect(values).to_be_visible()
    assert_page_ok(page)

    page.locator("#main").get_by_role("link", name="API", exact=True).click()
    page.wait_for_url("**/api/reference/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API reference")
    expect(page.get_by_role("heading", name="GET /api/standards/", exact=True)).to_be_visible()
    assert_page_ok(page)
