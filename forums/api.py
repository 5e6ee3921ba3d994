"""The forums' part of the read-only JSON API: forums, sessions and talks (core.api)."""

from django.db.models import Prefetch
from rest_framework import serializers

from core.api import (
    ApiUrlField,
    FilteredListField,
    PageUrlField,
    PublicReadOnlyViewSet,
    RecordLinkField,
    without_sort,
)
from core.models import reverse_model
from directory.models import Organization
from forums.filters import ForumFilterSet, SessionFilterSet, TalkFilterSet
from forums.models import Forum, ForumSeries, OrganizerRole, Session, Talk, TalkSpeaker

# Records of the app above forums, reached through the reverse relation (never an import).
Standard = reverse_model(Session, "standards_discussed")


def _public_standards() -> Prefetch:
    return Prefetch("standards_discussed", queryset=Standard.objects.public().only("slug"))


class SeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForumSeries
        fields = ["name", "native_name", "slug"]


class OrganizerSerializer(serializers.ModelSerializer):
    organization = RecordLinkField("api:organization-detail")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = OrganizerRole
        fields = ["organization", "organization_name", "role"]


class ForumSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:forum-detail")
    html_url = PageUrlField()
    series = SeriesSerializer(read_only=True)
    organizers = OrganizerSerializer(source="organizer_roles", many=True, read_only=True)
    sessions = FilteredListField(
        "api:session-list", "forum", help_text="The forum's sessions (the sessions list)."
    )
    talks = FilteredListField(
        "api:talk-list", "forum", help_text="The talks given there (the talks list)."
    )

    class Meta:
        model = Forum
        fields = [
            "url",
            "html_url",
            "slug",
            "title",
            "native_title",
            "series",
            "edition_number",
            "start_date",
            "end_date",
            "city",
            "region",
            "venue",
            "attendees",
            "attendees_is_lower_bound",
            "attending_organizations",
            "attending_organizations_is_lower_bound",
            "online_viewers",
            "online_viewers_is_lower_bound",
            "summary",
            "organizers",
            "sessions",
            "talks",
        ]


class ForumViewSet(PublicReadOnlyViewSet):
    """Forums (one edition of a series each), newest entered last."""

    serializer_class = ForumSerializer
    filterset_class = without_sort(ForumFilterSet)

    def get_queryset(self):
        return (
            Forum.objects.public()
            .select_related("series")
            .prefetch_related(
                Prefetch(
                    "organizer_roles",
                    queryset=OrganizerRole.objects.select_related("organization"),
                )
            )
        )


class SessionSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:session-detail", lookup_field="pk")
    html_url = PageUrlField()
    forum = RecordLinkField("api:forum-detail")
    convened_by = RecordLinkField("api:organization-detail", allow_null=True)
    organizations = RecordLinkField("api:organization-detail", many=True)
    standards_discussed = RecordLinkField("api:standard-detail", many=True)

    class Meta:
        model = Session
        fields = [
            "url",
            "html_url",
            "id",
            "forum",
            "title",
            "native_title",
            "kind",
            "date",
            "order",
            "convened_by",
            "description",
            "organizations",
            "standards_discussed",
        ]


class SessionViewSet(PublicReadOnlyViewSet):
    """Sessions of public forums (opening ceremony, thematic forums, sub-forums, …)."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet

    def get_queryset(self):
        return (
            Session.objects.public()
            .select_related("forum", "convened_by")
            .prefetch_related(
                Prefetch("organizations", queryset=Organization.objects.only("slug")),
                _public_standards(),
            )
        )


class SpeakerSerializer(serializers.ModelSerializer):
    person = RecordLinkField("api:person-detail", allow_null=True)
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    organization = RecordLinkField("api:organization-detail", allow_null=True)
    organization_name = serializers.CharField(
        source="organization.name", read_only=True, allow_null=True
    )

    class Meta:
        model = TalkSpeaker
        fields = ["person", "person_name", "organization", "organization_name", "position"]


class TalkSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:talk-detail", lookup_field="pk")
    html_url = PageUrlField()
    forum = RecordLinkField("api:forum-detail")
    session = serializers.HyperlinkedRelatedField(
        view_name="api:session-detail", read_only=True, allow_null=True
    )
    speakers = SpeakerSerializer(many=True, read_only=True)
    standards_discussed = RecordLinkField("api:standard-detail", many=True)

    class Meta:
        model = Talk
        fields = [
            "url",
            "html_url",
            "id",
            "forum",
            "session",
            "title",
            "native_title",
            "kind",
            "summary",
            "order",
            "speakers",
            "standards_discussed",
        ]


class TalkViewSet(PublicReadOnlyViewSet):
    """Talks given at public forums, with their speakers as they were at the time."""

    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    serializer_class = TalkSerializer
    filterset_class = TalkFilterSet

    def get_queryset(self):
        return (
            Talk.objects.public()
            .select_related("forum")
            .prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=TalkSpeaker.objects.select_related("person", "organization"),
                ),
                _public_standards(),
            )
        )
