"""Evaluation batches and results: constraints, visibility, names, links and slugs."""

import datetime

import pytest

from core.models import Visibility
from evaluations.models import EvaluationBatch, EvaluationResult, Outcome
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.support import refused_by_database

pytestmark = pytest.mark.django_db


class TestBatchAndResultConstraints:
    def test_batch_number_is_unique_within_its_program(self):
        program = make_program()
        make_batch(program=program, number=6)
        refused_by_database(lambda: make_batch(program=program, number=6))
        assert EvaluationBatch.objects.filter(program=program).count() == 1

    def test_the_same_number_in_another_program_is_allowed(self):
        # The sixth general batch and a sixth low-temperature batch are different batches.
        make_batch(program=make_program(), number=6)
        make_batch(program=make_program(), number=6)
        assert EvaluationBatch.objects.filter(number=6).count() == 2

    def test_one_result_per_organization_and_product_in_a_batch(self):
        batch, organization = make_batch(), make_organization()
        make_result(batch=batch, organization=organization, product="NaCR 32140")
        refused_by_database(
            lambda: make_result(batch=batch, organization=organization, product="NaCR 32140")
        )

    def test_one_organization_level_result_per_batch(self):
        batch, organization = make_batch(), make_organization()
        make_result(batch=batch, organization=organization)
        refused_by_database(lambda: make_result(batch=batch, organization=organization))
        assert EvaluationResult.objects.filter(batch=batch).count() == 1

    def test_an_organization_may_have_results_for_several_products_and_batches(self):
        organization = make_organization()
        batch = make_batch()
        make_result(batch=batch, organization=organization, product="Cell A")
        make_result(batch=batch, organization=organization, product="Cell B")
        make_result(batch=make_batch(), organization=organization, product="Cell A")
        assert organization.evaluation_results.count() == 3

    def test_a_withdrawal_reason_needs_its_date(self):
        refused_by_database(lambda: make_result(withdrawal_reason="Retested, did not pass"))
        withdrawn = make_result(
            withdrawal_reason="Retested", withdrawn_on=datetime.date(2025, 12, 1)
        )
        assert withdrawn.is_withdrawn


class TestChildrenFollowTheirParent:
    def test_results_follow_their_batch(self):
        result = make_result(batch=make_batch(published=False))
        assert not result.is_public
        batch = result.batch
        batch.visibility = Visibility.PUBLIC
        batch.save()
        result.refresh_from_db()
        assert result.is_public


class TestRecords:
    def test_names_read_as_people_write_them(self):
        organization = make_organization(name="SAI Laboratory")
        program = make_program(name="Low-temperature performance evaluation")
        batch = make_batch(program=program, number=1)
        assert str(batch) == "Low-temperature performance evaluation — batch 1"
        assert str(make_result(batch=batch, organization=organization)) == "SAI Laboratory: Passed"
        assert (
            str(
                make_result(
                    batch=batch, organization=organization, outcome=Outcome.FAILED, product="Cell X"
                )
            )
            == "SAI Laboratory — Cell X: Did not pass"
        )

    def test_public_records_link_to_their_pages(self):
        batch = make_batch(program=make_program(slug="low-temperature"), number=1)
        result = make_result(batch=batch)
        assert batch.get_absolute_url() == "/evaluations/low-temperature-batch-1/"
        assert result.get_absolute_url() == (
            f"/evaluations/low-temperature-batch-1/#result-{result.pk}"
        )

    def test_a_batch_without_a_slug_gets_one_from_its_program_and_number(self):
        batch = EvaluationBatch.objects.create(
            program=make_program(slug="sodium-ion-battery-evaluation"), number=6
        )
        assert batch.slug == "sodium-ion-battery-evaluation-batch-6"
