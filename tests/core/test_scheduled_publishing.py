"""Scheduled publishing (manage.py publish_scheduled) and the provenance rule: nothing
is made public without a source."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.management.commands.publish_scheduled import publish_scheduled
from core.models import ContentVersion, Visibility
from evaluations.models import EvaluationBatch
from forums.models import Forum
from standards.models import Standard
from tests.evaluations.factories import make_batch
from tests.forums.factories import make_forum
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def run() -> str:
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out, stderr=out)
    return out.getvalue()


def test_due_records_are_published_and_others_are_not(client):
    now = timezone.now()
    due = make_forum(published=False, publish_at=now - HOUR)
    later = make_forum(published=False, publish_at=now + HOUR)
    unscheduled = make_forum(published=False)
    due_standard = make_standard(published=False, publish_at=now - HOUR)
    due_batch = make_batch(published=False, publish_at=now - HOUR)

    # Before the command runs, readers see nothing of the due record.
    assert client.get(due.get_absolute_url()).status_code == 404
    version_before = ContentVersion.current()[0]

    output = run()

    assert "3 published, 0 returned to draft, 0 refused." in output
    for record in (due, later, unscheduled, due_standard, due_batch):
        record.refresh_from_db()
    assert due.visibility == Visibility.PUBLIC and due.publish_at is None
    assert due.made_public_at is not None
    assert due_standard.is_public and due_batch.is_public
    assert later.visibility == Visibility.DRAFT and later.publish_at is not None
    assert unscheduled.visibility == Visibility.DRAFT
    assert ContentVersion.current()[0] > version_before
    assert client.get(due.get_absolute_url()).status_code == 200
    assert client.get(later.get_absolute_url()).status_code == 404
    reason = due.history.order_by("-history_date").first().history_change_reason
    assert reason.startswith("Published as scheduled for")


def test_the_page_cache_changes_when_the_command_publishes(client):
    forum = make_forum(published=False, publish_at=timezone.now() - HOUR)
    assert forum.title not in client.get(reverse("forums:forum_list")).content.decode()
    run()
    assert forum.title in client.get(reverse("forums:forum_list")).content.decode()


def test_due_records_are_unpublished():
    now = timezone.now()
    leaving = make_forum(unpublish_at=now - HOUR)
    staying = make_forum(unpublish_at=now + HOUR)

    assert "0 published, 1 returned to draft, 0 refused." in run()

    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert leaving.visibility == Visibility.DRAFT and leaving.unpublish_at is None
    assert staying.is_public and staying.unpublish_at is not None
    reason = leaving.history.order_by("-history_date").first().history_change_reason
    assert reason.startswith("Returned to draft as scheduled")


def test_both_times_past_ends_as_a_draft():
    now = timezone.now()
    forum = make_forum(published=False, publish_at=now - 2 * HOUR, unpublish_at=now - HOUR)
    run()
    forum.refresh_from_db()
    assert forum.visibility == Visibility.DRAFT
    assert forum.publish_at is None and forum.unpublish_at is None


def test_the_command_is_idempotent():
    now = timezone.now()
    forum = make_forum(published=False, publish_at=now - HOUR)
    run()
    forum.refresh_from_db()
    versions = forum.history.count()
    content_version = ContentVersion.current()[0]

    assert "0 published, 0 returned to draft, 0 refused." in run()
    assert publish_scheduled() == {"published": [], "unpublished": [], "refused": []}

    forum.refresh_from_db()
    assert forum.is_public
    assert forum.history.count() == versions
    assert ContentVersion.current()[0] == content_version


def test_the_command_refuses_a_record_without_a_source():
    forum = make_forum(published=False, source=None, publish_at=timezone.now() - HOUR)
    content_version = ContentVersion.current()[0]
    output = run()
    assert ContentVersion.current()[0] == content_version  # cached pages stay
    assert "0 published, 0 returned to draft, 1 refused." in output
    assert "Publishing needs a source" in output
    forum.refresh_from_db()
    assert forum.visibility == Visibility.DRAFT
    assert forum.publish_at is not None  # still scheduled, shown as overdue


def test_unpublish_must_come_after_publish():
    now = timezone.now()
    forum = make_forum(published=False, publish_at=now + 2 * HOUR, unpublish_at=now + HOUR)
    with pytest.raises(ValidationError) as refused:
        forum.full_clean()
    assert refused.value.message_dict["unpublish_at"] == [
        "Unpublishing must come after publishing."
    ]


@pytest.mark.parametrize(
    ("factory", "model"),
    [(make_forum, Forum), (make_standard, Standard), (make_batch, EvaluationBatch)],
)
def test_publishing_without_a_source_is_refused_by_clean(factory, model):
    record = factory(published=False, source=None)
    record.visibility = Visibility.PUBLIC
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert refused.value.message_dict["source"] == [
        f"Publishing needs a source: cite where this {model._meta.verbose_name}'s facts come from."
    ]
    record.visibility = Visibility.DRAFT
    record.publish_at = timezone.now() + HOUR
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "Scheduling publication needs a source" in refused.value.message_dict["publish_at"][0]


def test_a_record_published_before_the_rule_can_still_be_edited():
    forum = make_forum(source=None)
    forum.title = "Corrected title"
    forum.full_clean()  # no error: the dashboard lists it as published without a source


def test_the_publish_action_publishes_those_with_a_source_and_names_the_others(admin_client):
    sourced = make_forum(published=False, title="Sourced forum")
    sourceless = make_forum(published=False, title="Sourceless forum", source=None)
    response = admin_client.post(
        reverse("admin:forums_forum_changelist"),
        {"action": "publish", "_selected_action": [sourced.pk, sourceless.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "Published: 1 forum." in text
    assert "Not published, 1 forum without a source" in text
    assert "“Sourceless forum”" in text
    sourced.refresh_from_db()
    sourceless.refresh_from_db()
    assert sourced.is_public
    assert not sourceless.is_public


def test_the_admin_form_offers_the_schedule_and_says_when_it_takes_effect(admin_client):
    forum = make_forum(published=False)
    text = admin_client.get(reverse("admin:forums_forum_change", args=[forum.pk])).content.decode()
    assert 'name="publish_at_0"' in text and 'name="unpublish_at_0"' in text
    assert "until that run nothing changes for readers" in text
