import django_filters

from core.filters import PlainSelect, SearchFilterSet, sort_filter
from core.menus import per_content_version
from directory.models import Organization, OrganizationKind, Person


def regions_in_use() -> list[str]:
    return list(
        Organization.objects.exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


class OrganizationFilterSet(SearchFilterSet):
    search_fields = ["name", "native_name", "aliases"]

    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, empty_label="Any kind")
    region = django_filters.ChoiceFilter(widget=PlainSelect, choices=[], empty_label="Any region")
    sort = sort_filter(
        ("name", "name", "Name", "Name (descending)"),
        ("kind", "kind", "Kind", "Kind (descending)"),
        ("region", "region", "Region", "Region (descending)"),
        default="name",
    )

    class Meta:
        model = Organization
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = per_content_version("menu:regions", regions_in_use)
        region_filter = self.filters["region"]
        region_filter.extra["choices"] = [(region, region) for region in regions]
        # A form field built before (the API's description builds its filters' fields,
        # and each filterset copies them) would keep its old choices: build it anew.
        region_filter.__dict__.pop("_field", None)


class PersonFilterSet(SearchFilterSet):
    """The API's people: by words in their names."""

    search_fields = ["name", "native_name", "honorific"]

    class Meta:
        model = Person
        fields = []
