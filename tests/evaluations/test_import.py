"""Importing evaluation results into their batches from CSV in the admin: our own export
comes back unchanged; new rows follow the batch's results; organizations and batches
that match nothing are listed and never created; the batch stays as it is."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Visibility
from evaluations.models import EvaluationResult, Outcome
from tests.admin_support import admin_url
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result

pytestmark = pytest.mark.django_db

HEADER = "Organization,Product,Program,Batch number,Outcome\r\n"


@pytest.fixture(autouse=True)
def _kept_uploads(settings, tmp_path):
    settings.CSV_IMPORT_DIR = str(tmp_path)


@pytest.fixture
def batch():
    program = make_program(name="Low-temperature performance", native_name="低温性能")
    return make_batch(program=program, number=6)


def exported(client) -> bytes:
    return b"".join(client.get(admin_url(EvaluationResult, "export_csv")).streaming_content)


def preview(client, data: bytes, name="results.csv"):
    response = client.post(
        admin_url(EvaluationResult, "import_csv"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200, response.context.get("error")
    return response


def confirm(client, response):
    return client.post(
        admin_url(EvaluationResult, "import_csv"), {"token": response.context["token"]}
    )


def statuses(response) -> list[str]:
    return [row.status for row in response.context["plan"].rows]


class TestRoundTrip:
    def test_our_own_export_imports_as_every_row_unchanged(self, client, content, superuser, batch):
        make_result(batch=batch, organization=make_organization(name="=Formula Cells"))
        make_result(
            batch=batch,
            organization=make_organization(name="Weihai Sodium", native_name="威海钠"),
            product="NC-100",
            outcome=Outcome.FAILED,
            withdrawn_on="2026-01-15",
            withdrawal_reason="Retested",
        )
        client.force_login(superuser)
        data = exported(client)
        assert b"'=Formula" in data and b"Did not pass" in data
        response = preview(client, data)
        plan = response.context["plan"]
        assert len(plan.rows) == EvaluationResult.objects.count() >= 3
        assert set(statuses(response)) == {"unchanged"}, [
            (r.title, r.changes, r.errors) for r in plan.rows if r.status != "unchanged"
        ]
        assert "token" not in response.context
        assert "nothing to import" in response.text

    def test_a_changed_outcome_shows_the_field_and_is_saved_with_the_file_name(
        self, client, superuser, batch
    ):
        result = make_result(batch=batch, organization=make_organization(name="Weihai Sodium"))
        client.force_login(superuser)
        data = exported(client).replace(b",Passed,", b",Did not pass,")
        response = preview(client, data, name="batch-6-corrected.csv")
        (row,) = response.context["plan"].rows
        assert row.status == "changed", row.errors
        assert row.changes == [("Outcome", "Passed", "Did not pass")]
        assert "Did not pass" in response.text
        assert confirm(client, response).status_code == 302
        result.refresh_from_db()
        assert result.outcome == Outcome.FAILED
        assert result.history.first().history_change_reason == "Imported from batch-6-corrected.csv"


class TestNewRows:
    def test_new_rows_follow_the_batch_results_in_file_order(self, client, superuser, batch):
        make_result(batch=batch, organization=make_organization(name="First Co"), order=4)
        make_organization(name="Huana Xinneng", native_name="华纳新能", aliases="Huana New Energy")
        make_organization(name="Zeta Cells")
        client.force_login(superuser)
        data = (
            HEADER + "Zeta Cells,,Low-temperature performance,6,passed\r\n"
            "华纳新能,HN-1,低温性能,6,Participated\r\n"
            "HUANA NEW ENERGY,,low-temperature performance,6,Completed\r\n"
        ).encode()
        response = preview(client, data)
        assert statuses(response) == ["new", "new", "new"]
        assert confirm(client, response).status_code == 302
        results = list(batch.results.order_by("order", "pk"))
        assert [(r.organization.name, r.product, r.outcome, r.order) for r in results] == [
            ("First Co", "", "passed", 4),
            ("Zeta Cells", "", "passed", 5),
            ("Huana Xinneng", "HN-1", "participated", 6),
            ("Huana Xinneng", "", "completed", 7),
        ]
        assert results[1].history.first().history_change_reason == "Imported from results.csv"

    def test_a_row_without_url_updates_the_batch_result_of_that_organization(
        self, client, superuser, batch
    ):
        result = make_result(batch=batch, organization=make_organization(name="Weihai Sodium"))
        client.force_login(superuser)
        data = (HEADER + "weihai sodium,,Low-temperature performance,6,Did not pass\r\n").encode()
        (row,) = preview(client, data).context["plan"].rows
        assert row.status == "changed" and row.instance == result

    def test_a_draft_batch_stays_draft_and_its_results_unpublished(self, client, superuser):
        batch = make_batch(program=make_program(name="Safety"), number=2, published=False)
        make_organization(name="Weihai Sodium")
        client.force_login(superuser)
        response = preview(client, (HEADER + "Weihai Sodium,,Safety,2,Passed\r\n").encode())
        assert confirm(client, response).status_code == 302
        batch.refresh_from_db()
        assert batch.visibility == Visibility.DRAFT
        assert batch.results.count() == 1
        client.logout()
        assert client.get(batch.get_absolute_url()).status_code == 404
        public_csv = client.get("/evaluations/results/?format=csv")
        assert public_csv.status_code == 200
        assert b"Weihai Sodium" not in b"".join(public_csv.streaming_content)
        assert "Weihai Sodium" not in client.get("/evaluations/results/").text


class TestRejected:
    def test_unmatched_organizations_and_batches_are_listed_and_nothing_is_created(
        self, client, superuser, batch
    ):
        make_organization(name="Weihai Sodium")
        client.force_login(superuser)
        data = (
            HEADER + "Weihai Sodium,,Low-temperature performance,6,Passed\r\n"
            "Nowhere Cells,,Low-temperature performance,6,Passed\r\n"
            "Weihai Sodium,,Low-temperature performance,99,Passed\r\n"
        ).encode()
        response = preview(client, data)
        assert statuses(response) == ["new", "rejected", "rejected"]
        plan = response.context["plan"]
        assert plan.unmatched == {
            "Organization": ["Nowhere Cells"],
            "Batch": ["Low-temperature performance — batch 99"],
        }
        assert "Nowhere Cells" in response.text and "the import creates none" in response.text
        assert "token" not in response.context
        assert not EvaluationResult.objects.exists()

    def test_bad_values_are_rejected_with_the_column_named(self, client, superuser, batch):
        make_organization(name="Weihai Sodium")
        make_organization(name="Other Co")
        client.force_login(superuser)
        data = (
            b"Organization,Program,Batch number,Outcome,Withdrawal reason,Withdrawn on\r\n"
            b"Weihai Sodium,Low-temperature performance,6,Winner,,\r\n"
            b"Other Co,Low-temperature performance,6,Passed,Retested,\r\n"
            b"Other Co,Low-temperature performance,6,Passed,,15/01/2026\r\n"
            b"Weihai Sodium,,,Passed,,\r\n"
        )
        rows = preview(client, data).context["plan"].rows
        assert [r.status for r in rows] == ["rejected"] * 4
        assert rows[0].errors[0].startswith("Outcome: “Winner” is not an outcome")
        assert rows[1].errors[0].startswith("Withdrawal reason:")
        assert rows[2].errors[0].startswith("Withdrawn on:")
        assert "Program" in rows[3].errors[0]

    def test_the_same_result_twice_is_rejected_the_second_time(self, client, superuser, batch):
        make_organization(name="Weihai Sodium")
        client.force_login(superuser)
        row = "Weihai Sodium,,Low-temperature performance,6,Passed\r\n"
        response = preview(client, (HEADER + row + row).encode())
        assert statuses(response) == ["new", "rejected"]
        assert "as line 2" in response.context["plan"].rows[1].errors[0]


class TestAccess:
    def test_view_only_staff_get_403_and_no_button(self, client, django_user_model, batch):
        make_organization(name="Weihai Sodium")
        user = django_user_model.objects.create_user("viewer", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_evaluationresult"))
        client.force_login(user)
        url = admin_url(EvaluationResult, "import_csv")
        assert client.get(url).status_code == 403
        data = (HEADER + "Weihai Sodium,,Low-temperature performance,6,Passed\r\n").encode()
        assert client.post(url, {"file": SimpleUploadedFile("r.csv", data)}).status_code == 403
        assert not EvaluationResult.objects.exists()
        assert "Import CSV" not in client.get(admin_url(EvaluationResult, "changelist")).text

    def test_the_button_is_on_the_results_list(self, client, superuser):
        client.force_login(superuser)
        changelist = client.get(admin_url(EvaluationResult, "changelist"))
        assert admin_url(EvaluationResult, "import_csv") in changelist.text


class TestQueries:
    def test_the_preview_costs_the_same_for_5_or_50_rows(self, client, superuser, batch):
        client.force_login(superuser)

        def queries(n):
            lines = []
            for i in range(n):
                make_result(batch=batch, organization=make_organization(name=f"Stored {n}-{i}"))
                make_organization(name=f"New {n}-{i}")
                lines += [f"Stored {n}-{i},,Low-temperature performance,6,Completed"]
                lines += [f"New {n}-{i},,Low-temperature performance,6,Passed"]
            data = (HEADER + "\r\n".join(lines)).encode()
            with CaptureQueriesContext(connection) as captured:
                preview(client, data)
            return len(captured)

        assert queries(5) == queries(50)
