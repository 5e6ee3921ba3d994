"""CSV exports: what a reader opening the file in a spreadsheet sees, and who may export."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.csv_export import BYTE_ORDER_MARK
from core.models import Visibility
from evaluations.models import EvaluationResult, Outcome
from tests.factories import (
    make_batch,
    make_forum,
    make_organization,
    make_program,
    make_result,
    make_standard,
)


def read_csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith(BYTE_ORDER_MARK), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(raw.removeprefix(BYTE_ORDER_MARK))))


@pytest.mark.django_db
class TestNeutralize:
    """Through a real export: the database computes each cell."""

    @pytest.mark.parametrize(
        "cell",
        ["=1+1", "+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", '=HYPERLINK("http://x")'],
    )
    def test_formula_cells_get_a_leading_quote(self, client, cell):
        make_organization(name=cell)
        header, row = read_csv(client.get("/organizations/?format=csv"))
        assert dict(zip(header, row, strict=True))["Name"] == "'" + cell

    @pytest.mark.parametrize("cell", ["Ningde Times", "2025-09-25", "T/CNESA 1006—2025", "1.5"])
    def test_ordinary_cells_are_untouched(self, client, cell):
        make_organization(name=cell)
        header, row = read_csv(client.get("/organizations/?format=csv"))
        assert dict(zip(header, row, strict=True))["Name"] == cell


@pytest.mark.django_db
class TestExporterOutput:
    def test_rfc4180_quoting_labels_and_joined_values(self, client):
        make_organization(
            name='The "Quoted", Co.\nSecond line',
            aliases="Short One\nShort Two",
            kind="research_institute",
        )

        response = client.get("/organizations/?format=csv")

        raw = b"".join(response.streaming_content).decode("utf-8")
        # RFC 4180: quotes doubled, and line breaks (CRLF) kept inside the quoted cell.
        assert '"The ""Quoted"", Co.\r\nSecond line"' in raw
        assert raw.endswith("\r\n")
        header, row = list(csv.reader(io.StringIO(raw.removeprefix(BYTE_ORDER_MARK))))
        record = dict(zip(header, row, strict=True))
        assert record["Name"] == 'The "Quoted", Co.\r\nSecond line'
        assert record["Other names"] == "Short One; Short Two"
        assert record["Kind"] == "Research institute"

    def test_dates_are_iso_and_lower_bounds_read_as_on_the_page(self, client):
        make_forum(
            title="Weihai forum",
            start_date=datetime.date(2025, 9, 25),
            attendees=500,
            attendees_is_lower_bound=True,
            online_viewers=16000,
        )

        header, row = read_csv(client.get("/forums/?format=csv"))
        record = dict(zip(header, row, strict=True))

        assert record["Start date"] == "2025-09-25"
        assert record["Attendees"] == "500+"
        assert record["Online viewers"] == "16000"
        assert record["End date"] == ""

    def test_public_results_csv_headers_values_and_file_name(self, client):
        organization = make_organization(name="宁德时代 Ningde Times", kind="company")
        standard = make_standard(code="T/CNESA 1006—2025")
        program = make_program(name="Low-temperature performance", basis_standard=standard)
        batch = make_batch(program=program, number=1, announced_on=datetime.date(2025, 9, 25))
        make_result(
            batch=batch, organization=organization, outcome=Outcome.PARTICIPATED, product="=cmd"
        )

        response = client.get("/evaluations/results/?format=csv")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        today = datetime.date.today().isoformat()
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="evaluation-results-{today}.csv"'
        )
        header, row = read_csv(response)
        record = dict(zip(header, row, strict=True))
        assert record["Organization"] == "宁德时代 Ningde Times"
        assert record["Organization kind"] == "Company"
        assert record["Program"] == "Low-temperature performance"
        assert record["Batch number"] == "1"
        assert record["Outcome"] == "Participated"
        assert record["Announced on"] == "2025-09-25"
        assert record["Basis standard"] == "T/CNESA 1006—2025"
        assert record["Product"] == "'=cmd"
        assert (
            record["URL"]
            == f"http://testserver{batch.get_absolute_url()}#result-{EvaluationResult.objects.get().pk}"
        )

    def test_public_csv_has_exactly_the_filtered_published_rows(self, client):
        passed = make_result(outcome=Outcome.PASSED)
        make_result(outcome=Outcome.PARTICIPATED)
        make_result(outcome=Outcome.PASSED, batch=make_batch(published=False))

        rows = read_csv(client.get("/evaluations/results/?outcome=passed&format=csv"))

        assert [row[0] for row in rows[1:]] == [passed.organization.name]

    def test_public_standards_csv_leaves_out_drafts(self, client):
        make_standard(code="GB/T 1-2025", title="Published one")
        make_standard(code="GB/T 2-2025", title="Secret draft", published=False)

        rows = read_csv(client.get("/standards/?format=csv"))

        titles = [row[1] for row in rows[1:]]
        assert titles == ["Published one"]


@pytest.mark.django_db
class TestAdminExport:
    def test_export_all_respects_filters_and_search(self, admin_client):
        hanhang = make_organization(name="Shanghai Hanhang Technology Co., Ltd.")
        make_result(organization=hanhang, outcome=Outcome.PARTICIPATED)
        make_result(outcome=Outcome.PARTICIPATED)
        make_result(organization=hanhang, outcome=Outcome.PASSED)

        response = admin_client.get(
            "/admin/evaluations/evaluationresult/export-csv/?outcome__exact=participated&q=Hanhang"
        )

        rows = read_csv(response)
        assert [(row[0], row[6]) for row in rows[1:]] == [(hanhang.name, "Participated")]

    def test_changelist_offers_the_export_link_with_current_filters(self, admin_client):
        make_result()
        page = admin_client.get("/admin/evaluations/evaluationresult/?outcome__exact=passed")
        assert 'href="/admin/evaluations/evaluationresult/export-csv/?outcome__exact=passed"' in (
            page.content.decode()
        )

    def test_export_selected_action_exports_only_the_ticked_rows(self, admin_client):
        first, _second, third = make_standard(), make_standard(), make_standard()

        response = admin_client.post(
            "/admin/standards/standard/",
            {"action": "export_selected_csv", "_selected_action": [first.pk, third.pk]},
        )

        rows = read_csv(response)
        assert sorted(row[0] for row in rows[1:]) == sorted([first.code, third.code])

    def test_admin_export_includes_drafts_for_staff(self, admin_client):
        make_standard(title="Draft in progress", published=False)
        rows = read_csv(admin_client.get("/admin/standards/standard/export-csv/"))
        assert [row[1] for row in rows[1:]] == ["Draft in progress"]

    def test_every_changelist_exports(self, admin_client, demo):
        from django.contrib import admin

        for model in admin.site._registry:
            opts = model._meta
            if opts.app_label not in {"core", "directory", "forums", "standards", "evaluations"}:
                continue
            url = f"/admin/{opts.app_label}/{opts.model_name}/export-csv/"
            response = admin_client.get(url)
            assert response.status_code == 200, url
            rows = read_csv(response)
            assert len(rows) == model.objects.count() + 1, url

    def test_bad_changelist_parameters_redirect_instead_of_failing(self, admin_client):
        response = admin_client.get("/admin/standards/standard/export-csv/?no_such_field=1")
        assert response.status_code == 302
        assert response["Location"].endswith("/admin/standards/standard/?e=1")

    def test_anonymous_users_are_sent_to_the_login_page(self, client):
        for url in ("/admin/standards/standard/export-csv/",):
            response = client.get(url)
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]

    def test_staff_without_view_permission_cannot_export(self, client, django_user_model):
        staff = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
        client.force_login(staff)
        assert client.get("/admin/standards/standard/export-csv/").status_code == 403
        response = client.post(
            "/admin/standards/standard/",
            {"action": "export_selected_csv", "_selected_action": [make_standard().pk]},
        )
        assert response.status_code == 403

    def test_editor_can_export(self, client, editor):
        make_standard(code="T/X 1—2025")
        client.force_login(editor)
        rows = read_csv(client.get("/admin/standards/standard/export-csv/"))
        assert rows[1][0] == "T/X 1—2025"


@pytest.mark.django_db
def test_large_export_runs_in_a_constant_number_of_queries(client):
    """50,000 rows stream from the same queries as 10 do: no query per row or chunk."""
    program = make_program()
    batch = make_batch(program=program)
    organizations = [make_organization() for _ in range(20)]

    def add_results(count: int, offset: int) -> None:
        EvaluationResult.objects.bulk_create(
            [
                EvaluationResult(
                    batch=batch,
                    organization=organizations[i % len(organizations)],
                    product=f"Cell {offset + i}",
                    outcome=Outcome.PASSED,
                )
                for i in range(count)
            ],
            batch_size=5000,
        )

    def export() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/evaluations/results/?format=csv")
            line_count = sum(chunk.count(b"\r\n") for chunk in response.streaming_content)
        return len(queries), line_count

    add_results(10, 0)
    small_queries, small_lines = export()
    add_results(49_990, 10)
    large_queries, large_lines = export()

    assert small_lines == 11
    assert large_lines == 50_001
    assert large_queries == small_queries
    assert batch.visibility == Visibility.PUBLIC
