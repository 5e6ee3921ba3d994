from django.db.models import Case, Q, StringAgg, TextField, Value, When
from django.db.models.functions import Now

from core.csv_export import Column, CsvExporter, detail_url, label
from standards.codes import INDUSTRY_CODE, MANDATE_BY_PREFIX, Mandate
from standards.models import StandardLevel, StandardStatus


def _is_to_be_implemented() -> Q:
    """即将实施: published with an effective date still ahead, as Standard.status_label says."""
    return Q(status=StandardStatus.PUBLISHED, effective_on__gt=Now())


def _status():
    """The lifecycle label, with 即将实施 (“To be implemented”) derived as on the page."""
    return Case(
        When(_is_to_be_implemented(), then=Value("To be implemented")),
        default=label("status", StandardStatus.choices),
        output_field=TextField(),
    )


def _mandate():
    """What the code says about the standard's force, as standards.codes reads it."""
    return Case(
        *[
            When(code_normalized__startswith=prefix, then=Value(mandate))
            for prefix, mandate in MANDATE_BY_PREFIX
        ],
        When(code_normalized__regex=INDUSTRY_CODE.pattern, then=Value(Mandate.INDUSTRY)),
        default=Value(""),
        output_field=TextField(),
    )


standard_csv = CsvExporter(
    columns=[
        Column("Code", "code"),
        Column("Title", "title"),
        Column("Native title", "native_title"),
        Column("Level", label("level", StandardLevel.choices)),
        Column(
            "Status",
            _status,
            description="The lifecycle stage; “To be implemented” (即将实施) when published "
            "with an effective date still ahead.",
        ),
        Column(
            "Mandate",
            _mandate,
            description="What the code says of the standard's force: GB mandatory, GB/T "
            "recommended, GB/Z guidance, T/… group; empty when the code does not say.",
        ),
        Column("ISO/IEC stage", "iso_stage"),
        Column("Issuing body", "issuing_body__name"),
        Column("Committee", "committee__name"),
        Column("Published on", "published_on"),
        Column("Effective on", "effective_on"),
        Column("Withdrawn on", "withdrawn_on"),
        Column(
            "Drafting organizations",
            "drafter_names",
            description="The organizations that draft it, separated by “; ”.",
        ),
    ],
    annotations={
        "drafter_names": StringAgg("drafting_roles__organization__name", delimiter=Value("; "))
    },
    url=detail_url("standards:standard_detail", "slug"),
)
