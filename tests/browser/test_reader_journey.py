"""A reader's journey in a real browser: search, follow links, filter, download CSV."""

import re

import pytest

from tests.browser.support import assert_page_ok, read_csv_download

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser

HANHANG = "Shanghai Hanhang Technology Co., Ltd."


@pytest.fixture
def standards_in_two_statuses(site):
    """Beside the demo's published T/CNESA 1006—2025: one in drafting, and a draft record.

    The draft record is in drafting too, so the status filter would list it if the
    public list ever let drafts through.
    """
    from standards.models import StandardLevel, StandardStatus
    from tests.standards.factories import make_standard

    drafting = make_standard(
        code="GB/T 00001—2026",
        title="Sodium-ion batteries for electric bicycles: safety requirements",
        slug="gb-t-00001-2026",
        level=StandardLevel.NATIONAL,
        status=StandardStatus.DRAFTING,
    )
    unpublished = make_standard(
        code="T/TEST 9—2026",
        title="Unpublished sodium-ion standard",
        slug="t-test-9-2026",
        status=StandardStatus.DRAFTING,
        published=False,
    )
    return drafting, unpublished


def test_reader_finds_a_company_its_batch_and_downloads_filtered_standards(
    page, site, standards_in_two_statuses
):
    drafting, unpublished = standards_in_two_statuses

    # Home page: the search box there finds a company by its short name.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sodium Registry")
    assert_page_ok(page)
    page.get_by_label("Search companies, standards, forums and people").fill("Hanhang")
    page.get_by_label("Search companies, standards, forums and people").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Hanhang$"))
    organizations = page.get_by_role("region", name="Organizations")
    expect(organizations.get_by_role("link", name=HANHANG)).to_be_visible()
    assert_page_ok(page)

    # The company's page shows its evaluation result and links to the batch.
    organizations.get_by_role("link", name=HANHANG).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HANHANG)
    results = page.get_by_role("table", name="Low-temperature performance evaluation")
    expect(results.get_by_role("row")).to_have_count(2)  # the header and one result
    assert_page_ok(page)

    results.get_by_role("link", name="Batch 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Low-temperature performance evaluation: batch 1"
    )
    batch_results = page.get_by_role("table", name="5 results in batch 1")
    expect(batch_results.get_by_role("link", name=HANHANG)).to_be_visible()
    expect(page.get_by_role("link", name="T/CNESA 1006—2025")).to_be_visible()
    assert_page_ok(page)

    # The standards list, filtered by status: only the published record in drafting.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Standards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standards")
    expect(page.locator(".count")).to_have_text("2 standards")
    assert_page_ok(page)

    page.get_by_text("Filter and sort", exact=True).click()  # the filters' disclosure
    page.get_by_label("Status:", exact=True).select_option(label="Drafting")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"status=drafting"))
    expect(page.locator(".count")).to_have_text("1 standard")
    expect(page.get_by_role("list", name="Active filters")).to_contain_text("Status: Drafting")
    rows = page.get_by_role("table", name=re.compile(r"^Standards")).locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("GB/T 00001—2026")
    expect(page.get_by_text(unpublished.title)).to_have_count(0)
    assert_page_ok(page)

    # Open the standard, then come back to the filtered list.
    page.get_by_role("link", name=drafting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{drafting.code} {drafting.title}")
    expect(page.locator("dl.facts")).to_contain_text("Drafting")
    assert_page_ok(page)
    page.go_back()
    expect(page.locator(".count")).to_have_text("1 standard")
    assert_page_ok(page)

    # "Download CSV" gives exactly the rows the filter selects.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert re.fullmatch(
        r"standards-status-drafting-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename
    )
    rows = read_csv_download(download)
    assert [(row["Code"], row["Title"], row["Status"], row["Level"]) for row in rows] == [
        (drafting.code, drafting.title, "Drafting", "National")
    ]
    assert rows[0]["URL"] == f"{site.url}/standards/{drafting.slug}/"
