"""Forums, their roles, sessions and talks: constraints, visibility, names and links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import Visibility
from forums.models import Forum, OrganizerRole, OrganizerRoleKind, Talk, TalkSpeaker
from tests.directory.factories import make_organization, make_person
from tests.forums.factories import make_forum, make_series, make_session, make_talk
from tests.support import refused_by_database

pytestmark = pytest.mark.django_db


class TestForumConstraints:
    def test_end_date_before_start_date_is_refused(self):
        refused_by_database(
            lambda: make_forum(
                start_date=datetime.date(2025, 9, 25), end_date=datetime.date(2025, 9, 24)
            )
        )
        assert not Forum.objects.exists()

    def test_a_one_day_forum_may_end_on_its_start_date_or_have_no_end_date(self):
        make_forum(start_date=datetime.date(2025, 9, 25), end_date=datetime.date(2025, 9, 25))
        make_forum(start_date=datetime.date(2025, 9, 25), end_date=None)
        assert Forum.objects.count() == 2

    @pytest.mark.parametrize("field", ["attendees", "attending_organizations", "online_viewers"])
    def test_attendance_figures_cannot_be_negative(self, field):
        refused_by_database(lambda: make_forum(**{field: -1}))
        assert make_forum(**{field: 0}).pk

    def test_edition_number_is_unique_within_a_series(self):
        series = make_series()
        make_forum(series=series, edition_number=4)
        refused_by_database(lambda: make_forum(series=series, edition_number=4))
        # Unknown editions (no number) do not clash with each other.
        make_forum(series=series, edition_number=None)
        make_forum(series=series, edition_number=None)
        assert series.editions.count() == 3

    def test_slugs_are_unique(self):
        make_forum(slug="weihai-2025")
        refused_by_database(lambda: make_forum(slug="weihai-2025"))

    def test_an_organization_has_one_role_of_a_kind_per_forum(self):
        forum, organization = make_forum(), make_organization()
        OrganizerRole.objects.create(
            forum=forum, organization=organization, role=OrganizerRoleKind.HOST
        )
        refused_by_database(
            lambda: OrganizerRole.objects.create(
                forum=forum, organization=organization, role=OrganizerRoleKind.HOST
            )
        )

    def test_a_speaker_is_a_person_or_an_organization(self):
        talk = make_talk()
        refused_by_database(lambda: TalkSpeaker.objects.create(talk=talk))
        TalkSpeaker.objects.create(talk=talk, organization=make_organization())
        assert talk.speakers.count() == 1

    def test_a_person_speaks_once_per_talk(self):
        talk, person = make_talk(), make_person()
        TalkSpeaker.objects.create(talk=talk, person=person)
        refused_by_database(lambda: TalkSpeaker.objects.create(talk=talk, person=person))


class TestChildrenFollowTheirParent:
    def test_sessions_talks_roles_and_speakers_follow_their_forum(self):
        forum = make_forum(published=False)
        session = make_session(forum=forum)
        talk = make_talk(session=session, speaker=make_person())
        role = OrganizerRole.objects.create(
            forum=forum, organization=make_organization(), role=OrganizerRoleKind.HOST
        )
        children = [session, talk, talk.speakers.get(), role]
        assert not any(child.is_public for child in children)

        forum.visibility = Visibility.PUBLIC
        forum.save()
        for child in children:
            child.refresh_from_db()
        assert all(child.is_public for child in children)


class TestRecords:
    def test_names_read_as_people_write_them(self):
        organization = make_organization(name="SAI Laboratory")
        role = OrganizerRole.objects.create(
            forum=make_forum(), organization=organization, role=OrganizerRoleKind.CO_ORGANIZER
        )
        assert str(role) == "SAI Laboratory — Co-organizer"

    def test_public_records_link_to_their_pages(self):
        forum = make_forum(slug="weihai-2025")
        session = make_session(forum=forum)
        talk = make_talk(session=session)
        assert forum.get_absolute_url() == "/forums/weihai-2025/"
        assert session.get_absolute_url() == f"/forums/weihai-2025/#session-{session.pk}"
        assert talk.get_absolute_url() == f"/forums/weihai-2025/#talk-{talk.pk}"

    def test_a_talk_under_a_session_belongs_to_its_forum(self):
        session = make_session()
        talk = Talk.objects.create(session=session, title="Keynote")
        assert talk.forum == session.forum

    def test_a_talk_cannot_sit_in_another_forum_session(self):
        talk = make_talk(forum=make_forum())
        talk.session = make_session(forum=make_forum())
        with pytest.raises(ValidationError) as raised:
            talk.full_clean()
        assert "session" in raised.value.message_dict
