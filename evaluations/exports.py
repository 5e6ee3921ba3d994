from django.db.models import Count
from django.db.models.functions import Coalesce

from core.csv_export import Column, CsvExporter, choice_label, detail_path
from directory.models import OrganizationKind
from evaluations.models import Outcome

batch_csv = CsvExporter(
    columns=[
        Column("Program", "program__name"),
        Column("Batch number", "number"),
        Column("Announced on", "announced_on"),
        Column("Announced at", "announced_at__title"),
        Column("Basis standard", "basis_standard_code"),
        Column("Laboratory", "program__laboratory__name"),
        Column("Results", "result_count"),
    ],
    annotations={
        # The batch's own pinned edition, else its program's.
        "basis_standard_code": Coalesce("basis_standard__code", "program__basis_standard__code"),
        "result_count": Count("results"),
    },
    extra_keys=["slug"],
    url=detail_path("evaluations:batch_detail", "slug"),
)

result_csv = CsvExporter(
    columns=[
        Column("Organization", "organization__name"),
        Column("Organization native name", "organization__native_name"),
        Column("Organization kind", "organization__kind", choice_label(OrganizationKind.choices)),
        Column("Product", "product"),
        Column("Program", "batch__program__name"),
        Column("Batch number", "batch__number"),
        Column("Outcome", "outcome", choice_label(Outcome.choices)),
        Column("Withdrawn on", "withdrawn_on"),
        Column("Withdrawal reason", "withdrawal_reason"),
        Column("Announced on", "batch__announced_on"),
        Column("Basis standard", "basis_standard_code"),
    ],
    annotations={
        "basis_standard_code": Coalesce(
            "batch__basis_standard__code", "batch__program__basis_standard__code"
        ),
    },
    extra_keys=["id", "batch__slug"],
    url=detail_path("evaluations:batch_detail", "batch__slug", anchor="result-{id}"),
)
