"""Synthetic forum series and forums, with their organizers, agenda, talks and guests."""

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

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
    TalkKind,
    TalkSpeaker,
)

from .base import Builder, ordinal
from .directory import Directory
from .marks import SYNTHETIC_PREFIX
from .plan import NATIVE_NAME_SHARE, PUBLISHED_SHARE
from .vocabulary import CITIES, FORUM_SERIES, POSITIONS, SESSION_PLAN, SHOWCASE, TOPICS, VENUES


@dataclass
class Agenda:
    """The rows of the forums' programmes, and what later stages link to."""

    organizer_roles: list[OrganizerRole] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    person_roles: list[PersonRole] = field(default_factory=list)
    session_orgs: list[tuple[int, int]] = field(default_factory=list)
    wg_sessions: list[int] = field(default_factory=list)
    discussion_sessions: list[int] = field(default_factory=list)
    talk_pks: list[int] = field(default_factory=list)


def series(b: Builder) -> list[ForumSeries]:
    rows = []
    for index in range(b.counts["forum_series"]):
        name, native = FORUM_SERIES[index % len(FORUM_SERIES)]
        if index >= len(FORUM_SERIES):
            name, native = f"{name} ({index // len(FORUM_SERIES) + 1})", native
        rows.append(
            ForumSeries(
                name=name,
                native_name=native,
                slug=f"{SYNTHETIC_PREFIX}series-{slugify(name)[:120]}-{index + 1}",
                description=f"A recurring meeting of the sodium-ion battery industry: {name}.",
            )
        )
    return b.save(ForumSeries, rows, "Forum series")


def forums(b: Builder) -> list[Forum]:
    """The series and their editions: two a year, the latest around now (a few ahead)."""
    all_series = series(b)
    n_series, n_forums = len(all_series), b.counts["forums"]
    per_series = [
        n_forums // n_series + (1 if i < n_forums % n_series else 0) for i in range(n_series)
    ]
    rows = []
    for series_obj, editions in zip(all_series, per_series, strict=True):
        for edition in range(1, editions + 1):
            rows.append(forum(b, series_obj, edition, editions))
    return b.save(Forum, rows)


def forum(b: Builder, series_obj: ForumSeries, edition: int, editions: int) -> Forum:
    months_back = (editions - edition) * 6 - b.rng.randint(0, 4)
    start = b.today - datetime.timedelta(days=30 * months_back + b.rng.randint(0, 20))
    city, _, region = b.rng.choice(CITIES)
    title = f"The {ordinal(edition)} {series_obj.name}"
    attendees = b.rng.randrange(150, 1500, 50)
    return Forum(
        series=series_obj,
        edition_number=edition,
        title=title,
        native_title=b.native(
            f"第{edition}届{series_obj.native_name}", NATIVE_NAME_SHARE["titles"]
        ),
        slug=f"{SYNTHETIC_PREFIX}{slugify(series_obj.name)[:100]}-{edition}-{start.year}-{series_obj.slug.rsplit('-', 1)[1]}",
        start_date=start,
        end_date=start + datetime.timedelta(days=b.rng.choice([1, 1, 2]))
        if b.chance(0.6)
        else None,
        city=city,
        region=region,
        venue=f"{city} {b.rng.choice(VENUES)}",
        attendees=attendees,
        attendees_is_lower_bound=b.chance(0.5),
        attending_organizations=b.rng.randrange(30, 300, 10) if b.chance(0.7) else None,
        attending_organizations_is_lower_bound=b.chance(0.5),
        online_viewers=b.rng.randrange(1000, 200_000, 1000) if b.chance(0.3) else None,
        online_viewers_is_lower_bound=b.chance(0.7),
        summary=(
            f"The {ordinal(edition)} edition met in {city} with {attendees} representatives "
            f"of companies, institutes and agencies to discuss sodium-ion battery "
            f"materials, cells, applications and standards."
        ),
        source=b.source,
        **b.visibility(PUBLISHED_SHARE["forums"], start),
    )


def forum_children(b: Builder, forum_objs: list[Forum], d: Directory) -> Agenda:
    """Each forum's organizers, sessions, talks (with speakers), moderators and guests."""
    agenda = Agenda()
    for forum_obj in forum_objs:
        agenda.organizer_roles.extend(organizer_roles(b, forum_obj, d))
        forum_obj._sessions = sessions(b, forum_obj, d)
        agenda.sessions.extend(forum_obj._sessions)
    b.save(OrganizerRole, agenda.organizer_roles, "Organizer roles")
    b.save(Session, agenda.sessions, "Sessions")
    for forum_obj in forum_objs:
        programme(b, forum_obj, d, agenda)
        agenda.person_roles.extend(person_roles(b, forum_obj, d))
    b.save(Talk, agenda.talks, "Talks")
    speakers = talk_speakers(b, agenda.talks, d)
    agenda.talk_pks = [t.pk for t in agenda.talks]
    b.save(TalkSpeaker, speakers, "Talk speakers")
    b.save(PersonRole, agenda.person_roles, "Person roles")
    moderator_sessions = [
        (person_role.pk, s.pk) for person_role in agenda.person_roles for s in person_role._sessions
    ]
    b.save_links(
        Session.organizations.through,
        agenda.session_orgs,
        ["session_id", "organization_id"],
        "Session organizations",
    )
    b.save_links(
        PersonRole.sessions.through,
        moderator_sessions,
        ["personrole_id", "session_id"],
        "Moderated sessions",
    )
    return agenda


def organizer_roles(b: Builder, forum_obj: Forum, d: Directory) -> list[OrganizerRole]:
    """One organizer, co-organizers, a host, supporters; each organization once."""
    kinds = [
        OrganizerRoleKind.ORGANIZER,
        OrganizerRoleKind.CO_ORGANIZER,
        OrganizerRoleKind.HOST,
    ]
    kinds += b.rng.sample(
        [
            OrganizerRoleKind.CO_ORGANIZER,
            OrganizerRoleKind.CO_HOST,
            OrganizerRoleKind.SUPPORTER,
            OrganizerRoleKind.SUPPORTER,
        ],
        b.rng.randint(0, 3),
    )
    orgs = b.rng.sample(d.bodies, min(len(kinds), len(d.bodies)))
    return [
        OrganizerRole(forum=forum_obj, organization_id=org.pk, role=kind, order=order)
        for order, (kind, org) in enumerate(zip(kinds, orgs, strict=False))
    ]


def sessions(b: Builder, forum_obj: Forum, d: Directory) -> list[Session]:
    """Every session of SESSION_PLAN; meetings are convened by a body."""
    rows = []
    for order, (kind, title, native, _) in enumerate(SESSION_PLAN):
        convened = (
            b.rng.choice(d.bodies).pk
            if kind in (SessionKind.STANDARDS_DISCUSSION, SessionKind.WORKING_GROUP_MEETING)
            else None
        )
        rows.append(
            Session(
                forum=forum_obj,
                title=title,
                native_title=b.native(native, NATIVE_NAME_SHARE["titles"]),
                kind=kind,
                date=forum_obj.start_date
                + datetime.timedelta(days=1 if order >= 3 and forum_obj.end_date else 0),
                order=order,
                convened_by_id=convened,
                description=f"{title} of the {forum_obj.title}.",
            )
        )
    return rows


def programme(b: Builder, forum_obj: Forum, d: Directory, agenda: Agenda) -> None:
    """The talks of each session (and a few the source places nowhere); site visits."""
    order = 0
    for session, (kind, _, _, talk_kinds) in zip(forum_obj._sessions, SESSION_PLAN, strict=False):
        if kind == SessionKind.SITE_VISIT:
            visited = d.companies or d.orgs
            for org in b.rng.sample(visited, min(3, len(visited))):
                agenda.session_orgs.append((session.pk, org.pk))
        if kind == SessionKind.WORKING_GROUP_MEETING:
            agenda.wg_sessions.append(session.pk)
        if kind == SessionKind.STANDARDS_DISCUSSION:
            agenda.discussion_sessions.append(session.pk)
        for talk_kind in talk_kinds:
            order += 1
            agenda.talks.append(talk(b, forum_obj, session, talk_kind, order))
    for _ in range(b.rng.choice([0, 0, 0, 1, 2])):  # talks the source places nowhere
        order += 1
        agenda.talks.append(talk(b, forum_obj, None, TalkKind.REPORT, order))


def person_roles(b: Builder, forum_obj: Forum, d: Directory) -> list[PersonRole]:
    """Two moderators (of two sessions each), then guests; each person once per role."""
    chosen = b.rng.sample(d.person_pks, min(len(d.person_pks), 2 + b.rng.randint(2, 6)))
    rows = []
    for position, person_pk in enumerate(chosen):
        role = PersonRoleKind.MODERATOR if position < 2 else PersonRoleKind.GUEST
        org = b.rng.choice(d.orgs)
        person_role = PersonRole(
            forum=forum_obj,
            person_id=person_pk,
            role=role,
            organization_id=org.pk,
            position=b.rng.choice(POSITIONS),
            order=position,
        )
        person_role._sessions = (
            b.rng.sample(forum_obj._sessions, min(2, len(forum_obj._sessions)))
            if role == PersonRoleKind.MODERATOR
            else []
        )
        rows.append(person_role)
    return rows


def talk(b: Builder, forum_obj: Forum, session: Session | None, kind: str, order: int) -> Talk:
    if kind == TalkKind.OPENING_REMARKS:
        title, native = "Opening remarks", "致辞"
    elif kind == TalkKind.SHOWCASE:
        title, native = b.rng.choice(SHOWCASE)
    else:
        title, native = b.rng.choice(TOPICS)
    return Talk(
        forum=forum_obj,
        session=session,
        title=title,
        native_title=b.native(native, NATIVE_NAME_SHARE["titles"]),
        kind=kind,
        summary=f"{title}, presented at the {forum_obj.title}." if b.chance(0.4) else "",
        order=order,
    )


def talk_speakers(b: Builder, talks: list[Talk], d: Directory) -> list[TalkSpeaker]:
    """One speaker a talk (some two); half the showcases by a company, no person named."""
    speakers = []
    for talk_obj in talks:
        presenter = b.rng.choice(d.companies or d.orgs)
        if talk_obj.kind == TalkKind.SHOWCASE and b.chance(0.5):
            speakers.append(TalkSpeaker(talk=talk_obj, organization_id=presenter.pk, order=0))
            continue
        people = b.rng.sample(d.person_pks, min(len(d.person_pks), 2 if b.chance(0.12) else 1))
        for order, person_pk in enumerate(people):
            org = b.rng.choice(d.experts)
            speakers.append(
                TalkSpeaker(
                    talk=talk_obj,
                    person_id=person_pk,
                    organization_id=org.pk,
                    position=b.rng.choice(POSITIONS),
                    order=order,
                )
            )
    return speakers
