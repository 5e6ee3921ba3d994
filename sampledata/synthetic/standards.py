"""Synthetic committees and standards, with their drafters, milestones and links."""

import datetime

from django.utils.text import slugify

from directory.models import OrganizationKind as K
from standards.codes import normalize_code
from standards.models import (
    Committee,
    CommitteeKind,
    DraftingRole,
    Standard,
    StandardLevel,
    StatusMilestone,
)
from standards.models import StandardStatus as S

from .base import Builder
from .directory import Directory, OrgInfo
from .forums import Agenda
from .marks import SYNTHETIC_PREFIX
from .plan import NATIVE_NAME_SHARE, PUBLISHED_SHARE
from .vocabulary import (
    ASPECTS,
    ASSOCIATION_PREFIXES,
    COMMITTEE_TOPICS,
    INDUSTRY_PREFIXES,
    PRODUCTS,
    PROVINCE_CODES,
)

LIFECYCLE = [
    S.PROPOSED,
    S.PROJECT_APPROVED,
    S.DRAFTING,
    S.PUBLIC_COMMENT,
    S.TECHNICAL_REVIEW,
    S.SUBMITTED,
    S.PUBLISHED,
    S.IN_FORCE,
]
STATUS_WEIGHTS = [
    (S.PROPOSED, 4),
    (S.PROJECT_APPROVED, 6),
    (S.DRAFTING, 12),
    (S.PUBLIC_COMMENT, 6),
    (S.TECHNICAL_REVIEW, 4),
    (S.SUBMITTED, 4),
    (S.PUBLISHED, 8),
    (S.IN_FORCE, 40),
    (S.UNDER_REVIEW, 4),
    (S.SUPERSEDED, 8),
    (S.WITHDRAWN, 4),
]
ISO_STAGE = {
    S.PROPOSED: "00.00",
    S.PROJECT_APPROVED: "10.99",
    S.DRAFTING: "20.00",
    S.PUBLIC_COMMENT: "40.20",
    S.TECHNICAL_REVIEW: "30.20",
    S.SUBMITTED: "50.20",
    S.PUBLISHED: "60.60",
    S.IN_FORCE: "60.60",
    S.UNDER_REVIEW: "90.92",
    S.SUPERSEDED: "95.99",
    S.WITHDRAWN: "95.99",
}
LEVEL_WEIGHTS = [
    (StandardLevel.GROUP, 45),
    (StandardLevel.NATIONAL, 20),
    (StandardLevel.INDUSTRY, 14),
    (StandardLevel.INTERNATIONAL, 5),
    (StandardLevel.LOCAL, 6),
    (StandardLevel.ENTERPRISE, 10),
]
COMMITTEE_KINDS = [
    CommitteeKind.TECHNICAL_COMMITTEE,
    CommitteeKind.SUBCOMMITTEE,
    CommitteeKind.WORKING_GROUP,
    CommitteeKind.WORKING_GROUP,
]


# --- committees ------------------------------------------------------------------------


def committees(b: Builder, d: Directory, agenda: Agenda) -> list[Committee]:
    """Technical committees, subcommittees and working groups; each working-group
    meeting of a forum is a meeting of one of them."""
    rows = []
    tc_number = 200
    for index in range(1, b.counts["committees"] + 1):
        topic, topic_cn = b.rng.choice(COMMITTEE_TOPICS)
        kind = COMMITTEE_KINDS[index % 4]
        tc_number += b.rng.randint(1, 30)
        code, name, native = committee_names(b, kind, tc_number, topic, topic_cn)
        rows.append(
            Committee(
                name=name,
                native_name=b.native(native, NATIVE_NAME_SHARE["titles"]),
                code=code,
                slug=f"{SYNTHETIC_PREFIX}committee-{slugify(code)}-{index}",
                kind=kind,
                organization_id=b.rng.choice(d.bodies).pk,
                description=f"Drafts and reviews standards on {topic.lower()}.",
                source=b.source,
            )
        )
    b.save(Committee, rows)
    meetings = [(b.rng.choice(rows).pk, session_pk) for session_pk in agenda.wg_sessions]
    b.save_links(
        Committee.meetings.through,
        meetings,
        ["committee_id", "session_id"],
        "Committee meetings",
    )
    return rows


def committee_names(
    b: Builder, kind: str, tc_number: int, topic: str, topic_cn: str
) -> tuple[str, str, str]:
    """(code, name, native name)."""
    if kind == CommitteeKind.TECHNICAL_COMMITTEE:
        return (
            f"SAC/TC {tc_number}",
            f"National Technical Committee on {topic}",
            f"全国{topic_cn}标准化技术委员会",
        )
    if kind == CommitteeKind.SUBCOMMITTEE:
        return (
            f"SAC/TC {tc_number}/SC {b.rng.randint(1, 12)}",
            f"Subcommittee on {topic}",
            f"{topic_cn}分技术委员会",
        )
    prefix = b.rng.choice(ASSOCIATION_PREFIXES)
    return (
        f"{prefix}/WG {b.rng.randint(1, 30)}",
        f"Working Group on {topic}",
        f"{topic_cn}工作组",
    )


# --- codes -----------------------------------------------------------------------------


def group_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    """T/<association> NNNN—YYYY, with the real punctuation's variants."""
    prefix = d.association_prefix.get(issuer.pk) if issuer else None
    prefix = prefix or b.rng.choice(ASSOCIATION_PREFIXES)
    slash = "／" if b.chance(0.03) else "/"
    dash = "—" if b.chance(0.7) else "-"
    return f"T{slash}{prefix} {b.rng.randint(1, 9999):04d}{dash}{year}"


def national_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    kind = b.weighted([("GB/T", 80), ("GB", 10), ("GB/Z", 10)])
    code = f"{kind} {b.rng.randint(10000, 45999)}-{year}"
    if b.chance(0.2):
        code = f"{kind} {b.rng.randint(10000, 45999)}.{b.rng.randint(1, 6)}-{year}"
    return code


def industry_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    return f"{b.rng.choice(INDUSTRY_PREFIXES)} {b.rng.randint(1000, 9999)}-{year}"


def international_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    body = b.rng.choice(["IEC", "IEC", "ISO"])
    return f"{body} {b.rng.randint(60000, 63999)}-{b.rng.randint(1, 5)}:{year}"


def local_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    return f"{b.rng.choice(PROVINCE_CODES)} {b.rng.randint(1000, 4999)}-{year}"


def enterprise_code(b: Builder, d: Directory, year: int, issuer: OrgInfo | None) -> str:
    brand = issuer.brand if issuer else "ZX"
    letters = "".join(c for c in brand.upper() if c.isalpha())[:4] or "ZX"
    return f"Q/{letters} {b.rng.randint(1, 999):03d}-{year}"


CODE_MAKERS = {
    StandardLevel.GROUP: group_code,
    StandardLevel.NATIONAL: national_code,
    StandardLevel.INDUSTRY: industry_code,
    StandardLevel.INTERNATIONAL: international_code,
    StandardLevel.LOCAL: local_code,
}


def standard_code(
    b: Builder, d: Directory, level: str, year: int, issuer: OrgInfo | None, taken: set[str]
) -> str:
    """A code no other standard has (normalized), or "" after 50 tries."""
    make = CODE_MAKERS.get(level, enterprise_code)
    for _ in range(50):
        code = make(b, d, year, issuer)
        normalized = normalize_code(code)
        if normalized not in taken:
            taken.add(normalized)
            return code
    return ""


# --- standards -------------------------------------------------------------------------


def timeline(b: Builder, status: str) -> list[tuple[str, datetime.date]]:
    """A start, then one step every few months up to the status."""
    steps = (
        LIFECYCLE[: LIFECYCLE.index(status) + 1] if status in LIFECYCLE else [*LIFECYCLE, status]
    )
    gaps = [b.rng.randint(60, 240) for _ in steps]
    start = b.today - datetime.timedelta(
        days=sum(gaps) + b.rng.randint(0, 3650 if status not in LIFECYCLE[:6] else 400)
    )
    if status == S.PUBLISHED:  # published, most with the effective date ahead
        start = b.today - datetime.timedelta(days=sum(gaps[:-1]) + b.rng.randint(0, 40))
    steps_and_days, day = [], start
    for step, gap in zip(steps, gaps, strict=True):
        steps_and_days.append((step, day))
        day += datetime.timedelta(days=gap)
    return steps_and_days


def standards(b: Builder, d: Directory, committee_objs: list[Committee]) -> list[Standard]:
    taken = set(
        Standard.objects.exclude(code_normalized="").values_list("code_normalized", flat=True)
    )
    issuers = {
        StandardLevel.GROUP: d.by_kind.get(K.ASSOCIATION, []) or d.bodies,
        StandardLevel.ENTERPRISE: d.companies or d.orgs,
        StandardLevel.INTERNATIONAL: d.by_kind.get(K.ASSOCIATION, []) or d.bodies,
    }
    agencies = d.by_kind.get(K.GOVERNMENT_AGENCY, []) or d.bodies
    rows = []
    for index in range(1, b.counts["standards"] + 1):
        level = b.weighted(LEVEL_WEIGHTS)
        status = b.weighted(STATUS_WEIGHTS)
        issuer = b.rng.choice(issuers.get(level, agencies))
        rows.append(standard(b, d, index, level, status, issuer, committee_objs, taken))
    return b.save(Standard, rows)


def standard(
    b: Builder,
    d: Directory,
    index: int,
    level: str,
    status: str,
    issuer: OrgInfo,
    committee_objs: list[Committee],
    taken: set[str],
) -> Standard:
    steps = timeline(b, status)
    dates = dict(steps)
    published_on = dates.get(S.PUBLISHED)
    effective_on = dates.get(S.IN_FORCE)
    if published_on and not effective_on:
        effective_on = published_on + datetime.timedelta(days=b.rng.choice([90, 120, 180]))
    has_code = status not in LIFECYCLE[:6] or b.chance(0.4)
    year = (published_on or steps[-1][1]).year
    code = standard_code(b, d, level, year, issuer, taken) if has_code else ""
    product, product_cn = b.rng.choice(PRODUCTS)
    aspect, aspect_cn = b.rng.choice(ASPECTS)
    part = f"Part {b.rng.randint(1, 4)}: " if b.chance(0.15) else ""
    row = Standard(
        code=code,
        code_normalized=normalize_code(code),
        title=f"{product} — {part}{aspect}",
        native_title=b.native(f"{product_cn} {aspect_cn}", NATIVE_NAME_SHARE["titles"]),
        slug=f"{SYNTHETIC_PREFIX}{slugify(code or 'draft')[:80]}-{slugify(product)[:60]}-{index}",
        level=level,
        status=status,
        iso_stage=ISO_STAGE[status] if level == StandardLevel.INTERNATIONAL else "",
        issuing_body_id=issuer.pk if has_code else None,
        committee=b.rng.choice(committee_objs)
        if level != StandardLevel.ENTERPRISE and b.chance(0.5)
        else None,
        published_on=published_on,
        effective_on=effective_on,
        withdrawn_on=dates.get(S.WITHDRAWN),
        scope=(
            f"This document specifies the {aspect.lower()} for {product[0].lower() + product[1:]}. "
            "It applies to their design, production, testing and acceptance."
        ),
        source=b.source,
        **b.visibility(PUBLISHED_SHARE["standards"], steps[0][1]),
    )
    row._timeline = steps
    return row


# --- what hangs off a standard ---------------------------------------------------------


def standard_children(
    b: Builder, d: Directory, standard_objs: list[Standard], agenda: Agenda
) -> None:
    """Drafters, milestones, replacements, and where standards were discussed."""
    drafting, milestones, replaces = [], [], []
    drafter_pool = [o for o in d.orgs if o.kind != K.GOVERNMENT_AGENCY] or d.orgs
    in_force_by_level: dict[str, list[Standard]] = {}
    for row in standard_objs:
        if row.status == S.IN_FORCE:
            in_force_by_level.setdefault(row.level, []).append(row)
    for row in standard_objs:
        drafting.extend(drafting_roles(b, row, drafter_pool))
        milestones.extend(status_milestones(b, row))
        if row.status == S.SUPERSEDED and in_force_by_level.get(row.level):
            newer = b.rng.choice(in_force_by_level[row.level])
            replaces.append((newer.pk, row.pk))
    b.save(DraftingRole, drafting, "Drafting roles")
    b.save(StatusMilestone, milestones, "Status milestones")
    b.save_links(
        Standard.replaces.through,
        replaces,
        ["from_standard_id", "to_standard_id"],
        "Replacements",
    )
    discussions(b, standard_objs, agenda)


def drafting_roles(b: Builder, row: Standard, drafter_pool: list[OrgInfo]) -> list[DraftingRole]:
    """A few drafting organizations (some standards many), the first the lead."""
    count = b.rng.choice([2, 3, 3, 4, 5]) if not b.chance(0.08) else b.rng.randint(8, 15)
    return [
        DraftingRole(standard=row, organization_id=org.pk, is_lead=order == 0, order=order)
        for order, org in enumerate(b.rng.sample(drafter_pool, min(count, len(drafter_pool))))
    ]


def status_milestones(b: Builder, row: Standard) -> list[StatusMilestone]:
    """The timeline's steps as milestones: the current one always, others mostly."""
    milestones = []
    last = len(row._timeline) - 1
    for position, (status, day) in enumerate(row._timeline):
        if position != last and not b.chance(0.75):
            continue  # sources don't record every step
        milestones.append(
            StatusMilestone(
                standard=row,
                status=status,
                date=day,
                iso_stage=ISO_STAGE[status] if row.level == StandardLevel.INTERNATIONAL else "",
                note="Announced by the issuing body." if b.chance(0.2) else "",
                source=b.source,
            )
        )
    return milestones


def discussions(b: Builder, standard_objs: list[Standard], agenda: Agenda) -> None:
    """Standards in progress at each standards discussion; some in talks."""
    discussed_sessions, discussed_talks = [], []
    in_progress = [s for s in standard_objs if s.status in LIFECYCLE[1:6]] or standard_objs
    for session_pk in agenda.discussion_sessions:
        for row in b.rng.sample(in_progress, min(3, len(in_progress))):
            discussed_sessions.append((row.pk, session_pk))
    for talk_pk in agenda.talk_pks:
        if b.chance(0.1):
            discussed_talks.append((b.rng.choice(standard_objs).pk, talk_pk))
    b.save_links(
        Standard.discussed_at_sessions.through,
        discussed_sessions,
        ["standard_id", "session_id"],
        "Standards discussed",
    )
    b.save_links(
        Standard.discussed_in_talks.through,
        discussed_talks,
        ["standard_id", "talk_id"],
        "Standards in talks",
    )
