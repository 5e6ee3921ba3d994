"""The editors' dashboard: drafts, what is scheduled next, public records without a source."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.dashboard import SHOWN
from tests.evaluations.factories import make_batch
from tests.forums.factories import make_forum
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db

URL = "/admin/dashboard/"
HOUR = datetime.timedelta(hours=1)


def test_the_dashboard_lists_drafts_scheduled_and_unsourced_records(admin_client):
    now = timezone.now()
    make_forum(published=False, title="Draft forum")
    make_forum(published=False, title="Forum coming soon", publish_at=now + HOUR)
    make_standard(title="Standard going away", unpublish_at=now + 2 * HOUR)
    make_batch(source=None)  # published before the provenance rule
    make_forum(title="Public sourced forum")

    text = admin_client.get(URL).content.decode()

    assert "Draft forum" in text
    assert "Forum coming soon" in text
    assert "Standard going away" in text
    assert "Public without a source" in text
    assert "— batch" in text  # the sourceless batch, named by its program
    assert "Public sourced forum" not in text
    assert reverse("admin:forums_forum_changelist") in text


def test_the_admin_index_links_to_the_dashboard(admin_client):
    assert 'href="/admin/dashboard/"' in admin_client.get(reverse("admin:index")).content.decode()


def test_the_dashboard_is_for_staff_only(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    django_user_model.objects.create_user("reader", password="reader-password")
    client.login(username="reader", password="reader-password")
    assert "/admin/login/" in client.get(URL).get("Location", "")


def test_each_list_is_bounded():
    from django.contrib.auth.models import User

    from core.dashboard import dashboard_sections

    for _ in range(SHOWN + 3):
        make_forum(published=False)
    user = User(is_superuser=True, is_staff=True, is_active=True)
    (forums,) = [s for s in dashboard_sections(user) if s["name"] == "forums"]
    assert len(forums["drafts"]) == SHOWN


def test_the_dashboard_runs_the_same_queries_whatever_the_size(admin_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(URL).status_code == 200
        return len(queries)

    make_batch(published=False)
    small = count()
    now = timezone.now()
    for n in range(12):
        make_batch(published=False, publish_at=now + n * HOUR)
        make_forum(published=False, unpublish_at=now + 2 * HOUR, publish_at=now + HOUR)
        make_standard(source=None)
    assert count() == small
