"""What a reader of any list sees besides the rows: the answer before the filters, the
filters behind one disclosure, the filters in the page title and the CSV's file name,
the current page marked in the navigation."""

import datetime
import re

import pytest

from evaluations.models import Outcome
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_result
from tests.standards.factories import make_standard

LISTS = [
    "/forums/",
    "/standards/",
    "/evaluations/",
    "/evaluations/results/",
    "/organizations/",
    "/people/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_the_count_and_rows_come_before_the_filters_which_sit_in_a_disclosure(client, url):
    make_standard()
    html = client.get(url).content.decode()

    count, panel = html.index('class="count"'), html.index('<details class="filter-panel">')
    assert count < panel
    assert re.search(r"<details class=\"filter-panel\">\s*<summary>Filter and sort</summary>", html)
    assert '<form class="filters"' in html[panel:]
    assert "<aside" not in html


@pytest.mark.django_db
def test_the_filter_panel_opens_when_a_value_needs_correcting(client):
    response = client.get("/standards/?level=nonsense")

    assert response.status_code == 400
    assert '<details class="filter-panel" open>' in response.content.decode()


@pytest.mark.django_db
def test_every_cell_of_a_list_row_names_its_column_for_the_phone_cards(client):
    make_result(outcome=Outcome.PASSED)
    html = client.get("/evaluations/results/").content.decode()

    row = html[html.index("<tbody>") : html.index("</tbody>")]
    labels = re.findall(r'<td data-label="([^"]+)"', row)
    assert labels == ["Organization", "Product", "Program", "Batch", "Outcome", "Announced"]
    assert "<td>" not in row


@pytest.mark.django_db
def test_the_page_title_says_which_filters_are_applied(client):
    make_result(outcome=Outcome.PASSED)

    plain = client.get("/evaluations/results/").content.decode()
    filtered = client.get("/evaluations/results/?outcome=passed").content.decode()

    assert "<title>Evaluation results · Sodium Registry</title>" in plain
    assert "<title>Evaluation results: Passed · Sodium Registry</title>" in filtered


@pytest.mark.django_db
def test_a_filtered_csv_file_name_says_what_was_filtered(client):
    make_result(outcome=Outcome.PASSED, organization=make_organization(name="CATL"))
    today = datetime.date.today().isoformat()

    plain = client.get("/evaluations/results/?format=csv")
    filtered = client.get("/evaluations/results/?outcome=passed&format=csv")
    long_query = {"q": ("Ningde/时代 " * 14).strip(), "organization": "x" * 60, "format": "csv"}
    searched = client.get("/evaluations/results/", long_query, follow=True)

    assert plain["Content-Disposition"] == f'attachment; filename="evaluation-results-{today}.csv"'
    assert (
        filtered["Content-Disposition"]
        == f'attachment; filename="evaluation-results-outcome-passed-{today}.csv"'
    )
    name = re.fullmatch(r'attachment; filename="([^"]+)"', searched["Content-Disposition"])[1]
    assert re.fullmatch(r"[a-z0-9-]+\.csv", name)
    assert len(name) <= 120 + len(f"-{today}.csv")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "current"),
    [("/forums/", "Forums"), ("/standards/", "Standards"), ("/evaluations/results/", "Results")],
)
def test_the_navigation_marks_the_current_list(client, url, current):
    html = client.get(url).content.decode()

    marked = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', html)
    assert marked == [current]


@pytest.mark.django_db
def test_the_footer_no_longer_links_the_raw_xml_sitemap(client):
    html = client.get("/").content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert "sitemap.xml" not in footer
    assert client.get("/robots.txt").content.decode().count("Sitemap: ") == 1


@pytest.mark.django_db
def test_has_evaluation_results_starts_at_any_not_unknown(client):
    html = client.get("/organizations/").content.decode()

    select = html[html.index('name="has_results"') :]
    options = re.findall(r"<option[^>]*>([^<]+)</option>", select[: select.index("</select>")])
    assert options == ["Any", "Yes", "No"]


@pytest.mark.django_db
def test_the_mandate_is_shown_only_when_it_says_more_than_the_level(client):
    from standards.models import StandardLevel

    group = make_standard(code="T/CNESA 1006—2025", level=StandardLevel.GROUP)
    national = make_standard(code="GB/T 44265-2024", level=StandardLevel.NATIONAL)

    assert "<dt>Mandate</dt>" not in client.get(group.get_absolute_url()).content.decode()
    shown = client.get(national.get_absolute_url()).content.decode()
    assert "<dt>Mandate</dt><dd>Recommended national standard</dd>" in shown


@pytest.mark.django_db
def test_results_filter_by_an_organization_name_as_typed_or_its_slug(client):
    catl = make_organization(name="Contemporary Amperex", slug="catl")
    make_result(organization=catl)
    make_result(organization=make_organization(name="Other Cells"))

    def organizations(query):
        html = client.get("/evaluations/results/", query).content.decode()
        return re.findall(r'<td data-label="Organization"><a href="[^"]+">([^<]+)</a>', html)

    assert organizations({"organization": "contemporary  AMPEREX"}) == ["Contemporary Amperex"]
    assert organizations({"organization": "catl"}) == ["Contemporary Amperex"]
    assert organizations({"organization": "nobody"}) == []
