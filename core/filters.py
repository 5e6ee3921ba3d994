"""Filter pieces every public list shares."""

import django_filters
from django.db.models import Q

SEARCH_MAX_LENGTH = 200


class SearchFilterSet(django_filters.FilterSet):
    """A filterset with a free-text box over `search_fields`."""

    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=SEARCH_MAX_LENGTH, strip=True
    )
    search_fields: list[str] = []

    def filter_search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def year_filter(field_name: str, label: str = "Year") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name=field_name, lookup_expr="year", label=label, min_value=1900, max_value=2100
    )
