from django.db.models import Count

from core.csv_export import Column, CsvExporter


def _code(standard) -> str:
    return standard.code if standard else ""


batch_csv = CsvExporter(
    columns=[
        Column("Program", lambda b: b.program.name),
        Column("Batch number", lambda b: b.number),
        Column("Announced on", lambda b: b.announced_on),
        Column("Announced at", lambda b: b.announced_at),
        Column("Basis standard", lambda b: _code(b.effective_basis_standard)),
        Column("Laboratory", lambda b: b.program.laboratory),
        Column("Results", lambda b: b.result_count),
    ],
    prepare=lambda queryset: queryset.select_related(
        "program__basis_standard", "program__laboratory", "announced_at", "basis_standard"
    ).annotate(result_count=Count("results")),
)

result_csv = CsvExporter(
    columns=[
        Column("Organization", lambda r: r.organization.name),
        Column("Organization native name", lambda r: r.organization.native_name),
        Column("Organization kind", lambda r: r.organization.get_kind_display()),
        Column("Product", lambda r: r.product),
        Column("Program", lambda r: r.batch.program.name),
        Column("Batch number", lambda r: r.batch.number),
        Column("Outcome", lambda r: r.get_outcome_display()),
        Column("Withdrawn on", lambda r: r.withdrawn_on),
        Column("Withdrawal reason", lambda r: r.withdrawal_reason),
        Column("Announced on", lambda r: r.batch.announced_on),
        Column("Basis standard", lambda r: _code(r.batch.effective_basis_standard)),
    ],
    prepare=lambda queryset: queryset.select_related(
        "organization",
        "batch__program__basis_standard",
        "batch__basis_standard",
    ),
)
