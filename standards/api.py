"""The standards' part of the read-only JSON API: standards with their milestones."""

from django.db.models import Prefetch
from rest_framework import serializers

from core.api import ApiUrlField, PageUrlField, PublicReadOnlyViewSet, RecordLinkField, without_sort
from standards.filters import StandardFilterSet
from standards.models import Committee, DraftingRole, Standard, StatusMilestone


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["name", "native_name", "slug", "kind"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusMilestone
        fields = ["status", "date", "iso_stage", "note"]


class DrafterSerializer(serializers.ModelSerializer):
    organization = RecordLinkField("api:organization-detail")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = DraftingRole
        fields = ["organization", "organization_name", "is_lead"]


class StandardSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:standard-detail")
    html_url = PageUrlField()
    status_label = serializers.CharField(
        read_only=True,
        help_text="The status as the page says it: “To be implemented” for a published "
        "standard whose effective date is still ahead.",
    )
    is_to_be_implemented = serializers.BooleanField(
        read_only=True, help_text="Published, with an effective date still ahead (即将实施)."
    )
    mandate = serializers.CharField(
        read_only=True, help_text="What the code says of its force (GB mandatory, GB/T …)."
    )
    issuing_body = RecordLinkField("api:organization-detail", allow_null=True)
    committee = CommitteeSerializer(read_only=True, allow_null=True)
    drafters = DrafterSerializer(source="drafting_roles", many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    replaces = RecordLinkField("api:standard-detail", many=True)
    replaced_by = RecordLinkField("api:standard-detail", many=True)

    class Meta:
        model = Standard
        fields = [
            "url",
            "html_url",
            "slug",
            "code",
            "title",
            "native_title",
            "level",
            "status",
            "status_label",
            "is_to_be_implemented",
            "mandate",
            "iso_stage",
            "issuing_body",
            "committee",
            "published_on",
            "effective_on",
            "withdrawn_on",
            "scope",
            "drafters",
            "milestones",
            "replaces",
            "replaced_by",
        ]


class StandardViewSet(PublicReadOnlyViewSet):
    """Standards, with their drafting organizations and dated status milestones."""

    serializer_class = StandardSerializer
    filterset_class = without_sort(StandardFilterSet)

    def get_queryset(self):
        public_slugs = Standard.objects.public().only("slug")
        return (
            Standard.objects.public()
            .select_related("issuing_body", "committee")
            .prefetch_related(
                Prefetch(
                    "drafting_roles",
                    queryset=DraftingRole.objects.select_related("organization"),
                ),
                "milestones",
                Prefetch("replaces", queryset=public_slugs),
                Prefetch("replaced_by", queryset=public_slugs),
            )
        )
