from django import forms
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.charts import status_chart
from core.filters import SEARCH_MAX_LENGTH
from core.models import PublicationStatus
from core.search import search_everything
from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationResult
from forums.models import Forum
from standards.models import Standard


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    status_counts = dict(
        Standard.objects.published()
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    context = {
        "latest_forum": Forum.objects.published().select_related("series").first(),
        "latest_batches": EvaluationBatch.objects.published()
        .select_related("program", "announced_at")
        .order_by(F("announced_on").desc(nulls_last=True), "-created_at")[:5],
        "chart": status_chart(status_counts),
        "counts": {
            "forums": Forum.objects.published().count(),
            "standards": sum(status_counts.values()),
            "organizations": Organization.objects.count(),
            "results": EvaluationResult.objects.filter(
                batch__publication_status=PublicationStatus.PUBLISHED
            ).count(),
        },
    }
    return render(request, "core/home.html", context)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=SEARCH_MAX_LENGTH, required=False, strip=True)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "core/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"]
    groups = search_everything(query) if query else []
    context = {"form": form, "search_query": query, "groups": groups}
    return render(request, "core/search.html", context)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
