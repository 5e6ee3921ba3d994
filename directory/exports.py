from core.csv_export import Column, CsvExporter, detail_url, joined_lines, label
from directory.models import OrganizationKind

organization_csv = CsvExporter(
    columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Other names", joined_lines("aliases")),
        Column("Kind", label("kind", OrganizationKind.choices)),
        Column("Region", "region"),
        Column("Parent organization", "parent__name"),
        Column("Website", "website"),
    ],
    url=detail_url("directory:organization_detail", "slug"),
)

person_csv = CsvExporter(
    columns=[
        Column("Name", "name"),
        Column("Native name", "native_name"),
        Column("Honorific", "honorific"),
    ],
    url=detail_url("directory:person_detail", "slug"),
)
