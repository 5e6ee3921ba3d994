from core.csv_export import Column, CsvExporter, choice_label, detail_path
from directory.models import OrganizationKind


def _aliases(aliases: str) -> list[str]:
    return [line.strip() for line in aliases.splitlines()]


organization_csv = CsvExporter(
    columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Other names", "aliases", _aliases),
        Column("Kind", "kind", choice_label(OrganizationKind.choices)),
        Column("Region", "region"),
        Column("Parent organization", "parent__name"),
        Column("Website", "website"),
    ],
    extra_keys=["slug"],
    url=detail_path("directory:organization_detail", "slug"),
)

person_csv = CsvExporter(
    columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Honorific", "honorific"),
    ],
    extra_keys=["slug"],
    url=detail_path("directory:person_detail", "slug"),
)
