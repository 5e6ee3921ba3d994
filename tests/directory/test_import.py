"""Importing organizations and people from CSV in the admin: the file our own export
writes comes back unchanged; rows find their records by URL, name, alias or native
name; unmatched parents are listed and never created."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Organization, Person
from tests.admin_support import admin_url
from tests.directory.factories import make_organization, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept_uploads(settings, tmp_path):
    settings.CSV_IMPORT_DIR = str(tmp_path)


def exported(client, model) -> bytes:
    return b"".join(client.get(admin_url(model, "export_csv")).streaming_content)


def preview(client, model, data: bytes, name="import.csv"):
    response = client.post(admin_url(model, "import_csv"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200, response.context.get("error")
    return response


def confirm(client, model, response):
    return client.post(admin_url(model, "import_csv"), {"token": response.context["token"]})


def statuses(response) -> list[str]:
    return [row.status for row in response.context["plan"].rows]


class TestRoundTrip:
    def test_our_own_export_imports_as_every_row_unchanged(self, client, content, superuser):
        make_organization(
            name="=Formula Holdings",
            native_name="+威海",
            aliases="WSC\n-dash",
            parent=Organization.objects.get(slug="sai-laboratory"),
            website="https://example.com/a",
        )
        client.force_login(superuser)
        data = exported(client, Organization)
        assert data.startswith("\ufeff".encode()) and b"\r\n" in data and b"'=Formula" in data
        response = preview(client, Organization, data)
        plan = response.context["plan"]
        assert len(plan.rows) == Organization.objects.count()
        assert set(statuses(response)) == {"unchanged"}, [
            (r.title, r.changes, r.errors) for r in plan.rows if r.status != "unchanged"
        ]
        assert "token" not in response.context
        assert "nothing to import" in response.text

    def test_people_export_imports_unchanged(self, client, content, superuser):
        make_person(name="@handle", honorific="Academician")
        client.force_login(superuser)
        response = preview(client, Person, exported(client, Person))
        assert set(statuses(response)) == {"unchanged"}
        assert len(statuses(response)) == Person.objects.count()

    def test_an_edited_export_changes_only_the_edited_fields(self, client, superuser):
        organization = make_organization(name="Weihai Sodium", region="Shandong")
        client.force_login(superuser)
        data = exported(client, Organization).replace(b",Shandong,", b',"Shandong, China",')
        response = preview(client, Organization, data)
        (row,) = response.context["plan"].rows
        assert row.status == "changed", row.errors
        assert row.changes == [("Region", "Shandong", "Shandong, China")]
        assert "Shandong, China" in response.text
        assert confirm(client, Organization, response).status_code == 302
        organization.refresh_from_db()
        assert organization.region == "Shandong, China"
        assert organization.name == "Weihai Sodium"


class TestMatching:
    def test_rows_find_their_records_by_alias_and_native_name(self, client, superuser):
        organization = make_organization(
            name="Huana Xinneng", native_name="华纳新能", aliases="Huana New Energy"
        )
        client.force_login(superuser)
        data = b"Name,Region\r\nHUANA NEW ENERGY,Shanxi\r\n"
        row = preview(client, Organization, data).context["plan"].rows[0]
        assert row.status == "changed" and row.instance == organization
        data = "Name,Region\r\n华纳新能,Shanxi\r\n".encode()
        row = preview(client, Organization, data).context["plan"].rows[0]
        assert row.instance == organization
        assert ("Name", "Huana Xinneng", "华纳新能") in row.changes

    def test_unmatched_parents_are_listed_and_nothing_is_created(self, client, superuser):
        make_organization(name="SAI Laboratory")
        client.force_login(superuser)
        data = b"Name,Parent organization\r\nLab A,SAI Laboratory\r\nLab B,Nowhere Institute\r\n"
        response = preview(client, Organization, data)
        assert statuses(response) == ["new", "rejected"]
        assert response.context["plan"].unmatched == {"Parent organization": ["Nowhere Institute"]}
        assert "Nowhere Institute" in response.text
        assert "the import creates none" in response.text.lower()
        assert "token" not in response.context
        assert not Organization.objects.filter(
            name__in=["Lab A", "Lab B", "Nowhere Institute"]
        ).exists()

    def test_a_parent_is_set_by_its_alias(self, client, superuser):
        parent = make_organization(name="Shenzhen Institute", aliases="SZI")
        client.force_login(superuser)
        response = preview(client, Organization, b"Name,Parent organization\r\nSZI Lab,szi\r\n")
        assert confirm(client, Organization, response).status_code == 302
        assert Organization.objects.get(name="SZI Lab").parent == parent

    def test_an_unknown_url_is_rejected_not_created(self, client, superuser):
        client.force_login(superuser)
        data = b"Name,URL\r\nGhost Co,http://testserver/organizations/ghost/\r\n"
        row = preview(client, Organization, data).context["plan"].rows[0]
        assert row.status == "rejected" and "no organization at" in row.errors[0]

    def test_a_record_given_twice_is_rejected_the_second_time(self, client, superuser):
        make_organization(name="Weihai Sodium")
        client.force_login(superuser)
        data = b"Name,Region\r\nWeihai Sodium,A\r\nweihai  sodium,B\r\nNew Co,\r\nNew Co,\r\n"
        response = preview(client, Organization, data)
        assert statuses(response) == ["changed", "rejected", "new", "rejected"]
        assert "as line 2" in response.context["plan"].rows[1].errors[0]
        assert "as line 4" in response.context["plan"].rows[3].errors[0]

    def test_bad_values_are_rejected_with_the_column_named(self, client, superuser):
        client.force_login(superuser)
        data = b"Name,Kind,Website\r\nA Co,Spaceship,\r\nB Co,Company,not a url\r\n,Company,\r\n"
        rows = preview(client, Organization, data).context["plan"].rows
        assert [r.status for r in rows] == ["rejected"] * 3
        assert rows[0].errors[0].startswith("Kind: “Spaceship” is not a kind")
        assert rows[1].errors[0].startswith("Website:")
        assert rows[2].errors[0].startswith("Name:")

    def test_an_empty_kind_is_rejected_and_the_stored_kind_kept(self, client, superuser):
        laboratory = make_organization(name="SAI Laboratory", kind="laboratory")
        client.force_login(superuser)
        data = b"Name,Kind\r\nSAI Laboratory,\r\nNew Co,\r\n"
        response = preview(client, Organization, data)
        rows = response.context["plan"].rows
        assert [r.status for r in rows] == ["rejected", "rejected"]
        assert rows[0].errors == [
            "Kind: a kind is required (leave the column out to keep it as stored)."
        ]
        assert "token" not in response.context
        laboratory.refresh_from_db()
        assert laboratory.kind == "laboratory"

    def test_kinds_are_read_by_label_or_value(self, client, superuser):
        client.force_login(superuser)
        data = b"Name,Kind\r\nA Lab,laboratory\r\nB Alliance,Association or alliance\r\n"
        response = preview(client, Organization, data)
        confirm(client, Organization, response)
        assert Organization.objects.get(name="A Lab").kind == "laboratory"
        assert Organization.objects.get(name="B Alliance").kind == "association"

    def test_new_slugs_avoid_stored_ones(self, client, superuser):
        make_organization(name="Other", slug="weihai-sodium")
        client.force_login(superuser)
        confirm(client, Organization, preview(client, Organization, b"Name\r\nWeihai Sodium\r\n"))
        assert Organization.objects.get(name="Weihai Sodium").slug == "weihai-sodium-2"


class TestQueries:
    def test_the_preview_costs_the_same_for_5_or_50_rows(self, client, superuser):
        parent = make_organization(name="Parent Institute")
        client.force_login(superuser)

        def queries(n):
            for i in range(n):
                make_organization(name=f"Stored {n}-{i}", parent=parent)
            lines = [f"Stored {n}-{i},Parent Institute,Region {i}" for i in range(n)]
            lines += [f"New {n}-{i},Parent Institute," for i in range(n)]
            data = ("Name,Parent organization,Region\r\n" + "\r\n".join(lines)).encode()
            with CaptureQueriesContext(connection) as captured:
                preview(client, Organization, data)
            return len(captured)

        assert queries(5) == queries(50)
