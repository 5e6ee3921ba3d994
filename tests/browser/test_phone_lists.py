"""Every list answers on the first screen at phone and desktop widths: the first row
starts inside the viewport, its key columns (name, outcome or status) are on screen,
not scrolled away inside the table, and no table is cut on the right."""

import pytest

from tests.browser.support import assert_page_ok

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
)

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "360": {"width": 360, "height": 740},
    "390": {"width": 390, "height": 844},
    "1280": {"width": 1280, "height": 900},
}

# path: the first row's key columns, by their heading
LISTS = {
    "/evaluations/results/": ["Organization", "Outcome"],
    "/standards/": ["Title", "Status"],
    "/evaluations/": ["Batch", "Results"],
    "/forums/": ["Forum", "Date"],
    "/organizations/": ["Name", "Kind"],
}


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_first_row_and_its_key_columns_are_on_the_first_screen(open_page, width):
    viewport = VIEWPORTS[width]
    page = open_page(viewport=viewport)
    problems = []
    for path, keys in LISTS.items():
        page.goto(path)
        assert_page_ok(page)
        row = page.locator("table tbody tr").first
        box = row.bounding_box()
        if box is None or box["y"] >= viewport["height"]:
            problems.append(f"{path}: first row starts at {box and box['y']} px")
        for key in keys:
            cell = row.locator(f'td[data-label="{key}"]')
            cell_box = cell.bounding_box()
            if cell_box is None or cell_box["x"] + cell_box["width"] > viewport["width"] + 0.5:
                problems.append(f"{path}: {key} not inside the {width} px viewport: {cell_box}")
        table = page.locator(".table-scroll").first
        cut = table.evaluate("el => el.scrollWidth - el.clientWidth")
        if cut > 0:
            problems.append(f"{path}: table cut by {cut} px at {width} px")
    assert not problems, "\n".join(problems)


def test_filters_open_from_their_disclosure_and_apply(page, site):
    page.goto("/evaluations/results/")
    assert_page_ok(page)
    outcome = page.get_by_label("Outcome:", exact=True)
    assert not outcome.is_visible()  # behind "Filter and sort"

    page.get_by_text("Filter and sort", exact=True).click()
    outcome.select_option(value="passed")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"{site.url}/evaluations/results/?outcome=passed")
    assert_page_ok(page)
    assert page.title() == "Evaluation results: Passed · Sodium Registry"
