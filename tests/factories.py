"""Small builders for test data: each makes a valid record with overridable fields."""

import datetime
import itertools

from core.models import PublicationStatus
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
    fields.setdefault("series", make_series())
    fields.setdefault("title", f"Forum {n}")
    fields.setdefault("slug", f"forum-{n}")
    fields.setdefault("start_date", datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault(
        "publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
    )
    return Forum.objects.create(**fields)


def make_session(**fields) -> Session:
    n = _next()
    fields.setdefault("forum", make_forum())
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
    fields.setdefault(
        "publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
    )
    return Standard.objects.create(**fields)


def make_milestone(**fields) -> StatusMilestone:
    fields.setdefault("standard", make_standard())
    fields.setdefault("status", StandardStatus.DRAFTING)
    fields.setdefault("date", datetime.date(2025, 3, 1))
    return StatusMilestone.objects.create(**fields)


def make_program(**fields) -> EvaluationProgram:
    n = _next()
    fields.setdefault("name", f"Program {n}")
    fields.setdefault("slug", f"program-{n}")
    return EvaluationProgram.objects.create(**fields)


def make_batch(*, published: bool = True, **fields) -> EvaluationBatch:
    fields.setdefault("program", make_program())
    fields.setdefault("number", _next())
    fields.setdefault(
        "publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
    )
    return EvaluationBatch.objects.create(**fields)


def make_result(**fields) -> EvaluationResult:
    fields.setdefault("batch", make_batch())
    fields.setdefault("organization", make_organization())
    fields.setdefault("outcome", Outcome.PASSED)
    return EvaluationResult.objects.create(**fields)
