import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from core.filters import sort_filter
from directory.filters import OrganizationFilterSet, PersonFilterSet
from evaluations.models import EvaluationResult


class AnyYesNoSelect(forms.NullBooleanSelect):
    """Yes or No, starting at "Any" (the list unfiltered), not Django's "Unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]


class OrganizationListFilterSet(OrganizationFilterSet):
    """The organizations list, with what only the joined record knows: their results."""

    has_results = django_filters.BooleanFilter(
        label="Has evaluation results", method="filter_has_results", widget=AnyYesNoSelect
    )

    class Meta(OrganizationFilterSet.Meta):
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sort" in self.filters:  # absent from the API's twin (core.api.without_sort)
            self.filters.move_to_end("sort")  # the sort menu stays last

    def filter_has_results(self, queryset, name, value):
        public_results = EvaluationResult.objects.public().filter(organization=OuterRef("pk"))
        return queryset.filter(Exists(public_results) if value else ~Exists(public_results))


class PersonListFilterSet(PersonFilterSet):
    """The people index: by words in their names (English or native), by name."""

    sort = sort_filter(("name", "name", "Name", "Name (descending)"), default="name")

    class Meta(PersonFilterSet.Meta):
        fields = []
