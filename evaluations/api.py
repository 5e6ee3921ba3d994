"""The evaluations' part of the read-only JSON API: programs, batches and results."""

import django_filters
from rest_framework import serializers

from core.api import (
    ApiUrlField,
    FilteredListField,
    PageUrlField,
    PublicHyperlinkedRelatedField,
    PublicReadOnlyViewSet,
    RecordLinkField,
    without_sort,
)
from core.filters import SearchFilterSet
from evaluations.filters import BatchFilterSet, ResultFilterSet
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from evaluations.views import result_count_subquery


class ProgramFilterSet(SearchFilterSet):
    """The API's programs (no page lists them): by words in their names."""

    search_fields = ["name", "native_name", "description"]

    class Meta:
        model = EvaluationProgram
        fields = []


class ProgramSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:program-detail")
    basis_standard = PublicHyperlinkedRelatedField("api:standard-detail")
    operator = RecordLinkField("api:organization-detail", allow_null=True)
    laboratory = RecordLinkField("api:organization-detail", allow_null=True)
    batches = FilteredListField(
        "api:batch-list", "program", help_text="The program's batches (the batch list)."
    )

    class Meta:
        model = EvaluationProgram
        fields = [
            "url",
            "slug",
            "name",
            "native_name",
            "description",
            "basis_standard",
            "operator",
            "laboratory",
            "batches",
        ]


class ProgramViewSet(PublicReadOnlyViewSet):
    """Evaluation programs (general evaluation, low-temperature performance, …)."""

    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet

    def get_queryset(self):
        return EvaluationProgram.objects.public().select_related(
            "basis_standard", "operator", "laboratory"
        )


class BatchSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:batch-detail")
    html_url = PageUrlField()
    program = RecordLinkField("api:program-detail")
    program_name = serializers.CharField(source="program.name", read_only=True)
    announced_at = PublicHyperlinkedRelatedField(
        "api:forum-detail", help_text="The forum where it was announced (null while a draft)."
    )
    basis_standard = PublicHyperlinkedRelatedField(
        "api:standard-detail",
        help_text="The standard edition this batch is pinned to, when it differs from the "
        "program's (null while a draft).",
    )
    announced_on = serializers.DateField(
        source="announced_on_effective",
        read_only=True,
        allow_null=True,
        help_text="The day announced: the source's own, else (announced_on_source "
        '"forum dates") the first day of the forum where it was announced.',
    )
    announced_on_source = serializers.ChoiceField(
        choices=["announcement", "forum dates"],
        read_only=True,
        allow_null=True,
        help_text='"announcement" (the source gives the day), "forum dates" (the source '
        'says only "during the forum"), or null when no date is known.',
    )
    result_count = serializers.IntegerField(read_only=True, help_text="How many results it has.")
    results = FilteredListField(
        "api:result-list", "batch_slug", help_text="The batch's results (the results list)."
    )

    class Meta:
        model = EvaluationBatch
        fields = [
            "url",
            "html_url",
            "slug",
            "program",
            "program_name",
            "number",
            "announced_on",
            "announced_on_source",
            "announced_at",
            "basis_standard",
            "notes",
            "result_count",
            "results",
        ]


class BatchViewSet(PublicReadOnlyViewSet):
    """Evaluation batches: a program's numbered round of results, announced on a date."""

    serializer_class = BatchSerializer
    filterset_class = without_sort(BatchFilterSet)

    def get_queryset(self):
        return (
            EvaluationBatch.objects.public()
            .select_related("program", "announced_at", "basis_standard")
            .annotate(result_count=result_count_subquery())
        )


class ResultApiFilterSet(without_sort(ResultFilterSet)):
    """The results list's filters, and the batch by its slug (its number repeats
    across programs)."""

    batch_slug = django_filters.CharFilter(
        field_name="batch__slug", label="Batch (slug)", max_length=200
    )

    class Meta(ResultFilterSet.Meta):
        fields = []


class ResultSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:result-detail", lookup_field="pk")
    html_url = PageUrlField()
    batch = RecordLinkField("api:batch-detail")
    organization = RecordLinkField("api:organization-detail")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = EvaluationResult
        fields = [
            "url",
            "html_url",
            "id",
            "batch",
            "organization",
            "organization_name",
            "product",
            "outcome",
            "withdrawn_on",
            "withdrawal_reason",
            "notes",
        ]


class ResultViewSet(PublicReadOnlyViewSet):
    """Evaluation results: an organization's (or its product's) outcome in a batch."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    serializer_class = ResultSerializer
    filterset_class = ResultApiFilterSet

    def get_queryset(self):
        return EvaluationResult.objects.public().select_related("batch", "organization")
