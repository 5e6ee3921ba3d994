from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import FilteredListView
from core.models import reverse_model
from core.redirects import visible_by_slug
from forums.exports import forum_csv
from forums.filters import ForumFilterSet
from forums.models import Forum, OrganizerRole, PersonRole, Session, Talk, TalkSpeaker
from forums.structured_data import forum_json_ld

# Records of the apps above forums, reached through the forum's reverse relations.
Standard = reverse_model(Session, "standards_discussed")
EvaluationBatch = reverse_model(Forum, "batches_announced")


class ForumListView(FilteredListView):
    filterset_class = ForumFilterSet
    template_name = "forums/forum_list.html"
    csv_exporter = forum_csv
    csv_name = "forums"

    def get_queryset(self):
        return Forum.objects.public().select_related("series")


@require_safe
def forum_detail(request, slug):
    forum = visible_by_slug(
        Forum.objects.visible_to(request.user)
        .select_related("series", "source")
        .prefetch_related(
            Prefetch(
                "organizer_roles",
                queryset=OrganizerRole.objects.select_related("organization"),
            ),
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("convened_by").prefetch_related(
                    "organizations",
                    "committees",
                    Prefetch("standards_discussed", queryset=Standard.objects.public()),
                ),
            ),
            Prefetch(
                "talks",
                queryset=Talk.objects.prefetch_related(
                    Prefetch(
                        "speakers",
                        queryset=TalkSpeaker.objects.select_related("person", "organization"),
                    ),
                    Prefetch("standards_discussed", queryset=Standard.objects.public()),
                ),
            ),
            Prefetch(
                "person_roles",
                queryset=PersonRole.objects.select_related("person", "organization"),
            ),
            Prefetch(
                "batches_announced",
                queryset=EvaluationBatch.objects.visible_to(request.user).select_related("program"),
            ),
        ),
        slug,
    )
    talks_by_session = defaultdict(list)
    for talk in forum.talks.all():
        talks_by_session[talk.session_id].append(talk)
    context = {
        "forum": forum,
        "sessions": [(session, talks_by_session[session.pk]) for session in forum.sessions.all()],
        "talks_outside_sessions": talks_by_session[None],
        "json_ld": forum_json_ld(request, forum),
    }
    return render(request, "forums/forum_detail.html", context)
