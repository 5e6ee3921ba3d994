"""Builders for evaluation programs, batches and results."""

from core.models import Visibility
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from tests.core.factories import make_source, next_number
from tests.directory.factories import make_organization


def make_program(**fields) -> EvaluationProgram:
    n = next_number()
    fields.setdefault("name", f"Program {n}")
    fields.setdefault("slug", f"program-{n}")
    return EvaluationProgram.objects.create(**fields)


def make_batch(*, published: bool = True, **fields) -> EvaluationBatch:
    if "program" not in fields:
        fields["program"] = make_program()
    fields.setdefault("number", next_number())
    if "source" not in fields:
        fields["source"] = make_source()
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return EvaluationBatch.objects.create(**fields)


def make_result(**fields) -> EvaluationResult:
    if "batch" not in fields:
        fields["batch"] = make_batch()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    fields.setdefault("outcome", Outcome.PASSED)
    return EvaluationResult.objects.create(**fields)
