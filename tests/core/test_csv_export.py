"""The CSV exporter (core.csv_export): what a reader opening the file in a spreadsheet
sees, who may export from the admin, and streaming in constant queries.

Each app's own export (its columns and values) is tested in its folder (test_exports.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Visibility
from evaluations.models import EvaluationResult, Outcome
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.standards.factories import make_standard
from tests.support import parse_csv, read_csv


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
        header, row = parse_csv(raw)
        record = dict(zip(header, row, strict=True))
        assert record["Name"] == 'The "Quoted", Co.\r\nSecond line'
        assert record["Other names"] == "Short One; Short Two"
        assert record["Kind"] == "Research institute"


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
