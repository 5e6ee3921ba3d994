import django_filters
from django.db.models import Count

from core.filters import SearchFilterSet, sort_filter, year_filter
from core.menus import MostUsedSelect
from directory.matching import match_organizations
from directory.models import OrganizationKind
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome


def programs_by_use():
    """Programs with the most public batches first."""
    return EvaluationProgram.objects.annotate(
        uses=Count("batches", filter=EvaluationBatch.public_condition("batches__"))
    ).order_by("-uses", "name")


class BatchFilterSet(SearchFilterSet):
    search_fields = ["program__name", "program__native_name", "notes"]

    program = django_filters.ModelChoiceFilter(
        widget=MostUsedSelect(key="programs", menu=programs_by_use),
        queryset=EvaluationProgram.objects.all(),
        to_field_name="slug",
        empty_label="Any program",
    )
    year = year_filter("announced_on_effective", label="Year announced")
    sort = sort_filter(
        ("announced", "announced_on_effective", "Oldest first", "Newest first"),
        ("program", "program__name", "Program", "Program (descending)"),
        ("number", "number", "Batch number", "Batch number (descending)"),
        default="-announced",
    )

    class Meta:
        model = EvaluationBatch
        fields = []


class ResultFilterSet(SearchFilterSet):
    search_fields = [
        "organization__name",
        "organization__native_name",
        "organization__aliases",
        "product",
    ]

    program = django_filters.ModelChoiceFilter(
        widget=MostUsedSelect(key="programs", menu=programs_by_use),
        field_name="batch__program",
        queryset=EvaluationProgram.objects.all(),
        to_field_name="slug",
        empty_label="Any program",
    )
    batch = django_filters.NumberFilter(
        field_name="batch__number", label="Batch number", min_value=1, max_value=32767
    )
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, empty_label="Any outcome")
    organization_kind = django_filters.ChoiceFilter(
        field_name="organization__kind",
        choices=OrganizationKind.choices,
        empty_label="Any kind",
        label="Organization kind",
    )
    organization = django_filters.CharFilter(
        label="Organization", method="filter_organization", max_length=200
    )
    year = year_filter("batch__announced_on_effective", label="Year announced")
    sort = sort_filter(
        ("announced", "batch__announced_on_effective", "Oldest batch first", "Newest batch first"),
        ("organization", "organization__name", "Organization", "Organization (descending)"),
        ("outcome", "outcome", "Outcome", "Outcome (descending)"),
        default="-announced",
    )

    class Meta:
        model = EvaluationResult
        fields = []

    def filter_organization(self, queryset, name, value):
        """By the name, alias or native name a reader types (directory.matching, one
        query), or by the slug older links carry; then on the results' organization index."""
        found = match_organizations([value]).found
        if found:
            return queryset.filter(organization=next(iter(found.values())))
        return queryset.filter(organization__slug=value)
