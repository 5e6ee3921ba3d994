"""The API's root, router and description, and its organizations and people.

Each app keeps its own viewsets (forums/api.py, standards/api.py, evaluations/api.py);
the organizations and people are here because their pages are (portal/views.py), with
the organizations list's filters. The shared pieces are in core/api.py.
"""

import functools

from django.http import JsonResponse
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import routers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import (
    ApiUrlField,
    FilteredListField,
    PageUrlField,
    PublicReadOnlyViewSet,
    RecordLinkField,
    without_sort,
)
from directory.filters import PersonFilterSet
from directory.models import Organization, Person
from evaluations.api import BatchViewSet, ProgramViewSet, ResultViewSet
from forums.api import ForumViewSet, SessionViewSet, TalkViewSet
from portal.filters import OrganizationListFilterSet
from standards.api import StandardViewSet


class OrganizationSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:organization-detail")
    html_url = PageUrlField()
    aliases = serializers.ListField(
        source="alias_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="Other names and short forms.",
    )
    parent = RecordLinkField("api:organization-detail", allow_null=True)
    results = FilteredListField(
        "api:result-list",
        "organization",
        help_text="Its evaluation results (the results list).",
    )

    class Meta:
        model = Organization
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "native_name",
            "aliases",
            "kind",
            "region",
            "parent",
            "website",
            "description",
            "results",
        ]


class OrganizationViewSet(PublicReadOnlyViewSet):
    """Organizations: companies, institutes, universities, agencies, laboratories, …"""

    serializer_class = OrganizationSerializer
    filterset_class = without_sort(OrganizationListFilterSet)

    def get_queryset(self):
        return Organization.objects.public().select_related("parent")


class PersonSerializer(serializers.HyperlinkedModelSerializer):
    url = ApiUrlField("api:person-detail")
    html_url = PageUrlField()

    class Meta:
        model = Person
        fields = ["url", "html_url", "slug", "name", "native_name", "honorific"]


class PersonViewSet(PublicReadOnlyViewSet):
    """People: speakers, moderators and guests (their affiliation is the talk's or role's)."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def get_queryset(self):
        return Person.objects.public()


# The resources in the order the root lists them: (prefix, viewset, basename).
RESOURCES = [
    ("forums", ForumViewSet, "forum"),
    ("sessions", SessionViewSet, "session"),
    ("talks", TalkViewSet, "talk"),
    ("standards", StandardViewSet, "standard"),
    ("programs", ProgramViewSet, "program"),
    ("batches", BatchViewSet, "batch"),
    ("results", ResultViewSet, "result"),
    ("organizations", OrganizationViewSet, "organization"),
    ("people", PersonViewSet, "person"),
]

router = routers.SimpleRouter()
for prefix, viewset, basename in RESOURCES:
    router.register(prefix, viewset, basename=basename)


@functools.cache
def openapi_schema() -> dict:
    """The OpenAPI 3 description of the API, built once per process from the code."""
    return SchemaGenerator().get_schema(request=None, public=True)


class ApiRootView(APIView):
    """Where every list of the API is, and its description and reference."""

    @extend_schema(exclude=True)
    def get(self, request):
        links = {
            prefix: request.build_absolute_uri(reverse(f"api:{basename}-list"))
            for prefix, _viewset, basename in RESOURCES
        }
        links["openapi"] = request.build_absolute_uri(reverse("api:openapi"))
        links["reference"] = request.build_absolute_uri(reverse("api:reference"))
        links["data_dictionary"] = request.build_absolute_uri(reverse("core:data_dictionary"))
        return Response(links)


class OpenApiView(APIView):
    """The OpenAPI 3 description, as JSON."""

    renderer_classes = [OpenApiJsonRenderer]

    @extend_schema(exclude=True)
    def get(self, request):
        return Response(openapi_schema())


def not_found(request, *args, **kwargs) -> JsonResponse:
    """A path under /api/ that names no resource: 404, in JSON like the API's others."""
    return JsonResponse({"detail": "Not found."}, status=404)
