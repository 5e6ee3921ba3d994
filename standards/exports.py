from django.db.models import StringAgg, Value

from core.csv_export import Column, CsvExporter


def _prepare(queryset):
    return queryset.select_related("issuing_body", "committee").annotate(
        drafter_names=StringAgg("drafting_roles__organization__name", delimiter=Value("; "))
    )


standard_csv = CsvExporter(
    columns=[
        Column("Code", lambda s: s.code),
        Column("Title", lambda s: s.title),
        Column("Native title", lambda s: s.native_title),
        Column("Level", lambda s: s.get_level_display()),
        Column("Status", lambda s: s.status_label),
        Column("Mandate", lambda s: s.mandate),
        Column("ISO/IEC stage", lambda s: s.iso_stage),
        Column("Issuing body", lambda s: s.issuing_body),
        Column("Committee", lambda s: s.committee),
        Column("Published on", lambda s: s.published_on),
        Column("Effective on", lambda s: s.effective_on),
        Column("Withdrawn on", lambda s: s.withdrawn_on),
        Column("Drafting organizations", lambda s: s.drafter_names),
    ],
    prepare=_prepare,
)
