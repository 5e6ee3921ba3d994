"""The standards CSV: public rows only."""

import pytest

from tests.standards.factories import make_standard
from tests.support import read_csv


@pytest.mark.django_db
class TestStandardsCsv:
    def test_public_standards_csv_leaves_out_drafts(self, client):
        make_standard(code="GB/T 1-2025", title="Published one")
        make_standard(code="GB/T 2-2025", title="Secret draft", published=False)

        rows = read_csv(client.get("/standards/?format=csv"))

        titles = [row[1] for row in rows[1:]]
        assert titles == ["Published one"]
