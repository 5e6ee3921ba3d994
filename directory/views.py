from collections import defaultdict

from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.listing import FilteredListView
from core.models import PublicationStatus
from directory.exports import organization_csv
from directory.filters import OrganizationFilterSet
from directory.models import Organization, Person
from evaluations.models import EvaluationProgram, EvaluationResult
from forums.models import OrganizerRole, PersonRole, Session, TalkSpeaker
from standards.models import DraftingRole, Standard

PUBLISHED = PublicationStatus.PUBLISHED
RESULTS_SHOWN = 50


class OrganizationListView(FilteredListView):
    filterset_class = OrganizationFilterSet
    template_name = "directory/organization_list.html"
    csv_exporter = organization_csv
    csv_name = "organizations"

    def get_queryset(self):
        return Organization.objects.select_related("parent")


@require_safe
def organization_detail(request, slug):
    """Everything about one organization: results, talks, standards, forum roles."""
    organization = get_object_or_404(
        Organization.objects.select_related("parent", "source").prefetch_related("children"),
        slug=slug,
    )
    public_results = EvaluationResult.objects.filter(
        organization=organization, batch__publication_status=PUBLISHED
    )
    # The latest results only, so the page stays small for a company with hundreds;
    # the full record is one link away, in the filtered results list.
    latest = list(
        public_results.select_related("batch__program").order_by(
            F("batch__announced_on").desc(nulls_last=True), "-batch_id", "product"
        )[:RESULTS_SHOWN]
    )
    results_by_program = defaultdict(list)
    for result in sorted(latest, key=lambda r: (r.batch.program.name, -r.batch.number, r.product)):
        results_by_program[result.batch.program].append(result)

    context = {
        "organization": organization,
        "results_by_program": dict(results_by_program),
        "results_shown": len(latest),
        "results_total": public_results.count() if len(latest) == RESULTS_SHOWN else len(latest),
        "talk_credits": TalkSpeaker.objects.filter(
            organization=organization, talk__forum__publication_status=PUBLISHED
        )
        .select_related("talk__forum", "talk__session", "person")
        .order_by("-talk__forum__start_date", "talk__order"),
        "drafting_roles": DraftingRole.objects.filter(
            organization=organization, standard__publication_status=PUBLISHED
        ).select_related("standard"),
        "standards_issued": Standard.objects.published().filter(issuing_body=organization),
        "organizer_roles": OrganizerRole.objects.filter(
            organization=organization, forum__publication_status=PUBLISHED
        ).select_related("forum"),
        "person_roles": PersonRole.objects.filter(
            organization=organization, forum__publication_status=PUBLISHED
        ).select_related("forum", "person"),
        "sessions": Session.objects.filter(
            organizations=organization, forum__publication_status=PUBLISHED
        ).select_related("forum"),
        "programs": EvaluationProgram.objects.filter(operator=organization)
        | EvaluationProgram.objects.filter(laboratory=organization),
    }
    return render(request, "directory/organization_detail.html", context)


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("source"), slug=slug)
    context = {
        "person": person,
        "talk_credits": TalkSpeaker.objects.filter(
            person=person, talk__forum__publication_status=PUBLISHED
        )
        .select_related("talk__forum", "talk__session", "organization")
        .order_by("-talk__forum__start_date", "talk__order"),
        "roles": PersonRole.objects.filter(person=person, forum__publication_status=PUBLISHED)
        .select_related("forum", "organization")
        .prefetch_related("sessions"),
    }
    return render(request, "directory/person_detail.html", context)
