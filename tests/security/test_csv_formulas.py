"""CSV cells a spreadsheet would run as formulas are neutralized with a leading quote,
through real exports (the database computes every cell), read back as a spreadsheet
reads them."""

import csv
import io

import pytest

from core.csv_export import BYTE_ORDER_MARK
from core.models import Source
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db

FORMULAS = [
    "=1+1",
    "\n=1+1",  # a line break first: the finding
    '\r\n=HYPERLINK("http://x")',
    "\r=1+1",
    " =1+1",
    "\t=1+1",
    "  \n\t +SUM(A1:A2)",
    "\u00a0-2+3",  # no-break space
    "\u3000@SUM(A1)",  # ideographic space, as Chinese text has
    "\u2028=1",  # line separator
    "\u200b=1",  # zero-width space
    "＝1+1",  # full-width forms
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\u3000＝1",
]
ORDINARY = ["Ningde Times", "  Ningde Times", "\nSecond line first", "A = B", "Na-ion", "１０"]


def spreadsheet_cell(stored: str) -> str:
    """What the exports send for stored text: every line break as CRLF."""
    return stored.replace("\r\n", "\n").replace("\n", "\r\n")


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(raw.removeprefix(BYTE_ORDER_MARK), newline="")))


def public_download(client, admin_client, text: str) -> str:
    make_organization(name=text)
    (row,) = read_csv(client.get("/organizations/?format=csv"))
    return row["Name"]


def admin_export(client, admin_client, text: str) -> str:
    make_organization(name=text)
    (row,) = read_csv(admin_client.get("/admin/directory/organization/export-csv/"))
    return row["Name"]


def admin_generic_export(client, admin_client, text: str) -> str:
    """A model with no exporter of its own: the columns made from its fields."""
    source = Source.objects.create(title=text)
    response = admin_client.post(
        "/admin/core/source/", {"action": "export_selected_csv", "_selected_action": [source.pk]}
    )
    (row,) = read_csv(response)
    return row["Title"]


EXPORTS = [public_download, admin_export, admin_generic_export]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.__name__)
@pytest.mark.parametrize("text", FORMULAS, ids=repr)
def test_formulas_get_a_leading_quote(client, admin_client, export, text):
    assert export(client, admin_client, text) == "'" + spreadsheet_cell(text)


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.__name__)
@pytest.mark.parametrize("text", ORDINARY, ids=repr)
def test_ordinary_text_is_untouched(client, admin_client, export, text):
    assert export(client, admin_client, text) == spreadsheet_cell(text)
