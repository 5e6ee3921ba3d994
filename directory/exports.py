from core.csv_export import Column, CsvExporter

organization_csv = CsvExporter(
    columns=[
        Column("Name", lambda o: o.name),
        Column("Native name", lambda o: o.native_name),
        Column("Other names", lambda o: o.alias_list),
        Column("Kind", lambda o: o.get_kind_display()),
        Column("Region", lambda o: o.region),
        Column("Parent organization", lambda o: o.parent),
        Column("Website", lambda o: o.website),
    ],
    prepare=lambda queryset: queryset.select_related("parent"),
)
