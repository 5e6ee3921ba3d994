"""The forums admin: search, deleting sessions, and bad input on the forum, talk and
organizer forms."""

import datetime

import pytest

from core.models import Visibility
from forums.models import Forum, OrganizerRole, Session, Talk
from tests.admin_support import (
    AdminSearch,
    add_rows,
    admin_url,
    assert_refused,
    draft_record,
    errors_of,
    first,
    inline_prefix,
    published_record,
    submitted,
)

pytestmark = pytest.mark.django_db


class TestSearch(AdminSearch):
    def test_forums_by_native_title(self, client, content, editor):
        client.force_login(editor)
        forum = Forum.objects.get(slug="2025-weihai-sodium-ion-battery-forum")
        Forum.objects.filter(pk=forum.pk).update(native_title="2025钠离子电池产业链与标准发展论坛")
        assert self.search(client, Forum, "钠离子电池") == [forum]


def test_editor_cannot_delete_a_session_of_a_published_forum(client, editor):
    published_session = published_record(Forum).sessions.get()
    draft_session = draft_record(Forum).sessions.get()
    client.force_login(editor)
    url = admin_url(Session, "delete", published_session.pk)
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Session.objects.filter(pk=published_session.pk).exists()
    url = admin_url(Session, "delete", draft_session.pk)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Session.objects.filter(pk=draft_session.pk).exists()


@pytest.fixture
def forum_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(Forum, "add")
    page = client.get(url)
    data = submitted(page)
    data.update(
        series=str(first(Forum).series_id),
        title="2026 Sodium Ion Battery Forum",
        slug="2026-sodium-ion-battery-forum",
        start_date="2026-09-24",
        end_date="2026-09-26",
        city="Weihai",
    )
    return url, data


class TestBadInput:
    def test_a_good_forum_is_saved(self, client, forum_form):
        url, data = forum_form
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        forum = Forum.objects.get(slug="2026-sodium-ion-battery-forum")
        assert forum.end_date == datetime.date(2026, 9, 26)
        assert forum.visibility == Visibility.DRAFT

    def test_forum_end_date_before_start_date(self, client, forum_form):
        url, data = forum_form
        data["end_date"] = "2026-09-23"
        assert_refused(
            client.post(url, data), "end_date", "The end date cannot be before the start date."
        )
        assert Forum.objects.count() == 2

    def test_nul_character_in_a_title(self, client, forum_form):
        url, data = forum_form
        data["title"] = "2026 Sodium\x00 Forum"
        assert_refused(client.post(url, data), "title", "Null characters are not allowed.")
        assert Forum.objects.count() == 2

    def test_nul_character_in_long_text(self, client, forum_form):
        url, data = forum_form
        data["summary"] = "Opened\x00 in Weihai."
        assert_refused(client.post(url, data), "summary", "Null characters are not allowed.")
        assert Forum.objects.count() == 2

    def test_title_longer_than_allowed(self, client, forum_form):
        url, data = forum_form
        data["title"] = "钠" * 301
        assert_refused(
            client.post(url, data), "title", "Ensure this value has at most 300 characters"
        )
        assert Forum.objects.count() == 2

    def test_slug_already_taken(self, client, forum_form):
        url, data = forum_form
        data["slug"] = "2025-weihai-sodium-ion-battery-forum"
        assert_refused(client.post(url, data), "slug", "Forum with this Slug already exists.")
        assert Forum.objects.count() == 2

    def test_negative_attendance(self, client, forum_form):
        url, data = forum_form
        data["attendees"] = "-1"
        assert_refused(
            client.post(url, data), "attendees", "Ensure this value is greater than or equal to 0."
        )
        assert Forum.objects.count() == 2

    def test_duplicate_edition_in_a_series(self, client, forum_form):
        url, data = forum_form
        data["edition_number"] = "4"
        assert_refused(
            client.post(url, data),
            "__all__",
            "This series already has an edition with that number.",
        )
        assert Forum.objects.count() == 2

    def test_a_speaker_row_naming_nobody(self, client, content, staff):
        client.force_login(staff)
        talk = Talk.objects.filter(kind="keynote_report").get()
        url = admin_url(Talk, "change", talk.pk)
        page = client.get(url)
        prefix = inline_prefix(page, talk.speakers.model)
        data = add_rows(submitted(page), prefix, [{"position": "Professor", "order": "1"}])
        assert_refused(
            client.post(url, data), f"{prefix}:__all__", "Name a person, an organization, or both."
        )
        assert talk.speakers.count() == 1

    def test_an_organizer_listed_twice_in_the_same_role(self, client, content, staff):
        client.force_login(staff)
        forum = Forum.objects.get(slug="2025-weihai-sodium-ion-battery-forum")
        url = admin_url(Forum, "change", forum.pk)
        page = client.get(url)
        prefix = inline_prefix(page, OrganizerRole)
        host = forum.organizer_roles.get(role="host")
        data = add_rows(
            submitted(page),
            prefix,
            [{"organization": str(host.organization_id), "role": "host", "order": "5"}],
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert f"{prefix}:__all__" in errors_of(response)
        assert forum.organizer_roles.count() == 3
