from django.db.models import Case, Count, F, TextField, Value, When
from django.db.models.functions import Coalesce

from core.csv_export import Column, CsvExporter, detail_url, label
from directory.models import OrganizationKind
from evaluations.models import Outcome
from forums.models import Forum
from standards.models import Standard


def _if_public(model, relation: str, field: str):
    """The related record's field, or empty while that record is a draft."""
    return Case(
        When(model.public_condition(f"{relation}__"), then=F(f"{relation}__{field}")),
        default=Value(""),
        output_field=TextField(),
    )


def _public_basis_code(batch: str = ""):
    """The effective basis standard's code (the batch's pinned edition, else its program's),
    left empty when that standard is a draft: public downloads never name drafts."""
    return Case(
        When(
            **{f"{batch}basis_standard__isnull": False},
            then=_if_public(Standard, f"{batch}basis_standard", "code"),
        ),
        default=_if_public(Standard, f"{batch}program__basis_standard", "code"),
        output_field=TextField(),
    )


ANNOUNCED_ON = (
    "The day the results were announced (ISO 8601): the source's own date, else, where the "
    "source says only that they were announced during a forum, that forum's first day "
    "(see Announced on source)."
)
ANNOUNCED_ON_SOURCE = (
    'Where Announced on comes from: "announcement" (the source gives the day) or '
    '"forum dates" (the source says only "during the forum": the forum\'s first day); '
    "empty when no date is known."
)


def _announced_on_source(batch: str = ""):
    return Case(
        When(**{f"{batch}announced_during_forum": True}, then=Value("forum dates")),
        When(**{f"{batch}announced_on_effective__isnull": False}, then=Value("announcement")),
        default=Value(""),
        output_field=TextField(),
    )


def _announced_columns(batch: str = "") -> list[Column]:
    return [
        Column(
            "Announced on",
            f"{batch}announced_on_effective",
            trusted=True,
            description=ANNOUNCED_ON,
        ),
        Column(
            "Announced on source",
            _announced_on_source(batch),
            trusted=True,
            description=ANNOUNCED_ON_SOURCE,
        ),
    ]


BASIS_STANDARD = (
    "The code of the standard the evaluation is run against: the batch's own pinned "
    "edition, else its program's (in public downloads, empty while that standard is a draft)."
)


def _batch_columns(announced_at, basis_standard_code) -> list[Column]:
    return [
        Column("Program", "program__name"),
        Column("Batch number", "number", trusted=True),
        *_announced_columns(),
        Column(
            "Announced at",
            announced_at,
            description="The forum where the batch was announced (empty while that forum is a draft).",
        ),
        Column(
            "Basis standard",
            basis_standard_code,
            description=BASIS_STANDARD,
        ),
        Column("Laboratory", "program__laboratory__name"),
        Column(
            "Results",
            "result_count",
            trusted=True,
            description="How many results the batch has (a whole number).",
        ),
    ]


def _result_columns(basis_standard_code) -> list[Column]:
    return [
        Column("Organization", "organization__name"),
        Column("Organization native name", "organization__native_name"),
        Column(
            "Organization kind", label("organization__kind", OrganizationKind.choices), trusted=True
        ),
        Column("Product", "product"),
        Column("Program", "batch__program__name"),
        Column("Batch number", "batch__number", trusted=True),
        Column("Outcome", label("outcome", Outcome.choices), trusted=True),
        Column("Withdrawn on", "withdrawn_on", trusted=True),
        Column("Withdrawal reason", "withdrawal_reason"),
        *_announced_columns("batch__"),
        Column("Basis standard", basis_standard_code, description=BASIS_STANDARD),
    ]


_batch_url = detail_url("evaluations:batch_detail", "slug")
_result_url = detail_url("evaluations:batch_detail", "batch__slug", anchor=("result-", "id"))
_result_count = {"result_count": Count("results")}

# Staff exports from the admin: the batch's own pinned edition, else its program's.
batch_csv = CsvExporter(
    columns=_batch_columns(
        "announced_at__title",
        Coalesce("basis_standard__code", "program__basis_standard__code"),
    ),
    annotations=_result_count,
    url=_batch_url,
)
result_csv = CsvExporter(
    columns=_result_columns(
        Coalesce("batch__basis_standard__code", "batch__program__basis_standard__code")
    ),
    url=_result_url,
)

# The public lists' downloads: the forum and standard only when they are published.
public_batch_csv = CsvExporter(
    columns=_batch_columns(_if_public(Forum, "announced_at", "title"), _public_basis_code()),
    annotations=_result_count,
    url=_batch_url,
)
public_result_csv = CsvExporter(
    columns=_result_columns(_public_basis_code("batch__")),
    url=_result_url,
)
