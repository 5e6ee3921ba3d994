"""Small builders for test data: each makes a valid record with overridable fields."""

import datetime
import itertools

from core.models import Visibility
from directory.models import Organization, OrganizationKind, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import Forum, ForumSeries, Session, SessionKind, Talk, TalkSpeaker
from standards.models import Standard, StandardLevel, StandardStatus, StatusMilestone

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_organization(**fields) -> Organization:
    n = _next()
    fields.setdefault("name", f"Organization {n}")
    fields.setdefault("slug", f"organization-{n}")
    fields.setdefault("kind", OrganizationKind.COMPANY)
    return Organization.objects.create(**fields)


def make_person(**fields) -> Person:
    n = _next()
    fields.setdefault("name", f"Person {n}")
    fields.setdefault("slug", f"person-{n}")
    return Person.objects.create(**fields)


def make_series(**fields) -> ForumSeries:
    n = _next()
    fields.setdefault("name", f"Forum series {n}")
    fields.setdefault("slug", f"series-{n}")
    return ForumSeries.objects.create(**fields)


def make_forum(*, published: bool = True, **fields) -> Forum:
    n = _next()
    if "series" not in fields:
        fields["series"] = make_series()
    fields.setdefault("title", f"Forum {n}")
    fields.setdefault("slug", f"forum-{n}")
    fields.setdefault("start_date", datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return Forum.objects.create(**fields)


def make_session(**fields) -> Session:
    n = _next()
    if "forum" not in fields:
        fields["forum"] = make_forum()
    fields.setdefault("title", f"Session {n}")
    fields.setdefault("kind", SessionKind.THEMATIC_FORUM)
    return Session.objects.create(**fields)


def make_talk(*, speaker: Person | None = None, organization=None, **fields) -> Talk:
    n = _next()
    if "forum" not in fields:
        fields["forum"] = fields["session"].forum if fields.get("session") else make_forum()
    fields.setdefault("title", f"Talk {n}")
    talk = Talk.objects.create(**fields)
    if speaker or organization:
        TalkSpeaker.objects.create(talk=talk, person=speaker, organization=organization)
    return talk


def make_standard(*, published: bool = True, **fields) -> Standard:
    n = _next()
    fields.setdefault("code", f"T/TEST {n}—2025")
    fields.setdefault("title", f"Standard {n}")
    fields.setdefault("slug", f"standard-{n}")
    fields.setdefault("level", StandardLevel.GROUP)
    fields.setdefault("status", StandardStatus.PUBLISHED)
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return Standard.objects.create(**fields)


def make_milestone(**fields) -> StatusMilestone:
    if "standard" not in fields:
        fields["standard"] = make_standard()
    fields.setdefault("status", StandardStatus.DRAFTING)
    fields.setdefault("date", datetime.date(2025, 3, 1))
    return StatusMilestone.objects.create(**fields)


def make_program(**fields) -> EvaluationProgram:
    n = _next()
    fields.setdefault("name", f"Program {n}")
    fields.setdefault("slug", f"program-{n}")
    return EvaluationProgram.objects.create(**fields)


def make_batch(*, published: bool = True, **fields) -> EvaluationBatch:
    if "program" not in fields:
        fields["program"] = make_program()
    fields.setdefault("number", _next())
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return EvaluationBatch.objects.create(**fields)


def make_result(**fields) -> EvaluationResult:
    if "batch" not in fields:
        fields["batch"] = make_batch()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    fields.setdefault("outcome", Outcome.PASSED)
    return EvaluationResult.objects.create(**fields)


# Builders for the related rows that detail pages show (added for the public-page tests).
# Defaults are made only when the caller gives none, so no stray records appear in lists.


def make_committee(**fields):
    from standards.models import Committee

    n = _next()
    fields.setdefault("name", f"Committee {n}")
    fields.setdefault("slug", f"committee-{n}")
    return Committee.objects.create(**fields)


def make_drafting_role(**fields):
    from standards.models import DraftingRole

    if "standard" not in fields:
        fields["standard"] = make_standard()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    return DraftingRole.objects.create(**fields)


def make_organizer_role(**fields):
    from forums.models import OrganizerRole, OrganizerRoleKind

    if "forum" not in fields:
        fields["forum"] = make_forum()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    fields.setdefault("role", OrganizerRoleKind.ORGANIZER)
    return OrganizerRole.objects.create(**fields)


def make_person_role(**fields):
    from forums.models import PersonRole, PersonRoleKind

    if "forum" not in fields:
        fields["forum"] = make_forum()
    if "person" not in fields:
        fields["person"] = make_person()
    fields.setdefault("role", PersonRoleKind.GUEST)
    return PersonRole.objects.create(**fields)


def make_speaker(**fields) -> TalkSpeaker:
    if "talk" not in fields:
        fields["talk"] = make_talk()
    if "person" not in fields and "organization" not in fields:
        fields["person"] = make_person()
    return TalkSpeaker.objects.create(**fields)
