"""Every public page runs the same number of queries whatever the size of the data.

For each page, data is built around one subject at a small size (2 related rows of
every kind the page shows) and the page's queries counted; then a second subject is
built at a larger size (12 of each) and its page must run exactly as many queries.
A page that queries once per row fails here with the list of its queries.

Each app's test_query_counts.py lists its pages; the data built here spans every app.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Visibility
from evaluations.models import EvaluationBatch, EvaluationResult, Outcome
from forums.models import (
    OrganizerRole,
    OrganizerRoleKind,
    PersonRole,
    PersonRoleKind,
    Session,
    SessionKind,
    Talk,
    TalkKind,
    TalkSpeaker,
)
from standards.models import DraftingRole, StandardLevel, StandardStatus, StatusMilestone
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_program
from tests.forums.factories import make_forum, make_series
from tests.standards.factories import make_committee, make_standard

SMALL = 2


LARGE = 12


STATUSES = list(StandardStatus)


def build(n: int, tag: str) -> dict:
    """One subject of each kind, with n related rows of every kind its page shows.

    Every record's name carries `tag`, so that a search for it finds n of each kind.
    """
    organization = make_organization(
        name=f"{tag} Company", slug=f"{tag}-company", aliases=f"{tag} Co", region=f"{tag} region"
    )
    person = make_person(name=f"{tag} Person", slug=f"{tag}-person", native_name=f"{tag}人")
    series = make_series(name=f"{tag} series", slug=f"{tag}-series")
    forum = make_forum(
        series=series,
        title=f"{tag} forum",
        slug=f"{tag}-forum",
        edition_number=1,
        attendees=500,
        attendees_is_lower_bound=True,
    )
    committee = make_committee(name=f"{tag} committee", organization=organization)
    standard = make_standard(
        code=f"T/{tag} 1-2025",
        title=f"{tag} standard",
        slug=f"{tag}-standard",
        issuing_body=organization,
        committee=committee,
        status=StandardStatus.IN_FORCE,
    )
    program = make_program(
        name=f"{tag} program",
        slug=f"{tag}-program",
        basis_standard=standard,
        laboratory=organization,
        operator=organization,
    )
    batch = EvaluationBatch.objects.create(
        program=program,
        number=1,
        slug=f"{tag}-batch",
        announced_on=datetime.date(2025, 9, 25),
        announced_at=forum,
        basis_standard=standard,
        visibility=Visibility.PUBLIC,
    )

    for i in range(n):
        other = make_organization(name=f"{tag} member {i}", parent=organization)
        speaker = make_person(name=f"{tag} speaker {i}")
        # Around the forum: roles, sessions, talks, guests and batches announced there.
        OrganizerRole.objects.create(
            forum=forum, organization=other, role=OrganizerRoleKind.CO_ORGANIZER, order=i
        )
        session = Session.objects.create(
            forum=forum,
            title=f"{tag} session {i}",
            kind=SessionKind.SUB_FORUM,
            convened_by=other,
            order=i,
        )
        session.organizations.add(organization, other)
        session.standards_discussed.add(standard)
        committee.meetings.add(session)
        talk = Talk.objects.create(
            forum=forum,
            session=session if i % 2 else None,
            title=f"{tag} talk {i}",
            kind=TalkKind.REPORT,
            order=i,
        )
        TalkSpeaker.objects.create(talk=talk, person=person, organization=organization, order=0)
        TalkSpeaker.objects.create(talk=talk, person=speaker, organization=other, order=1)
        talk.standards_discussed.add(standard)
        role = PersonRole.objects.create(
            forum=forum, person=speaker, role=PersonRoleKind.GUEST, organization=other
        )
        role.sessions.add(session)
        other_program = make_program(
            name=f"{tag} other program {i}", basis_standard=standard, laboratory=other
        )
        announced = EvaluationBatch.objects.create(
            program=other_program,
            number=1,
            announced_at=forum,
            announced_on=datetime.date(2025, 9, 25),
            visibility=Visibility.PUBLIC,
        )
        # The batch page: its results and the program's other batches.
        EvaluationResult.objects.create(
            batch=batch, organization=other, outcome=Outcome.PASSED, order=i
        )
        EvaluationBatch.objects.create(program=program, number=i + 2, visibility=Visibility.PUBLIC)
        # The organization page: results in several programs, standards, roles elsewhere.
        EvaluationResult.objects.create(
            batch=announced, organization=organization, outcome=Outcome.PARTICIPATED
        )
        drafted = make_standard(
            code=f"T/{tag} D{i}-2025",
            title=f"{tag} drafted {i}",
            issuing_body=organization,
            status=STATUSES[i % len(STATUSES)],
            level=StandardLevel.NATIONAL,
        )
        DraftingRole.objects.create(standard=drafted, organization=organization, is_lead=i == 0)
        DraftingRole.objects.create(standard=standard, organization=other, order=i)
        elsewhere = make_forum(title=f"{tag} forum {i}", series=series, edition_number=i + 2)
        OrganizerRole.objects.create(
            forum=elsewhere, organization=organization, role=OrganizerRoleKind.HOST
        )
        elsewhere_role = PersonRole.objects.create(
            forum=elsewhere,
            person=person,
            role=PersonRoleKind.MODERATOR,
            organization=organization,
            position=f"Position {i}",
        )
        elsewhere_session = Session.objects.create(
            forum=elsewhere, title=f"{tag} panel {i}", kind=SessionKind.THEMATIC_FORUM
        )
        elsewhere_session.organizations.add(organization)
        elsewhere_role.sessions.add(elsewhere_session)
        # The standard page: its timeline, editions and the programs using it.
        StatusMilestone.objects.create(
            standard=standard,
            status=STATUSES[i % len(STATUSES)],
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
        )
        standard.replaces.add(make_standard(title=f"{tag} older {i}"))
        standard.replaced_by.add(make_standard(title=f"{tag} newer {i}"))

    return {
        "tag": tag,
        "organization": organization,
        "person": person,
        "forum": forum,
        "standard": standard,
        "batch": batch,
    }


@dataclass
class Page:
    name: str
    url: Callable[[dict], str]
    # Evidence that the large page really shows the large data: a pattern that must
    # occur at least `at_least` times in it. Without it, a page that shows nothing passes.
    shows: str | None = None
    staff: bool = False
    at_least: int = LARGE


def fetch(client, url) -> str:
    """The page's body, rendered afresh; a streamed download is read in full.

    The cache is emptied first: what is measured is the page's own work, not a copy.
    """
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page: Page):
    """The page runs as many queries around the large subject as around the small one."""
    if page.staff:
        client.force_login(editor)
    small = build(SMALL, "alpha")
    small_url = page.url(small)
    fetch(client, small_url)  # Warm up: anything cached per process is loaded now.
    with CaptureQueriesContext(connection) as small_queries:
        fetch(client, small_url)

    large = build(LARGE, "omega")
    if page.staff:
        for record in (large["forum"], large["standard"], large["batch"]):
            record.visibility = Visibility.DRAFT
            record.save()
    with django_assert_num_queries(len(small_queries)):
        body = fetch(client, page.url(large))

    if page.shows:
        assert len(re.findall(page.shows, body)) >= page.at_least, (
            f"the {page.name} page does not show the larger data"
        )
    if page.staff:
        assert "banner-draft" in body
