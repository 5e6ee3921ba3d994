"""The Atom feed of new and changed evaluation batches."""

import datetime

import pytest

from tests.evaluations.factories import make_batch, make_program
from tests.feeds_support import alternates, read_feed
from tests.support import link_to


@pytest.mark.django_db
class TestBatchFeed:
    def test_new_and_changed_batches_newest_change_first_without_drafts(self, client):
        program = make_program(name="General evaluation", slug="general")
        older = make_batch(program=program, number=5, announced_on=datetime.date(2024, 9, 1))
        newer = make_batch(program=program, number=6, announced_on=datetime.date(2025, 9, 25))
        make_batch(program=program, number=7, slug="secret-batch", published=False)
        feed = read_feed(client, "/evaluations/feed.atom")
        assert [e.title for e in feed.entries] == [
            "General evaluation, batch 6, announced 2025-09-25",
            "General evaluation, batch 5, announced 2024-09-01",
        ]
        # A change brings the older batch to the top, with the same id.
        older.notes = "Corrected list"
        older.save()
        changed = read_feed(client, "/evaluations/feed.atom")
        assert changed.entries[0].id == f"tag:sodium-registry,2026:evaluation-batch/{older.pk}"
        assert changed.entries[0].summary == "Corrected list"
        assert changed.entries[1].id == f"tag:sodium-registry,2026:evaluation-batch/{newer.pk}"
        assert "secret" not in str(changed).lower()

    def test_linked_from_the_batch_list_and_each_batch(self, client, db):
        make_batch(slug="a-batch")
        for url in ("/evaluations/", "/evaluations/a-batch/"):
            response = client.get(url)
            assert alternates(response)["application/atom+xml"] == ["/evaluations/feed.atom"]
            assert link_to(response, "/evaluations/feed.atom")
