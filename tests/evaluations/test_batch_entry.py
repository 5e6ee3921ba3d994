"""Faster batch entry in the admin (issue 17): a batch-wide default outcome, and a pasted
list of organization names that adds their results at once, in the order pasted.

Each test runs as a superuser and as an Editor (the `staff` fixture), on whichever
database DATABASE_URL names.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils.html import escape

from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from tests.admin_support import (
    add_rows,
    admin_url,
    assert_refused,
    errors_of,
    inline_prefix,
    submitted,
)
from tests.core.factories import make_source
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db

PASTED_REASON = "Added {} results by pasted names"


@pytest.fixture
def orgs(content):
    """Five organizations, named so that pasting finds them by name, alias or native name."""
    return [
        make_organization(name="Alpha Cells Co., Ltd."),
        make_organization(name="Beta Power", aliases="Beta\nBP Energy"),
        make_organization(name="Gamma Storage", native_name="伽马储能"),
        make_organization(name="Delta New Energy"),
        make_organization(name="Epsilon Materials"),
    ]


@pytest.fixture
def new_batch(client, content, staff):
    """The add form for a seventh general-evaluation batch, as a browser submits it."""
    client.force_login(staff)
    url = admin_url(EvaluationBatch, "add")
    page = client.get(url)
    data = submitted(page)
    program = EvaluationProgram.objects.get(slug="sodium-ion-battery-evaluation")
    source = make_source(title="Seventh batch notice")
    data.update(program=str(program.pk), number="7", source=str(source.pk))
    return url, data, inline_prefix(page, EvaluationResult)


def seventh() -> EvaluationBatch:
    return EvaluationBatch.objects.get(program__slug="sodium-ion-battery-evaluation", number=7)


def in_order(batch) -> list[str]:
    return [r.organization.name for r in batch.results.select_related("organization")]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestPastedNames:
    def test_matched_names_add_results_in_the_order_pasted(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data["default_outcome"] = "passed"
        # By name (any case and spacing), alias, native name, in an order not alphabetical.
        data["organizations_pasted"] = (
            "epsilon   materials\n\nBP Energy\n伽马储能\nALPHA CELLS CO., LTD.\n  Delta New Energy  \n"
        )
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        batch = seventh()
        assert in_order(batch) == [
            "Epsilon Materials",
            "Beta Power",
            "Gamma Storage",
            "Alpha Cells Co., Ltd.",
            "Delta New Energy",
        ]
        assert list(batch.results.values_list("order", flat=True)) == [1, 2, 3, 4, 5]
        assert set(batch.results.values_list("outcome", flat=True)) == {"passed"}
        assert any("Added 5 results by pasted names" in m for m in messages_of(response))
        # The change page shows the paste box empty again: saving twice adds nothing more.
        page = client.get(admin_url(EvaluationBatch, "change", batch.pk))
        assert page.context["adminform"].form["organizations_pasted"].value() in (None, "")

    def test_the_public_page_lists_them_in_the_order_pasted(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data.update(default_outcome="passed", visibility="public")
        data["organizations_pasted"] = "Epsilon Materials\nBeta Power\nAlpha Cells Co., Ltd."
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        client.logout()
        page = client.get(seventh().get_absolute_url()).content.decode()
        positions = [
            page.index(escape(name))
            for name in ["Epsilon Materials", "Beta Power", "Alpha Cells Co., Ltd."]
        ]
        assert positions == sorted(positions)

    def test_the_additions_are_recorded_with_their_reason(self, client, new_batch, orgs, staff):
        url, data, _ = new_batch
        data.update(default_outcome="participated")
        data["organizations_pasted"] = "\n".join(org.name for org in orgs)
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        history = EvaluationResult.history.filter(batch_id=seventh().pk)
        assert history.count() == 5
        assert set(history.values_list("history_change_reason", flat=True)) == {
            PASTED_REASON.format(5)
        }
        assert set(history.values_list("history_user", flat=True)) == {staff.pk}

    def test_pasted_rows_come_after_the_batch_rows_and_new_blank_rows(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6, program__slug="sodium-ion-battery-evaluation")
        before = in_order(batch)
        highest = max(batch.results.values_list("order", flat=True))
        url = admin_url(EvaluationBatch, "change", batch.pk)
        page = client.get(url)
        prefix = inline_prefix(page, EvaluationResult)
        typed = make_organization(name="Typed Row Co.")
        make_organization(name="Pasted Co.")
        data = add_rows(
            submitted(page), prefix, [{"organization": str(typed.pk), "outcome": "failed"}]
        )
        data.update(default_outcome="passed", organizations_pasted="Pasted Co.")
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert in_order(batch) == [*before, "Typed Row Co.", "Pasted Co."]
        rows = {r.organization.name: r for r in batch.results.select_related("organization")}
        assert (rows["Typed Row Co."].order, rows["Typed Row Co."].outcome) == (
            highest + 1,
            "failed",
        )
        assert (rows["Pasted Co."].order, rows["Pasted Co."].outcome) == (highest + 2, "passed")

    def test_unmatched_names_are_listed_and_nothing_is_saved(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data.update(default_outcome="passed")
        pasted = "Beta Power\nZeta Cells\nEta Energy"
        data["organizations_pasted"] = pasted
        response = client.post(url, data)
        assert_refused(
            response,
            "organizations_pasted",
            "No organization is named “Zeta Cells”, “Eta Energy”.",
        )
        form = response.context["adminform"].form
        assert form["organizations_pasted"].value() == pasted  # the paste is kept
        assert "Create the 2 organizations not found" in response.content.decode()
        assert not EvaluationBatch.objects.filter(number=7).exists()
        assert not Organization.objects.filter(name__in=["Zeta Cells", "Eta Energy"]).exists()

    def test_ticked_create_makes_the_unmatched_organizations(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data.update(default_outcome="passed", create_unmatched="on")
        data["organizations_pasted"] = "Zeta Cells\nBeta Power\n钠创新能源\nAlpha Cells Co., Ltd."
        make_organization(name="Zeta Cells Old", slug="zeta-cells")  # the slug is taken
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        batch = seventh()
        assert in_order(batch) == [
            "Zeta Cells",
            "Beta Power",
            "钠创新能源",
            "Alpha Cells Co., Ltd.",
        ]
        zeta = Organization.objects.get(name="Zeta Cells")
        native = Organization.objects.get(name="钠创新能源")
        assert zeta.slug == "zeta-cells-2"
        assert native.slug == "organization"  # no ASCII to make a slug from
        assert zeta.source == native.source == batch.source
        assert zeta.history.get().history_change_reason.startswith("Created from a name pasted")
        assert any("Created 2 organizations" in m for m in messages_of(response))

    def test_ambiguous_names_are_listed_with_their_candidates(self, client, new_batch, orgs):
        make_organization(name="Beta Batteries", aliases="BP Energy")
        url, data, _ = new_batch
        data.update(default_outcome="passed", create_unmatched="on")
        data["organizations_pasted"] = "Alpha Cells Co., Ltd.\nBP Energy"
        response = client.post(url, data)
        assert_refused(
            response,
            "organizations_pasted",
            "1 name matches several organizations; write the full name instead: "
            "“BP Energy” (Beta Batteries / Beta Power).",
        )
        assert not EvaluationBatch.objects.filter(number=7).exists()
        # Ticking "create" never makes an ambiguous name a new organization.
        assert not Organization.objects.filter(name="BP Energy").exists()

    def test_duplicates_in_the_paste_are_added_once_and_said(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data.update(default_outcome="passed")
        # The same name twice, and one organization by its name and by its alias.
        data["organizations_pasted"] = "Beta Power\nAlpha Cells Co., Ltd.\nbeta power\nBP Energy"
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert in_order(seventh()) == ["Beta Power", "Alpha Cells Co., Ltd."]
        assert (
            "Named more than once in the paste, added once: “beta power”, “BP Energy”."
            in messages_of(response)
        )

    def test_names_already_in_the_batch_are_not_added_again(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6, program__slug="sodium-ion-battery-evaluation")
        before = in_order(batch)
        newcomer = make_organization(name="Newcomer Ltd.")
        url = admin_url(EvaluationBatch, "change", batch.pk)
        data = submitted(client.get(url))
        data.update(default_outcome="passed", organizations_pasted=f"{before[0]}\nNewcomer Ltd.")
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert in_order(batch) == [*before, newcomer.name]
        assert f"Already in this batch, not added again: “{before[0]}”." in messages_of(response)
        reasons = EvaluationResult.history.filter(batch_id=batch.pk, organization_id=newcomer.pk)
        assert reasons.get().history_change_reason == "Added 1 result by pasted names"

    def test_a_paste_needs_a_default_outcome(self, client, new_batch, orgs):
        url, data, _ = new_batch
        data["organizations_pasted"] = "Beta Power"
        assert_refused(
            client.post(url, data), "default_outcome", "Pasted names take the default outcome"
        )
        assert not EvaluationBatch.objects.filter(number=7).exists()

    def test_too_many_or_too_long_names_are_refused(self, client, new_batch):
        url, data, _ = new_batch
        data.update(default_outcome="passed", organizations_pasted="x" * 201)
        assert_refused(client.post(url, data), "organizations_pasted", "at most 200 characters")
        data["organizations_pasted"] = "\n".join(f"Name {n}" for n in range(501))
        assert_refused(client.post(url, data), "organizations_pasted", "at most 500 names")
        assert not EvaluationBatch.objects.filter(number=7).exists()


class TestDefaultOutcome:
    def test_new_rows_without_an_outcome_take_the_default(self, client, new_batch):
        url, data, prefix = new_batch
        first, second = make_organization(), make_organization()
        data["default_outcome"] = "completed"
        add_rows(
            data,
            prefix,
            [
                {"organization": str(first.pk)},
                {"organization": str(second.pk), "outcome": "failed"},
            ],
        )
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        outcomes = list(seventh().results.values_list("organization", "outcome", "order"))
        assert outcomes == [(first.pk, "completed", 1), (second.pk, "failed", 2)]

    def test_without_a_default_a_new_row_needs_its_outcome(self, client, new_batch):
        url, data, prefix = new_batch
        add_rows(data, prefix, [{"organization": str(make_organization().pk)}])
        assert_refused(
            client.post(url, data),
            f"{prefix}:outcome",
            "Choose an outcome, or a default outcome for the batch.",
        )
        assert not EvaluationBatch.objects.filter(number=7).exists()

    def test_the_default_leaves_saved_results_alone(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6, program__slug="sodium-ion-battery-evaluation")
        before = list(batch.results.values_list("pk", "outcome"))
        url = admin_url(EvaluationBatch, "change", batch.pk)
        data = submitted(client.get(url))
        data["default_outcome"] = "failed"
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert list(batch.results.values_list("pk", "outcome")) == before

    def test_a_saved_result_cleared_of_its_outcome_is_refused(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6, program__slug="sodium-ion-battery-evaluation")
        url = admin_url(EvaluationBatch, "change", batch.pk)
        page = client.get(url)
        prefix = inline_prefix(page, EvaluationResult)
        data = submitted(page)
        data.update({f"{prefix}-0-outcome": "", "default_outcome": "passed"})
        assert_refused(client.post(url, data), f"{prefix}:outcome", "Choose an outcome.")

    def test_an_unknown_default_outcome_is_refused(self, client, new_batch):
        url, data, _ = new_batch
        data["default_outcome"] = "excellent"
        response = client.post(url, data)
        assert response.status_code == 200
        assert "default_outcome" in errors_of(response)

    def test_the_form_says_what_the_default_does(self, client, new_batch):
        url, _, _ = new_batch
        page = client.get(url).content.decode()
        assert "Given to every new result that does not set its own" in page
        assert "Organizations, one per line" in page


def test_view_only_staff_cannot_add_results_by_paste(client, content, orgs, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_evaluationbatch", "view_evaluationresult", "view_organization"]
        )
    )
    client.force_login(viewer)
    batch = EvaluationBatch.objects.get(number=6, program__slug="sodium-ion-battery-evaluation")
    url = admin_url(EvaluationBatch, "change", batch.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "organizations_pasted" not in page.content.decode()  # a read-only page
    count = batch.results.count()
    data = {"program": str(batch.program_id), "number": "6", "default_outcome": "passed"}
    data["organizations_pasted"] = "Beta Power"
    response = client.post(url, data)
    assert response.status_code == 403
    assert batch.results.count() == count
    response = client.post(admin_url(EvaluationBatch, "add"), {**data, "number": "7"})
    assert response.status_code == 403
    assert not EvaluationBatch.objects.filter(number=7).exists()
