"""The forums CSV: dates and attendance figures as the pages show them."""

import datetime

import pytest

from tests.forums.factories import make_forum
from tests.support import read_csv


@pytest.mark.django_db
class TestForumsCsv:
    def test_dates_are_iso_and_lower_bounds_read_as_on_the_page(self, client):
        make_forum(
            title="Weihai forum",
            start_date=datetime.date(2025, 9, 25),
            attendees=500,
            attendees_is_lower_bound=True,
            online_viewers=16000,
        )

        header, row = read_csv(client.get("/forums/?format=csv"))
        record = dict(zip(header, row, strict=True))

        assert record["Start date"] == "2025-09-25"
        assert record["Attendees"] == "500+"
        assert record["Online viewers"] == "16000"
        assert record["End date"] == ""
