"""The pages that join the domain apps: home, global search, organizations and people."""

from collections import defaultdict

from django import forms
from django.db.models import Count, F
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.filters import SEARCH_MAX_LENGTH, search_words
from core.listing import FilteredListView
from core.menus import per_content_version
from core.redirects import visible_by_slug
from directory.exports import organization_csv, person_csv
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from forums.models import Forum
from portal.charts import status_chart
from portal.dump import open_current_dump
from portal.feeds import WHATS_NEW_PAGES, WHATS_NEW_PER_PAGE
from portal.feeds import whats_new as whats_new_entries
from portal.filters import OrganizationListFilterSet, PersonListFilterSet
from portal.search import search_everything
from portal.structured_data import organization_json_ld
from standards.models import Standard

RESULTS_SHOWN = 50


def count_the_record() -> dict:
    """The home page's figures: counts over whole tables, so computed once per change."""
    status_counts = dict(
        Standard.objects.public()
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {
        "status_counts": status_counts,
        "forums": Forum.objects.public().count(),
        "standards": sum(status_counts.values()),
        "organizations": Organization.objects.public().count(),
        "results": EvaluationResult.objects.public().count(),
    }


def home_figures() -> dict:
    return per_content_version("home-figures", count_the_record)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    figures = home_figures()
    context = {
        "latest_forum": Forum.objects.public().select_related("series").first(),
        "latest_batches": EvaluationBatch.objects.public()
        .select_related("program", "announced_at")
        .order_by(F("announced_on_effective").desc(nulls_last=True), "-created_at")[:5],
        "chart": status_chart(figures["status_counts"]),
        "counts": figures,
    }
    return render(request, "portal/home.html", context)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=SEARCH_MAX_LENGTH, required=False, strip=True)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"]
    groups = search_everything(query) if query else []
    # The page says which words, past the first few, the search left out.
    context = {"form": form, "search_query": query, "groups": groups, "words": search_words(query)}
    return render(request, "portal/search.html", context)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('core:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class OrganizationListView(FilteredListView):
    filterset_class = OrganizationListFilterSet
    template_name = "portal/organization_list.html"
    csv_exporter = organization_csv
    csv_name = "organizations"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")


@require_safe
def organization_detail(request, slug):
    """Everything about one organization: results, talks, standards, forum roles."""
    organization = visible_by_slug(
        Organization.objects.public()
        .select_related("parent", "source")
        .prefetch_related("children"),
        slug,
    )
    public_results = organization.evaluation_results.public()
    # The latest results only, so the page stays small for a company with hundreds;
    # the full record is one link away, in the filtered results list.
    latest = list(
        public_results.select_related("batch__program", "batch__announced_at").order_by(
            F("batch__announced_on_effective").desc(nulls_last=True), "-batch_id", "product"
        )[:RESULTS_SHOWN]
    )
    results_by_program = defaultdict(list)
    for result in sorted(latest, key=lambda r: (r.batch.program.name, -r.batch.number, r.product)):
        results_by_program[result.batch.program].append(result)

    context = {
        "organization": organization,
        "json_ld": organization_json_ld(request, organization),
        "results_by_program": dict(results_by_program),
        "results_shown": len(latest),
        "results_total": public_results.count() if len(latest) == RESULTS_SHOWN else len(latest),
        "talk_credits": organization.talk_credits.public()
        .select_related("talk__forum", "talk__session", "person")
        .order_by("-talk__forum__start_date", "talk__order"),
        "drafting_roles": organization.drafting_roles.public().select_related("standard"),
        "standards_issued": organization.standards_issued.public(),
        "organizer_roles": organization.forum_roles.public().select_related("forum"),
        "person_roles": organization.person_roles.public().select_related("forum", "person"),
        "sessions": organization.sessions.public().select_related("forum"),
        "programs": EvaluationProgram.objects.public().filter(operator=organization)
        | EvaluationProgram.objects.public().filter(laboratory=organization),
    }
    return render(request, "portal/organization_detail.html", context)


class PersonListView(FilteredListView):
    """Everyone the record names (speakers, chairs, hosts), by name."""

    filterset_class = PersonListFilterSet
    template_name = "portal/person_list.html"
    csv_exporter = person_csv
    csv_name = "people"

    def get_queryset(self):
        return Person.objects.public()


@require_safe
def person_detail(request, slug):
    person = visible_by_slug(Person.objects.public().select_related("source"), slug)
    context = {
        "person": person,
        "talk_credits": person.talk_credits.public()
        .select_related("talk__forum", "talk__session", "organization")
        .order_by("-talk__forum__start_date", "talk__order"),
        "roles": person.forum_roles.public()
        .select_related("forum", "organization")
        .prefetch_related("sessions"),
    }
    return render(request, "portal/person_detail.html", context)


@require_safe
def whats_new(request: HttpRequest) -> HttpResponse:
    """The latest changes across the registry, newest first, in bounded pages."""
    number = request.GET.get("page")
    if number is None:
        page = 1
    elif number in {str(n) for n in range(2, WHATS_NEW_PAGES + 1)}:
        page = int(number)
    else:
        # page=1, past the last page or not a page number: the first page, at its one URL.
        return redirect("core:whats_new", permanent=True)
    entries = whats_new_entries(page * WHATS_NEW_PER_PAGE + 1)
    shown = entries[(page - 1) * WHATS_NEW_PER_PAGE : page * WHATS_NEW_PER_PAGE]
    if page > 1 and not shown:
        return redirect("core:whats_new")
    context = {
        "entries": shown,
        "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1
        if len(entries) > page * WHATS_NEW_PER_PAGE and page < WHATS_NEW_PAGES
        else None,
        "last_page_reached": page == WHATS_NEW_PAGES,
    }
    return render(request, "portal/whats_new.html", context)


@require_safe
def data_dump(request: HttpRequest) -> FileResponse:
    """Every public list's CSV in one zip, rebuilt when the content has changed."""
    return FileResponse(
        open_current_dump(request.build_absolute_uri("/")),
        as_attachment=True,
        filename=f"sodium-registry-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )
