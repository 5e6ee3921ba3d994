from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import FilteredListView
from core.redirects import visible_by_slug
from evaluations.exports import public_batch_csv, public_result_csv
from evaluations.filters import BatchFilterSet, ResultFilterSet
from evaluations.models import EvaluationBatch, EvaluationResult


def result_count_subquery():
    counts = (
        EvaluationResult.objects.filter(batch=OuterRef("pk"))
        .order_by()
        .values("batch")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class BatchListView(FilteredListView):
    filterset_class = BatchFilterSet
    template_name = "evaluations/batch_list.html"
    csv_exporter = public_batch_csv
    csv_name = "evaluation-batches"

    def get_queryset(self):
        return (
            EvaluationBatch.objects.public()
            .select_related("program", "announced_at")
            # Counted per listed batch in a subquery, not by grouping every result.
            .annotate(result_count=result_count_subquery())
            .order_by(*EvaluationBatch._meta.ordering, "pk")
        )


class ResultListView(FilteredListView):
    filterset_class = ResultFilterSet
    template_name = "evaluations/result_list.html"
    csv_exporter = public_result_csv
    csv_name = "evaluation-results"

    def get_queryset(self):
        return (
            EvaluationResult.objects.public()
            .select_related("organization", "batch__program", "batch__announced_at")
            .order_by(
                "-batch__announced_on_effective", "batch__program__name", "batch__number", "order"
            )
        )


@require_safe
def batch_detail(request, slug):
    batch = visible_by_slug(
        EvaluationBatch.objects.visible_to(request.user)
        .select_related(
            "program__basis_standard",
            "program__laboratory",
            "program__operator",
            "basis_standard",
            "announced_at",
            "source",
        )
        .prefetch_related(
            Prefetch(
                "results",
                # As announced, then as entered: the (batch, order, id) index's order.
                queryset=EvaluationResult.objects.select_related("organization").order_by(
                    "order", "pk"
                ),
            )
        ),
        slug,
    )
    context = {
        "batch": batch,
        "other_batches": EvaluationBatch.objects.visible_to(request.user)
        .filter(program=batch.program_id)
        .exclude(pk=batch.pk)
        .order_by("-number"),
    }
    return render(request, "evaluations/batch_detail.html", context)
