"""Importing standards, with milestones, from CSV in the admin: our own export comes back
unchanged; rows find their standards by URL or normalized code; issuing bodies,
committees and drafters that match nothing are listed and never created."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Visibility
from directory.models import Organization
from standards.models import Standard, StandardStatus
from tests.admin_support import admin_url
from tests.directory.factories import make_organization
from tests.standards.factories import (
    make_committee,
    make_drafting_role,
    make_milestone,
    make_standard,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept_uploads(settings, tmp_path):
    settings.CSV_IMPORT_DIR = str(tmp_path)


def exported(client) -> bytes:
    return b"".join(client.get(admin_url(Standard, "export_csv")).streaming_content)


def preview(client, data: bytes, name="standards.csv"):
    response = client.post(
        admin_url(Standard, "import_csv"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200, response.context.get("error")
    return response


def confirm(client, response):
    return client.post(admin_url(Standard, "import_csv"), {"token": response.context["token"]})


def statuses(response) -> list[str]:
    return [row.status for row in response.context["plan"].rows]


class TestRoundTrip:
    def test_our_own_export_imports_as_every_row_unchanged(self, client, content, superuser):
        body = make_organization(name="CNESA", native_name="中关村储能产业技术联盟")
        standard = make_standard(
            code="T/CNESA 1099—2025",
            title="=Sodium-ion cells",
            issuing_body=body,
            committee=make_committee(name="Sodium cells working group"),
            published_on=datetime.date(2025, 6, 1),
            effective_on=datetime.date(2099, 1, 1),  # exported as "To be implemented"
        )
        make_drafting_role(standard=standard, organization=make_organization(name="Lab A"))
        make_drafting_role(standard=standard, organization=make_organization(name="Lab B"))
        client.force_login(superuser)
        data = exported(client)
        assert b"To be implemented" in data and b"'=Sodium" in data
        response = preview(client, data)
        plan = response.context["plan"]
        assert len(plan.rows) == Standard.objects.count() >= 2
        assert set(statuses(response)) == {"unchanged"}, [
            (r.title, r.changes, r.errors) for r in plan.rows if r.status != "unchanged"
        ]
        assert "token" not in response.context

    def test_a_changed_status_shows_the_field_and_is_saved_with_the_file_name(
        self, client, superuser
    ):
        standard = make_standard(code="T/CNESA 1006—2025", status=StandardStatus.DRAFTING)
        client.force_login(superuser)
        data = exported(client).replace(b",Drafting,", b",Public comment,")
        response = preview(client, data, name="standards-fixed.csv")
        (row,) = response.context["plan"].rows
        assert row.status == "changed", row.errors
        assert row.changes == [("Status", "Drafting", "Public comment")]
        assert confirm(client, response).status_code == 302
        standard.refresh_from_db()
        assert standard.status == StandardStatus.PUBLIC_COMMENT
        assert standard.history.first().history_change_reason == "Imported from standards-fixed.csv"


class TestMatchingAndMilestones:
    def test_a_row_finds_its_standard_by_normalized_code_and_adds_milestones(
        self, client, superuser
    ):
        standard = make_standard(code="T/CNESA 1006—2025", status=StandardStatus.DRAFTING)
        make_milestone(standard=standard, date=datetime.date(2025, 3, 1))
        client.force_login(superuser)
        data = (
            "Code,Title,Milestones\r\n"
            "Ｔ/CNESA 1006-2025,Sodium-ion cells,"
            "2025-03-01 drafting; 2025-09-25 Public comment; 2026-01-15 published\r\n"
        ).encode()
        response = preview(client, data)
        (row,) = response.context["plan"].rows
        assert row.instance == standard and row.status == "changed"
        assert (
            "Milestones",
            "",
            "added: 2025-09-25 Public comment; 2026-01-15 Published",
        ) in row.changes
        confirm(client, response)
        standard.refresh_from_db()
        assert [(m.date.isoformat(), m.status) for m in standard.milestones.order_by("date")] == [
            ("2025-03-01", "drafting"),
            ("2025-09-25", "public_comment"),
            ("2026-01-15", "published"),
        ]
        assert standard.status == StandardStatus.PUBLISHED  # in step with the latest

    def test_a_new_standard_is_a_draft_with_its_drafters(self, client, superuser):
        make_organization(name="Huana Xinneng", aliases="Huana New Energy")
        make_organization(name="CNESA")
        client.force_login(superuser)
        data = (
            b"Code,Title,Level,Status,Issuing body,Drafting organizations\r\n"
            b"T/CNESA 1010-2026,Sodium packs,Group (association),Drafting,cnesa,"
            b"Huana New Energy; CNESA\r\n"
        )
        response = preview(client, data)
        assert statuses(response) == ["new"]
        confirm(client, response)
        standard = Standard.objects.get(code="T/CNESA 1010-2026")
        assert standard.visibility == Visibility.DRAFT
        assert standard.issuing_body.name == "CNESA"
        assert sorted(standard.drafters.values_list("name", flat=True)) == [
            "CNESA",
            "Huana Xinneng",
        ]

    def test_unmatched_related_records_are_listed_and_nothing_is_created(self, client, superuser):
        make_organization(name="CNESA")
        client.force_login(superuser)
        data = (
            b"Code,Title,Level,Status,Issuing body,Committee,Drafting organizations\r\n"
            b"T/A 1-2026,A,Group,Drafting,Nowhere Body,,\r\n"
            b"T/B 1-2026,B,Group,Drafting,CNESA,TC 999,Ghost Lab; CNESA\r\n"
            b"T/C 1-2026,C,Group,Drafting,CNESA,,\r\n"
        )
        response = preview(client, data)
        assert statuses(response) == ["rejected", "rejected", "new"]
        assert response.context["plan"].unmatched == {
            "Issuing body": ["Nowhere Body"],
            "Drafting organizations": ["Ghost Lab"],
            "Committee": ["TC 999"],
        }
        assert "the import creates none" in response.text
        assert "token" not in response.context
        assert not Standard.objects.exists()
        assert not Organization.objects.filter(name__in=["Nowhere Body", "Ghost Lab"]).exists()

    def test_bad_values_are_rejected_with_the_column_named(self, client, superuser):
        client.force_login(superuser)
        data = (
            b"Code,Title,Level,Status,Published on,Effective on,Milestones\r\n"
            b"T/A 1-2026,A,,Drafting,,,\r\n"
            b"T/B 1-2026,B,Group,Finished,,,\r\n"
            b"T/C 1-2026,C,Group,Drafting,2026-05-01,2026-01-01,\r\n"
            b"T/D 1-2026,D,Group,Drafting,,,2026 sometime\r\n"
        )
        rows = preview(client, data).context["plan"].rows
        assert [r.status for r in rows] == ["rejected"] * 4
        assert rows[0].errors == ["Level: a level is required."]
        assert rows[1].errors[0].startswith("Status: “Finished” is not a status")
        assert rows[2].errors[0].startswith("Effective on:")
        assert rows[3].errors[0].startswith("Milestones:")

    def test_a_draft_standard_stays_draft(self, client, superuser):
        standard = make_standard(code="T/D 1-2026", published=False)
        client.force_login(superuser)
        data = b"Code,Title\r\nT/D 1-2026,Renamed\r\n"
        confirm(client, preview(client, data))
        standard.refresh_from_db()
        assert standard.title == "Renamed" and standard.visibility == Visibility.DRAFT


class TestAccess:
    def test_view_only_staff_get_403_and_no_button(self, client, django_user_model):
        user = django_user_model.objects.create_user("viewer", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_standard"))
        client.force_login(user)
        url = admin_url(Standard, "import_csv")
        assert client.get(url).status_code == 403
        data = b"Code,Title,Level,Status\r\nT/X 1-2026,X,Group,Drafting\r\n"
        assert client.post(url, {"file": SimpleUploadedFile("s.csv", data)}).status_code == 403
        assert not Standard.objects.exists()
        assert "Import CSV" not in client.get(admin_url(Standard, "changelist")).text


class TestQueries:
    def test_the_preview_costs_the_same_for_5_or_50_rows(self, client, superuser):
        body = make_organization(name="CNESA")
        committee = make_committee(name="SAC/TC 203")
        client.force_login(superuser)

        def queries(n):
            lines = []
            for i in range(n):
                standard = make_standard(code=f"T/S {n}-{i}", issuing_body=body)
                make_milestone(standard=standard)
                make_drafting_role(standard=standard, organization=body)
                lines += [
                    f"T/S {n}-{i},S,Group,Drafting,CNESA,SAC/TC 203,CNESA,2025-03-01 drafting"
                ]
                lines += [f"T/N {n}-{i},N,Group,Drafting,CNESA,{committee.name},CNESA,"]
            header = "Code,Title,Level,Status,Issuing body,Committee,Drafting organizations,Milestones\r\n"
            with CaptureQueriesContext(connection) as captured:
                preview(client, (header + "\r\n".join(lines)).encode())
            return len(captured)

        assert queries(5) == queries(50)
