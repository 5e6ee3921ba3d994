from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import FilteredListView
from core.models import reverse_model
from core.redirects import visible_by_slug
from forums.models import Session, Talk
from standards.exports import standard_csv
from standards.filters import StandardFilterSet
from standards.models import STATUS_EXPLANATIONS, DraftingRole, Standard, StandardStatus
from standards.structured_data import standard_json_ld

# Records of the app above standards, reached through the standard's reverse relations.
EvaluationBatch = reverse_model(Standard, "evaluation_batches")
EvaluationProgram = reverse_model(Standard, "evaluation_programs")


class StandardListView(FilteredListView):
    filterset_class = StandardFilterSet
    template_name = "standards/standard_list.html"
    csv_exporter = standard_csv
    csv_name = "standards"

    def get_queryset(self):
        return Standard.objects.public().select_related("issuing_body", "committee")


@require_safe
def standard_detail(request, slug):
    standard = visible_by_slug(
        Standard.objects.visible_to(request.user)
        .select_related("issuing_body", "committee__organization", "source")
        .prefetch_related(
            Prefetch(
                "drafting_roles",
                queryset=DraftingRole.objects.select_related("organization"),
            ),
            "milestones",
            Prefetch("replaces", queryset=Standard.objects.visible_to(request.user)),
            Prefetch("replaced_by", queryset=Standard.objects.visible_to(request.user)),
            Prefetch(
                "evaluation_batches",
                queryset=EvaluationBatch.objects.public().select_related("program"),
            ),
            Prefetch(
                "evaluation_programs",
                queryset=EvaluationProgram.objects.public().select_related("laboratory"),
            ),
            Prefetch(
                "discussed_at_sessions",
                queryset=Session.objects.public().select_related("forum"),
            ),
            Prefetch(
                "discussed_in_talks",
                queryset=Talk.objects.public().select_related("forum"),
            ),
        ),
        slug,
    )
    context = {"standard": standard, "json_ld": standard_json_ld(request, standard)}
    return render(request, "standards/standard_detail.html", context)


@require_safe
def status_explanations(request):
    statuses = [
        {"value": status.value, "label": status.label, "native": native, "meaning": meaning}
        for status, (native, meaning) in STATUS_EXPLANATIONS.items()
    ]
    return render(
        request,
        "standards/status_explanations.html",
        {"statuses": statuses, "published": StandardStatus.PUBLISHED},
    )
