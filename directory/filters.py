import django_filters

from core.filters import PlainSelect, SearchFilterSet
from directory.models import Organization, OrganizationKind


class OrganizationFilterSet(SearchFilterSet):
    search_fields = ["name", "native_name", "aliases"]

    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, empty_label="Any kind")
    region = django_filters.ChoiceFilter(widget=PlainSelect, choices=[], empty_label="Any region")
    sort = django_filters.OrderingFilter(
        fields=[("name", "name"), ("kind", "kind"), ("region", "region")],
        field_labels={
            "name": "Name",
            "-name": "Name (descending)",
            "kind": "Kind",
            "-kind": "Kind (descending)",
            "region": "Region",
            "-region": "Region (descending)",
        },
        label="Sort by",
        empty_label="Name",
    )

    class Meta:
        model = Organization
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = (
            Organization.objects.exclude(region="")
            .order_by("region")
            .values_list("region", flat=True)
            .distinct()
        )
        self.filters["region"].extra["choices"] = [(region, region) for region in regions]
