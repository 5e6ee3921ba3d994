import django_filters
from django.db.models import Count, Q

from core.filters import (
    SearchFilterSet,
    all_words,
    search_words,
    sort_filter,
    year_filter,
)
from core.menus import MostUsedSelect
from directory.models import Organization
from standards.codes import normalize_code
from standards.models import Committee, Standard, StandardLevel, StandardStatus


def issuing_bodies_by_use():
    """Bodies that issued public standards, those that issued most first."""
    return (
        Organization.objects.annotate(
            uses=Count("standards_issued", filter=Standard.public_condition("standards_issued__"))
        )
        .filter(uses__gt=0)
        .order_by("-uses", "name")
    )


def committees_by_use():
    """Committees with the most public standards first."""
    return Committee.objects.annotate(
        uses=Count("standards", filter=Standard.public_condition("standards__"))
    ).order_by("-uses", "name")


class StandardFilterSet(SearchFilterSet):
    level = django_filters.ChoiceFilter(choices=StandardLevel.choices, empty_label="Any level")
    status = django_filters.ChoiceFilter(choices=StandardStatus.choices, empty_label="Any status")
    issuing_body = django_filters.ModelChoiceFilter(
        widget=MostUsedSelect(key="issuing-bodies", menu=issuing_bodies_by_use),
        # Only bodies of published standards: a draft's issuer is not yet public.
        queryset=Organization.objects.filter(
            Standard.public_condition("standards_issued__")
        ).distinct(),
        to_field_name="slug",
        empty_label="Any issuing body",
    )
    committee = django_filters.ModelChoiceFilter(
        widget=MostUsedSelect(key="committees", menu=committees_by_use),
        queryset=Committee.objects.all(),
        to_field_name="slug",
        empty_label="Any committee",
    )
    year = year_filter("published_on", label="Year published")
    sort = sort_filter(
        ("code", "code_normalized", "Code", "Code (descending)"),
        ("title", "title", "Title", "Title (descending)"),
        ("published", "published_on", "Oldest published first", "Newest published first"),
        default="code",
    )

    class Meta:
        model = Standard
        fields = []

    def filter_search(self, queryset, name, value):
        condition = all_words(["title", "native_title"], value)
        # The words search matches, so that a code is looked for as search looks for it.
        if normalized := normalize_code(search_words(value).text):
            condition |= Q(code_normalized__contains=normalized)
        return queryset.filter(condition)
