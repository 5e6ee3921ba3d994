import django_filters
from django.db.models import Q

from core.filters import SearchFilterSet, year_filter
from directory.models import Organization
from standards.codes import normalize_code
from standards.models import Committee, Standard, StandardLevel, StandardStatus


class StandardFilterSet(SearchFilterSet):
    level = django_filters.ChoiceFilter(choices=StandardLevel.choices, empty_label="Any level")
    status = django_filters.ChoiceFilter(choices=StandardStatus.choices, empty_label="Any status")
    issuing_body = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.filter(standards_issued__isnull=False).distinct(),
        to_field_name="slug",
        empty_label="Any issuing body",
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), to_field_name="slug", empty_label="Any committee"
    )
    year = year_filter("published_on", label="Year published")
    sort = django_filters.OrderingFilter(
        fields=[("code_normalized", "code"), ("title", "title"), ("published_on", "published")],
        field_labels={
            "code": "Code",
            "-code": "Code (descending)",
            "title": "Title",
            "-title": "Title (descending)",
            "published": "Oldest published first",
            "-published": "Newest published first",
        },
        label="Sort by",
        empty_label="Code",
    )

    class Meta:
        model = Standard
        fields = []

    def filter_search(self, queryset, name, value):
        condition = Q(title__icontains=value) | Q(native_title__icontains=value)
        if normalized := normalize_code(value):
            condition |= Q(code_normalized__contains=normalized)
        return queryset.filter(condition)
