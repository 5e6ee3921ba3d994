import datetime

from django.db.models import StringAgg, Value

from core.csv_export import Column, CsvExporter, choice_label, detail_path
from standards.codes import mandate_for_code
from standards.models import StandardLevel, StandardStatus

_status_label = choice_label(StandardStatus.choices)


def _status(row: dict) -> str:
    # 即将实施 ("to be implemented") is derived, as on the standard's page.
    effective_on = row["effective_on"]
    if (
        row["status"] == StandardStatus.PUBLISHED
        and effective_on
        and effective_on > datetime.date.today()
    ):
        return "To be implemented"
    return _status_label(row["status"])


standard_csv = CsvExporter(
    columns=[
        Column("Code", "code"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Level", "level", choice_label(StandardLevel.choices)),
        Column("Status", None, _status),
        Column("Mandate", "code", mandate_for_code),
        Column("ISO/IEC stage", "iso_stage"),
        Column("Issuing body", "issuing_body__name"),
        Column("Committee", "committee__name"),
        Column("Published on", "published_on"),
        Column("Effective on", "effective_on"),
        Column("Withdrawn on", "withdrawn_on"),
        Column("Drafting organizations", "drafter_names"),
    ],
    annotations={
        "drafter_names": StringAgg("drafting_roles__organization__name", delimiter=Value("; "))
    },
    extra_keys=["status", "effective_on", "slug"],
    url=detail_path("standards:standard_detail", "slug"),
)
