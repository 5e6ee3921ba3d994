"""Synthetic evaluation programs, their numbered batches and the batches' results."""

import datetime

from django.utils.text import slugify

from directory.models import OrganizationKind as K
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import Forum
from standards.models import Standard
from standards.models import StandardStatus as S

from .base import Builder
from .directory import Directory, OrgInfo
from .marks import SYNTHETIC_PREFIX
from .plan import NATIVE_NAME_SHARE, PUBLISHED_SHARE
from .vocabulary import CHEMISTRIES, EVALUATION_SUBJECTS, EVALUATION_TYPES, WITHDRAWAL_REASONS

RESULT_CHUNK = 10_000
OUTCOME_WEIGHTS = [
    (Outcome.PASSED, 72),
    (Outcome.COMPLETED, 10),
    (Outcome.PARTICIPATED, 10),
    (Outcome.FAILED, 8),
]


def programs_and_batches(
    b: Builder, d: Directory, standard_objs: list[Standard], forum_objs: list[Forum]
) -> list[EvaluationBatch]:
    basis = [s for s in standard_objs if s.status == S.IN_FORCE and s.is_public] or standard_objs
    programs = evaluation_programs(b, d, basis)
    n_batches = b.counts["batches"]
    per_program = [
        n_batches // len(programs) + (1 if i < n_batches % len(programs) else 0)
        for i in range(len(programs))
    ]
    forums_by_date = sorted(forum_objs, key=lambda f: f.start_date)
    rows = []
    for program, count in zip(programs, per_program, strict=True):
        rows.extend(batches(b, program, count, basis, forums_by_date))
    return b.save(EvaluationBatch, rows, "Evaluation batches")


def evaluation_programs(b: Builder, d: Directory, basis: list[Standard]) -> list[EvaluationProgram]:
    laboratories = d.by_kind.get(K.LABORATORY, []) or d.not_companies
    operators = d.by_kind.get(K.ASSOCIATION, []) or d.bodies
    programs = []
    names = [(t, s) for s in EVALUATION_SUBJECTS for t in EVALUATION_TYPES]
    for index in range(1, b.counts["programs"] + 1):
        (kind, kind_cn), (subject, subject_cn) = names[(index - 1) % len(names)]
        name = f"{kind} {subject}"
        if index > len(names):
            name += f" ({(index - 1) // len(names) + 1})"
        programs.append(
            EvaluationProgram(
                name=name,
                native_name=b.native(f"{subject_cn}{kind_cn}", NATIVE_NAME_SHARE["titles"]),
                slug=f"{SYNTHETIC_PREFIX}{slugify(name)[:150]}-{index}",
                description=f"{kind} {subject}, run in numbered batches against its basis standard.",
                basis_standard=b.rng.choice(basis),
                operator_id=b.rng.choice(operators).pk,
                laboratory_id=b.rng.choice(laboratories).pk,
                source=b.source,
            )
        )
    return b.save(EvaluationProgram, programs, "Evaluation programs")


def batches(
    b: Builder,
    program: EvaluationProgram,
    count: int,
    basis: list[Standard],
    forums_by_date: list[Forum],
) -> list[EvaluationBatch]:
    """Every two months or so, the latest announced recently; some at a forum."""
    rows = []
    day = b.today - datetime.timedelta(days=count * 60 + b.rng.randint(30, 90))
    for number in range(1, count + 1):
        day += datetime.timedelta(days=b.rng.randint(40, 75))
        announced_at = None
        if b.chance(0.35) and forums_by_date:
            announced_at = min(forums_by_date, key=lambda f, d=day: abs((f.start_date - d).days))
            day = announced_at.start_date
        rows.append(
            EvaluationBatch(
                program=program,
                number=number,
                slug=f"{program.slug}-batch-{number}",
                announced_on=day,
                announced_on_effective=day,
                announced_at=announced_at,
                basis_standard=b.rng.choice(basis) if b.chance(0.2) else None,
                notes="Results as announced, in the announcement's order." if b.chance(0.2) else "",
                source=b.source,
                **b.visibility(PUBLISHED_SHARE["batches"], day),
            )
        )
    return rows


def results(b: Builder, d: Directory, batch_objs: list[EvaluationBatch]) -> None:
    """Each batch's results, written a chunk at a time (there are many)."""
    pool = d.companies + d.by_kind.get(K.RESEARCH_INSTITUTE, []) if d.companies else d.orgs
    # A few companies take part in many batches, most in a few: at scale 1 the
    # busiest has about 200 results, the typical one about 20.
    weights = [1 / (rank + 300) for rank in range(len(pool))]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    per_batch = b.counts["results_per_batch"]
    b.bar.set_description("Evaluation results")
    pending = []
    for batch in batch_objs:
        picks = b.rng.choices(pool, cum_weights=cumulative, k=per_batch)
        pending.extend(batch_results(b, batch, picks))
        if len(pending) >= RESULT_CHUNK:
            b.save(EvaluationResult, pending, "Evaluation results")
            pending = []
    b.save(EvaluationResult, pending, "Evaluation results")


def batch_results(
    b: Builder, batch: EvaluationBatch, picks: list[OrgInfo]
) -> list[EvaluationResult]:
    """One result per pick, in order; an organization twice in a batch has two products."""
    rows = []
    seen: set[tuple[int, str]] = set()
    for order, org in enumerate(picks, start=1):
        product = ""
        if b.chance(0.6):
            product = f"{org.brand[:2].upper()}-{b.rng.choice(CHEMISTRIES)}-{b.rng.choice([10, 20, 50, 100, 160, 200, 280])}Ah"
        if (org.pk, product) in seen:
            product = f"{product or org.brand[:2].upper()}-{order}"
        seen.add((org.pk, product))
        withdrawn_on, reason = None, ""
        if b.chance(0.005) and batch.announced_on:
            withdrawn_on = batch.announced_on + datetime.timedelta(days=b.rng.randint(30, 300))
            reason = b.rng.choice(WITHDRAWAL_REASONS)
        rows.append(
            EvaluationResult(
                batch_id=batch.pk,
                organization_id=org.pk,
                product=product,
                outcome=b.weighted(OUTCOME_WEIGHTS),
                withdrawn_on=withdrawn_on,
                withdrawal_reason=reason,
                notes="Sample tested at the laboratory's low-temperature chamber."
                if b.chance(0.03)
                else "",
                order=order,
                source=b.source,
            )
        )
    return rows
