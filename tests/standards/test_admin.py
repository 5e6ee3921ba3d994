"""The standards admin: a code is found and refused however it is written; bad input on
the standard form."""

import pytest
from django.urls import reverse

from standards.models import Standard
from tests.admin_support import AdminSearch, admin_url, assert_refused, errors_of, submitted

pytestmark = pytest.mark.django_db


class TestSearch(AdminSearch):
    def test_standard_code_written_differently(self, client, content, editor):
        client.force_login(editor)
        standard = Standard.objects.get(slug="t-cnesa-1006-2025")
        for term in ["t/cnesa 1006-2025", "T/CNESA 1006—2025", "１００６－２０２５", "1006"]:
            assert self.search(client, Standard, term) == [standard], term
        assert self.search(client, Standard, "9999-2025") == []


def test_autocomplete_finds_a_standard_by_its_code_however_typed(client, content, editor):
    client.force_login(editor)
    for term in ["t/cnesa 1006-2025", "T／CNESA 1006–2025", "1006-2025"]:
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "evaluations",
                "model_name": "evaluationprogram",
                "field_name": "basis_standard",
                "term": term,
            },
        )
        assert [row["text"] for row in response.json()["results"]] == [
            "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries"
        ], term


@pytest.fixture
def standard_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(Standard, "add")
    data = submitted(client.get(url))
    data.update(
        code="T/CNESA 1007—2025",
        title="Sodium ion batteries for energy storage",
        slug="t-cnesa-1007-2025",
        level="group",
        status="drafting",
    )
    return url, data


class TestBadInput:
    def test_a_good_standard_is_saved(self, client, standard_form):
        url, data = standard_form
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert Standard.objects.get(slug="t-cnesa-1007-2025").code == "T/CNESA 1007—2025"

    def test_duplicate_standard_code(self, client, standard_form):
        url, data = standard_form
        data["code"] = "T/CNESA 1006—2025"
        assert_refused(client.post(url, data), "code", "This code is already used by")
        assert Standard.objects.count() == 2

    @pytest.mark.parametrize("written", ["t/cnesa 1006-2025", "T／CNESA １００６–2025"])
    def test_the_same_code_written_differently(self, client, standard_form, written):
        url, data = standard_form
        data["code"] = written
        response = client.post(url, data)
        assert_refused(
            response,
            "code",
            "This code is already used by “T/CNESA 1006—2025 General Specifications for "
            "Sodium Ion Batteries” (written differently).",
        )
        assert Standard.objects.count() == 2

    def test_a_code_too_long_once_normalized(self, client, standard_form):
        # NFKC spreads some characters over several: “㎏” is “kg”. Still fits as written.
        url, data = standard_form
        data["code"] = "T/" + "㎏" * 60
        assert_refused(client.post(url, data), "code", "at most 100 characters")
        assert Standard.objects.count() == 2

    def test_effective_date_before_publication(self, client, standard_form):
        url, data = standard_form
        data.update(published_on="2025-05-01", effective_on="2025-04-01")
        assert_refused(
            client.post(url, data),
            "__all__",
            "The effective date cannot be before the publication date.",
        )
        assert Standard.objects.count() == 2

    def test_bad_iso_stage(self, client, standard_form):
        url, data = standard_form
        data["iso_stage"] = "30.2"
        assert_refused(client.post(url, data), "iso_stage", "two pairs of digits")
