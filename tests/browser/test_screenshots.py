"""The main pages at phone and desktop widths: clean, accessible, no sideways scrolling.

Full-page screenshots go to test-artifacts/screenshots/ (ignored by git), one per page
and width, for a person to look at; the test asserts what a script can see.
"""

import pytest

from tests.browser.support import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    assert_page_ok,
    horizontal_overflow,
)

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser

# name: (path, the page's <h1>)
MAIN_PAGES = {
    "home": ("/", "Sodium Registry"),
    "standards-list": ("/standards/", "Standards"),
    "results-list": ("/evaluations/results/", "Evaluation results"),
    "search": ("/search/?q=sodium", "Search"),
    "forum": (
        "/forums/2025-weihai-sodium-ion-battery-forum/",
        "2025 Sodium Ion Battery Industry Chain and Standards Development Forum",
    ),
    "standard": ("/standards/t-cnesa-1006-2025/", "T/CNESA 1006—2025"),
    "batch": (
        "/evaluations/sodium-ion-battery-evaluation-batch-6/",
        "Sodium ion battery evaluation: batch 6",
    ),
    "organization": (
        "/organizations/ningde-times-new-energy-technology/",
        "Ningde Times New Energy Technology Co., Ltd.",
    ),
    "person": ("/people/li-jinghong/", "Li Jinghong"),
}


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_main_pages_at_phone_and_desktop_width(open_page, width):
    viewport = PHONE if width == "phone" else DESKTOP
    page = open_page(viewport=viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, (path, heading) in MAIN_PAGES.items():
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_page_ok(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        if overflow := horizontal_overflow(page):
            too_wide[path] = overflow
    assert not too_wide, f"pages that scroll sideways at {viewport['width']} px: {too_wide}"
