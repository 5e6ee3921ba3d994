"""The evaluations admin: results found by organization alias; bad input on the batch
form and its results inline."""

import pytest

from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from tests.admin_support import (
    AdminSearch,
    add_rows,
    admin_url,
    assert_refused,
    errors_of,
    inline_prefix,
    submitted,
)
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db


class TestSearch(AdminSearch):
    def test_results_by_the_organization_alias(self, client, content, editor):
        client.force_login(editor)
        found = self.search(client, EvaluationResult, "Haicheng Energy Storage")
        assert [r.organization.slug for r in found] == ["xiamen-haicheng-energy-storage-technology"]


@pytest.fixture
def batch_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(EvaluationBatch, "add")
    page = client.get(url)
    data = submitted(page)
    program = EvaluationProgram.objects.get(slug="sodium-ion-battery-evaluation")
    data.update(program=str(program.pk), number="7", announced_on="2026-03-01")
    return url, data, inline_prefix(page, EvaluationResult)


class TestBadInput:
    def test_a_good_batch_with_results_is_saved(self, client, batch_form):
        url, data, prefix = batch_form
        add_rows(
            data,
            prefix,
            [
                {"organization": str(make_organization().pk), "outcome": "passed", "order": "0"},
                {"organization": str(make_organization().pk), "outcome": "passed", "order": "1"},
            ],
        )
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        batch = EvaluationBatch.objects.get(program__slug="sodium-ion-battery-evaluation", number=7)
        assert batch.slug == "sodium-ion-battery-evaluation-batch-7"
        assert batch.results.count() == 2

    def test_duplicate_batch_number_in_a_program(self, client, batch_form):
        url, data, _ = batch_form
        data["number"] = "6"
        response = client.post(url, data)
        # On the number itself, and not also on the slug the editor left empty.
        assert_refused(response, "number", "This program already has a batch with that number.")
        assert "slug" not in response.context["adminform"].form.errors
        assert EvaluationBatch.objects.count() == 3

    def test_duplicate_result_rows_in_the_results_inline(self, client, batch_form):
        url, data, prefix = batch_form
        organization = str(make_organization().pk)
        row = {
            "organization": organization,
            "product": "NaCR 32140",
            "outcome": "passed",
            "order": "0",
        }
        add_rows(data, prefix, [row, dict(row)])
        response = client.post(url, data)
        assert_refused(
            response,
            f"{prefix}:__all__",
            "Please correct the duplicate data for organization and product, which must be unique.",
        )
        assert EvaluationBatch.objects.count() == 3
        assert EvaluationResult.objects.count() == 9

    def test_a_result_row_duplicating_a_saved_one(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6)
        url = admin_url(EvaluationBatch, "change", batch.pk)
        page = client.get(url)
        prefix = inline_prefix(page, EvaluationResult)
        existing = batch.results.order_by("order").first()
        data = add_rows(
            submitted(page),
            prefix,
            [{"organization": str(existing.organization_id), "outcome": "passed", "order": "9"}],
        )
        response = client.post(url, data)
        assert_refused(
            response,
            f"{prefix}:__all__",
            "This batch already has a result for that organization and product.",
        )
        assert batch.results.count() == 3

    def test_a_withdrawal_reason_without_its_date(self, client, batch_form):
        url, data, prefix = batch_form
        add_rows(
            data,
            prefix,
            [
                {
                    "organization": str(make_organization().pk),
                    "outcome": "passed",
                    "withdrawal_reason": "Retested",
                    "order": "0",
                }
            ],
        )
        assert_refused(
            client.post(url, data),
            f"{prefix}:__all__",
            "Give the date of the withdrawal along with its reason.",
        )
        assert EvaluationBatch.objects.count() == 3
