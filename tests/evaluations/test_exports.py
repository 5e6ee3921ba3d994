"""The results CSV: its headers, values and file name, and exactly the filtered rows."""

import datetime

import pytest

from evaluations.models import EvaluationResult, Outcome
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.standards.factories import make_standard
from tests.support import read_csv


@pytest.mark.django_db
class TestResultsCsv:
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
