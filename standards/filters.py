import django_filters
from django.db.models import Q

from core.filters import (
    PlainSelect,
    SearchFilterSet,
    all_words,
    search_words,
    sort_filter,
    year_filter,
)
from directory.models import Organization
from standards.codes import normalize_code
from standards.models import Committee, Standard, StandardLevel, StandardStatus


class StandardFilterSet(SearchFilterSet):
    level = django_filters.ChoiceFilter(choices=StandardLevel.choices, empty_label="Any level")
    status = django_filters.ChoiceFilter(choices=StandardStatus.choices, empty_label="Any status")
    issuing_body = django_filters.ModelChoiceFilter(
        widget=PlainSelect,
        # Only bodies of published standards: a draft's issuer is not yet public.
        queryset=Organization.objects.filter(
            Standard.public_condition("standards_issued__")
        ).distinct(),
        to_field_name="slug",
        empty_label="Any issuing body",
    )
    committee = django_filters.ModelChoiceFilter(
        widget=PlainSelect,
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
