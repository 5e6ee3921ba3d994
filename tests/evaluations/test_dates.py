"""A date on every batch: its own, else (the source saying only "during the forum") its
forum's, shown with that wording, sorted and filtered by, in the CSV and the API."""

import datetime

import pytest

from core.models import Visibility
from evaluations.models import EvaluationBatch
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.forums.factories import make_forum
from tests.support import count_text, hrefs, read_csv_records, table_rows, text_of

GENERAL_BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"
NINGDE = "/organizations/ningde-times-new-energy-technology/"


@pytest.mark.django_db
class TestTheDemoBatches:
    """The article: three batches announced at the forum of 25 September 2025, no day given."""

    def test_year_filters_find_the_demo_batches_and_results(self, client, demo):
        batches = client.get("/evaluations/?year=2025")
        assert count_text(batches) == "3 batches"
        assert count_text(client.get("/evaluations/?year=2024")) == "0 batches"
        results = client.get("/evaluations/results/?year=2025")
        everything = client.get("/evaluations/results/")
        assert count_text(results) == count_text(everything)
        assert not count_text(results).startswith("0 ")

    def test_pages_show_the_forum_dates_with_that_wording(self, client, demo):
        batch_page = text_of(client.get(GENERAL_BATCH))
        assert (
            "Announced During 2025 Sodium Ion Battery Industry Chain and Standards "
            "Development Forum (2025-09-25; the source gives no exact day)" in batch_page
        )
        for url in ("/evaluations/", "/evaluations/results/", NINGDE):
            page = text_of(client.get(url))
            assert "During the forum, 2025-09-25" in page, url
        assert not any(row.endswith("—") for row in table_rows(client.get("/evaluations/")))

    def test_csv_gives_the_iso_date_and_where_it_comes_from(self, client, demo):
        for url in ("/evaluations/?format=csv", "/evaluations/results/?format=csv"):
            rows = read_csv_records(client.get(url))
            assert rows, url
            assert {(row["Announced on"], row["Announced on source"]) for row in rows} == {
                ("2025-09-25", "forum dates")
            }, url

    def test_api_gives_the_date_and_where_it_comes_from(self, client, demo):
        rows = client.get("/api/batches/").json()
        rows = rows["results"] if isinstance(rows, dict) else rows
        assert len(rows) == 3
        assert {(row["announced_on"], row["announced_on_source"]) for row in rows} == {
            ("2025-09-25", "forum dates")
        }

    def test_the_data_dictionary_explains_the_source_column(self, client, demo):
        text = text_of(client.get("/data/"))
        assert "Announced on source" in text
        assert '"forum dates"' in text


@pytest.mark.django_db
class TestTheEffectiveDate:
    def test_own_date_wins_over_the_forum(self):
        forum = make_forum(start_date=datetime.date(2025, 9, 25))
        batch = make_batch(announced_on=datetime.date(2025, 10, 3), announced_at=forum)
        assert batch.announced_on_effective == datetime.date(2025, 10, 3)
        assert batch.announced_on_source == "announcement"

    def test_no_date_and_no_forum_stays_empty(self, client):
        batch = make_batch()
        assert batch.announced_on_effective is None
        assert batch.announced_on_source is None
        row = read_csv_records(client.get("/evaluations/?format=csv"))[0]
        assert (row["Announced on"], row["Announced on source"]) == ("", "")

    def test_a_forum_of_two_days_shows_both(self, client):
        forum = make_forum(
            start_date=datetime.date(2025, 9, 25), end_date=datetime.date(2025, 9, 26)
        )
        batch = make_batch(announced_at=forum)
        assert "During the forum, 2025-09-25 to 2025-09-26" in text_of(client.get("/evaluations/"))
        assert "2025-09-25 to 2025-09-26; the source gives no exact day" in text_of(
            client.get(batch.get_absolute_url())
        )

    def test_the_forums_date_change_reaches_its_batches_in_one_update(
        self, client, django_assert_num_queries
    ):
        forum = make_forum(start_date=datetime.date(2025, 9, 25))
        batches = [make_batch(announced_at=forum) for _ in range(3)]
        dated = make_batch(announced_at=forum, announced_on=datetime.date(2025, 9, 1))
        forum.start_date = datetime.date(2026, 3, 2)
        forum.save()
        for batch in batches:
            batch.refresh_from_db()
            assert batch.announced_on_effective == datetime.date(2026, 3, 2)
        dated.refresh_from_db()
        assert dated.announced_on_effective == datetime.date(2025, 9, 1)
        found = hrefs(client.get("/evaluations/?year=2026"))
        assert all(batch.get_absolute_url() in found for batch in batches)
        assert dated.get_absolute_url() not in found
        # Saving a forum whose dates stand writes no batch row.
        updated_at = {b.pk: b.updated_at for b in EvaluationBatch.objects.all()}
        forum.save()
        assert {b.pk: b.updated_at for b in EvaluationBatch.objects.all()} == updated_at

    def test_a_draft_forums_date_stays_hidden_until_it_is_published(self, client):
        forum = make_forum(start_date=datetime.date(2031, 5, 6), published=False)
        batch = make_batch(announced_at=forum)
        make_result(batch=batch)
        assert batch.announced_on_effective is None
        assert count_text(client.get("/evaluations/?year=2031")) == "0 batches"
        assert "2031" not in text_of(client.get("/evaluations/"))
        forum.visibility = Visibility.PUBLIC
        forum.save()
        assert count_text(client.get("/evaluations/?year=2031")) == "1 batch"
        assert count_text(client.get("/evaluations/results/?year=2031")) == "1 result"
        forum.visibility = Visibility.DRAFT
        forum.save()
        assert count_text(client.get("/evaluations/?year=2031")) == "0 batches"

    def test_batches_sort_by_the_shown_date(self, client):
        program = make_program()
        forum = make_forum(start_date=datetime.date(2025, 6, 1))
        early = make_batch(program=program, announced_on=datetime.date(2025, 1, 1))
        at_forum = make_batch(program=program, announced_at=forum)
        late = make_batch(program=program, announced_on=datetime.date(2025, 12, 1))
        order = [
            url
            for url in hrefs(client.get("/evaluations/?sort=announced"))
            if url in {b.get_absolute_url() for b in (early, at_forum, late)}
        ]
        assert order == [b.get_absolute_url() for b in (early, at_forum, late)]
