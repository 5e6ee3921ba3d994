"""The shared CSV import (core.csv_import): files refused whole with a clear message and
nothing changed, the exporter's quoting undone exactly, and the preview/confirm steps
(signed token, all or nothing, the file's name in the history), through the
organizations' import.
"""

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from core import csv_import
from core.csv_import import FileRefused, restored, would_be_formula
from directory.imports import OrganizationImporter
from directory.models import Organization
from tests.admin_support import admin_url
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept_uploads(settings, tmp_path):
    """Uploads wait between preview and confirm in the test's own folder."""
    settings.CSV_IMPORT_DIR = str(tmp_path)


HEADER = "Name,Native name,Kind,Region\r\n"


def upload(client, data: bytes, name="organizations.csv"):
    return client.post(
        admin_url(Organization, "import_csv"),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


class TestRestored:
    @pytest.mark.parametrize("text", ["=1+1", "+86 10", "-2", "@x", "\tTAB", " =1", "＝1"])
    def test_the_exporters_quote_comes_off(self, text):
        assert restored("'" + text) == text

    @pytest.mark.parametrize("text", ["'s-Hertogenbosch", "'quoted'", "''"])
    def test_a_quote_the_exporter_did_not_add_stays(self, text):
        assert restored(text) == text

    def test_crlf_inside_a_cell_becomes_lf(self):
        assert restored("a\r\nb") == "a\nb"

    def test_formula_detection_matches_the_exporter(self):
        assert would_be_formula("=A1") and would_be_formula("\u3000+1")
        assert not would_be_formula("Weihai") and not would_be_formula("")


class TestRefusedFiles:
    """Each bad file: a 400 with the reason on the page, and no record changed."""

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"", "The file is empty."),
            (b"Name\r\nA\x00B\r\n", "NUL bytes"),
            ("Name\r\nWeihai Sodium\r\n".encode("utf-16"), "NUL bytes"),
            ("Name\r\n威海\r\n".encode("gbk"), "not UTF-8"),
            (b"Native name\r\nX\r\n", "Missing column: “Name”"),
            (b"Name,Colour\r\nX,red\r\n", "Unknown column: “Colour”"),
            (b"Name,name\r\nX,Y\r\n", "Column given twice"),
            (b"Name\r\n", "no rows to import"),
        ],
    )
    def test_bad_file(self, client, superuser, data, message):
        client.force_login(superuser)
        before = Organization.objects.count()
        response = upload(client, data)
        assert response.status_code == 400
        assert message in response.context["error"]
        assert message.split("“")[0] in response.text
        assert Organization.objects.count() == before

    def test_over_the_size_limit(self, client, superuser, monkeypatch):
        monkeypatch.setattr(csv_import, "MAX_BYTES", 100)
        monkeypatch.setattr("core.admin.MAX_BYTES", 100)
        client.force_login(superuser)
        response = upload(client, HEADER.encode() + b"A,,Company,\r\n" * 20)
        assert response.status_code == 400
        assert "Split it" in response.context["error"]
        assert not Organization.objects.filter(name="A").exists()

    def test_the_limit_is_five_megabytes(self):
        with pytest.raises(FileRefused, match="up to 5 MB"):
            csv_import.decoded(b"x" * (5 * 1024 * 1024 + 1))

    def test_no_file_chosen(self, client, superuser):
        client.force_login(superuser)
        response = client.post(admin_url(Organization, "import_csv"), {})
        assert response.status_code == 400
        assert "Choose a CSV file" in response.text


class TestPreviewAndConfirm:
    def test_a_formula_cell_is_rejected_and_nothing_can_be_imported(self, client, superuser):
        client.force_login(superuser)
        response = upload(
            client, HEADER.encode() + b"=HYPERLINK(1),,Company,\r\nFine Co,,Company,\r\n"
        )
        plan = response.context["plan"]
        assert [row.status for row in plan.rows] == ["rejected", "new"]
        assert "would run as a formula" in plan.rows[0].errors[0]
        assert "token" not in response.context
        assert "Nothing can be imported while a row is rejected" in response.text
        assert not Organization.objects.filter(name="Fine Co").exists()

    def test_confirm_applies_every_row_with_the_file_name_in_history(self, client, superuser):
        client.force_login(superuser)
        stored = make_organization(name="Weihai Sodium", region="")
        data = (
            HEADER.encode()
            + "Weihai Sodium,,Company,Shandong\r\nNew Cell Co,新电芯,Company,\r\n".encode()
        )
        preview = upload(client, data, name="november.csv")
        assert [r.status for r in preview.context["plan"].rows] == ["changed", "new"]
        assert preview.context["plan"].rows[0].changes == [("Region", "", "Shandong")]
        assert not Organization.objects.filter(name="New Cell Co").exists()
        response = client.post(
            admin_url(Organization, "import_csv"), {"token": preview.context["token"]}
        )
        assert response.status_code == 302
        assert not list(csv_import.upload_dir().iterdir()), "the kept file is deleted"
        stored.refresh_from_db()
        assert stored.region == "Shandong"
        created = Organization.objects.get(name="New Cell Co")
        assert created.native_name == "新电芯" and created.slug == "new-cell-co"
        for record in (stored, created):
            assert record.history.latest().history_change_reason == "Imported from november.csv"

    def test_confirm_refuses_if_the_records_changed_since_the_preview(self, client, superuser):
        client.force_login(superuser)
        stored = make_organization(name="Weihai Sodium", region="")
        preview = upload(client, HEADER.encode() + b"Weihai Sodium,,Company,Shandong\r\n")
        Organization.objects.filter(pk=stored.pk).update(region="Jiangsu")
        response = client.post(
            admin_url(Organization, "import_csv"), {"token": preview.context["token"]}
        )
        assert response.status_code == 409
        assert "changed since the preview" in response.context["error"]
        stored.refresh_from_db()
        assert stored.region == "Jiangsu"
        assert response.context["plan"].rows[0].changes == [("Region", "Jiangsu", "Shandong")]

    def test_an_altered_token_is_refused(self, client, superuser):
        client.force_login(superuser)
        preview = upload(client, HEADER.encode() + b"Fresh Co,,Company,\r\n")
        token = preview.context["token"]
        response = client.post(admin_url(Organization, "import_csv"), {"token": token + "x"})
        assert response.status_code == 400
        assert "altered" in response.context["error"]
        assert not Organization.objects.filter(name="Fresh Co").exists()

    def test_the_kept_file_edited_on_disk_is_refused(self, client, superuser):
        client.force_login(superuser)
        preview = upload(client, HEADER.encode() + b"Fresh Co,,Company,\r\n")
        token = preview.context["token"]
        payload = signing.loads(token, salt=csv_import.TOKEN_SALT)
        kept = csv_import.upload_dir() / payload["file"]
        assert kept.read_bytes() == HEADER.encode() + b"Fresh Co,,Company,\r\n"
        kept.write_bytes(HEADER.encode() + b"Evil Co,,Company,\r\n")
        response = client.post(admin_url(Organization, "import_csv"), {"token": token})
        assert response.status_code == 400
        assert "changed since the preview" in response.context["error"]
        assert not Organization.objects.filter(name__in=["Fresh Co", "Evil Co"]).exists()

    def test_one_failing_save_rolls_back_every_row(self, client, superuser, monkeypatch):
        client.force_login(superuser)
        preview = upload(client, HEADER.encode() + b"First Co,,Company,\r\nSecond Co,,Company,\r\n")
        saved = []

        def after_save(self, row, instance, reason):
            saved.append(instance.name)
            if len(saved) == 2:
                raise RuntimeError("disk full")

        monkeypatch.setattr(OrganizationImporter, "after_save", after_save)
        with pytest.raises(RuntimeError):
            client.post(admin_url(Organization, "import_csv"), {"token": preview.context["token"]})
        assert saved == ["First Co", "Second Co"]
        assert not Organization.objects.filter(name__in=saved).exists()


class TestPermissions:
    def test_anonymous_users_are_sent_to_log_in(self, client):
        response = client.get(admin_url(Organization, "import_csv"))
        assert response.status_code == 302
        assert "/login/" in response["Location"]

    def test_view_only_staff_get_403_and_no_button(self, client, django_user_model):
        from django.contrib.auth.models import Permission

        user = django_user_model.objects.create_user("viewer", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_organization"))
        client.force_login(user)
        assert client.get(admin_url(Organization, "import_csv")).status_code == 403
        response = upload(client, HEADER.encode() + b"Sneaky Co,,Company,\r\n")
        assert response.status_code == 403
        assert not Organization.objects.filter(name="Sneaky Co").exists()
        changelist = client.get(admin_url(Organization, "changelist"))
        assert changelist.status_code == 200
        assert "Import CSV" not in changelist.text

    def test_editors_see_the_button(self, client, editor):
        client.force_login(editor)
        changelist = client.get(admin_url(Organization, "changelist"))
        assert admin_url(Organization, "import_csv") in changelist.text
        assert client.get(admin_url(Organization, "import_csv")).status_code == 200
