"""Builders for forum series, editions, roles, sessions, talks and speakers.

Related rows are made only when the caller gives none, so no stray records appear in lists.
"""

import datetime

from core.models import Visibility
from directory.models import Person
from forums.models import (
    Forum,
    ForumSeries,
    OrganizerRole,
    OrganizerRoleKind,
    PersonRole,
    PersonRoleKind,
    Session,
    SessionKind,
    Talk,
    TalkSpeaker,
)
from tests.core.factories import make_source, next_number
from tests.directory.factories import make_organization, make_person


def make_series(**fields) -> ForumSeries:
    n = next_number()
    fields.setdefault("name", f"Forum series {n}")
    fields.setdefault("slug", f"series-{n}")
    return ForumSeries.objects.create(**fields)


def make_forum(*, published: bool = True, **fields) -> Forum:
    n = next_number()
    if "series" not in fields:
        fields["series"] = make_series()
    fields.setdefault("title", f"Forum {n}")
    if "source" not in fields:
        fields["source"] = make_source()
    fields.setdefault("slug", f"forum-{n}")
    fields.setdefault("start_date", datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return Forum.objects.create(**fields)


def make_session(**fields) -> Session:
    n = next_number()
    if "forum" not in fields:
        fields["forum"] = make_forum()
    fields.setdefault("title", f"Session {n}")
    fields.setdefault("kind", SessionKind.THEMATIC_FORUM)
    return Session.objects.create(**fields)


def make_talk(*, speaker: Person | None = None, organization=None, **fields) -> Talk:
    n = next_number()
    if "forum" not in fields:
        fields["forum"] = fields["session"].forum if fields.get("session") else make_forum()
    fields.setdefault("title", f"Talk {n}")
    talk = Talk.objects.create(**fields)
    if speaker or organization:
        TalkSpeaker.objects.create(talk=talk, person=speaker, organization=organization)
    return talk


def make_speaker(**fields) -> TalkSpeaker:
    if "talk" not in fields:
        fields["talk"] = make_talk()
    if "person" not in fields and "organization" not in fields:
        fields["person"] = make_person()
    return TalkSpeaker.objects.create(**fields)


def make_organizer_role(**fields) -> OrganizerRole:
    if "forum" not in fields:
        fields["forum"] = make_forum()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    fields.setdefault("role", OrganizerRoleKind.ORGANIZER)
    return OrganizerRole.objects.create(**fields)


def make_person_role(**fields) -> PersonRole:
    if "forum" not in fields:
        fields["forum"] = make_forum()
    if "person" not in fields:
        fields["person"] = make_person()
    fields.setdefault("role", PersonRoleKind.GUEST)
    return PersonRole.objects.create(**fields)
