"""JSON-LD blocks in Chromium: data the browser parses and never runs, so the strict CSP
(script-src 'self') reports nothing, even when a name in it reads like markup."""

import json

import pytest

from tests.browser.support import assert_page_ok

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
)

pytestmark = pytest.mark.browser

HOSTILE = "</script><script>document.title='pwned'</script>"
PAGES = {
    "/forums/2025-weihai-sodium-ion-battery-forum/": "Event",
    "/standards/t-cnesa-1006-2025/": "CreativeWork",
    "/organizations/ningde-times-new-energy-technology/": "Organization",
}


def json_ld_in(page) -> dict:
    text = page.locator('script[type="application/ld+json"]').text_content()
    return json.loads(text)


def test_json_ld_blocks_raise_no_csp_error_and_parse(page, site):
    for url, kind in PAGES.items():
        page.goto(url)
        assert_page_ok(page)  # no console error, no CSP violation
        assert json_ld_in(page)["@type"] == kind, url
    page.goto("/whats-new/")
    assert_page_ok(page)


def test_a_hostile_name_stays_data(page, site):
    from directory.models import Organization

    organization = Organization.objects.get(slug="ningde-times-new-energy-technology")
    organization.name = HOSTILE
    organization.save()
    page.goto("/organizations/ningde-times-new-energy-technology/")
    assert_page_ok(page)
    assert json_ld_in(page)["name"] == HOSTILE
    assert page.title() != "pwned"
    assert page.locator("script").count() == 1
