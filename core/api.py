"""What every app's read-only JSON API shares (each app's viewsets live in its api.py).

* Public records only: a viewset's queryset starts at `public()` whoever asks; the API
  has no sign-in (no authentication classes), so staff see what everyone sees.
* Cursor pagination on the primary key: an unchanging, unique, indexed order, so a
  cursor stays valid while records are added and each page costs one index range.
* The list pages' own filtersets (django-filter's DRF backend), without their "Sort by"
  menu: the API's order is its cursor's (`without_sort`).
* Detail by slug through `visible_by_slug`, so a former slug answers 301 to the current
  URL (core.redirects.SlugRedirectMiddleware), as the HTML pages do.
* Anonymous clients are throttled per address (the cache counts their requests).
* Related records are linked by their API URL; a related record that is a draft is
  shown as null (`PublicHyperlinkedRelatedField`).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from core.api_policies import RegistryCursorPagination
from core.redirects import visible_by_slug


class RecordLinkField(serializers.HyperlinkedRelatedField):
    """A link to a related record's API URL, by its slug (the API is read-only)."""

    def __init__(self, view_name: str, **kwargs):
        kwargs.setdefault("lookup_field", "slug")
        kwargs.setdefault("read_only", True)
        super().__init__(view_name=view_name, **kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        # With many=True, DRF builds the list field from the arguments as given, before
        # __init__ runs: it needs to hear "read only" here too.
        kwargs.setdefault("read_only", True)
        return super().many_init(*args, **kwargs)


class PublicHyperlinkedRelatedField(RecordLinkField):
    """A link to a related record's API URL, or null while that record is a draft."""

    def __init__(self, view_name: str, **kwargs):
        if not kwargs.get("many"):
            kwargs.setdefault("allow_null", True)
        super().__init__(view_name, **kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if value is not None and not value.is_public:
            return None
        return value


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The record's own URL in the API."""

    def __init__(self, view_name: str, lookup_field: str = "slug", **kwargs):
        kwargs.setdefault("help_text", "This record in the API.")
        super().__init__(view_name=view_name, lookup_field=lookup_field, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The record's public HTML page (its get_absolute_url), as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The record's page on this site.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class FilteredListField(serializers.Field):
    """A link to another list of the API filtered to this record, e.g. a forum's
    sessions (/api/sessions/?forum=<slug>): no query, whatever the list holds."""

    def __init__(self, view_name: str, parameter: str, lookup_field: str = "slug", **kwargs):
        self.view_name, self.parameter, self.lookup_field = view_name, parameter, lookup_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        query = urlencode({self.parameter: getattr(value, self.lookup_field)})
        path = f"{reverse(self.view_name)}?{query}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


def without_sort(filterset_class):
    """The list page's filterset less its "Sort by" menu (a declared filter set to None
    is left out by django-filter): the API orders by its cursor."""
    return type(
        filterset_class.__name__.removesuffix("FilterSet") + "ApiFilterSet",
        (filterset_class,),
        {"sort": None, "__module__": filterset_class.__module__},
    )


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of public records; subclasses give `queryset` (from public()),
    `serializer_class` and `filterset_class`. Detail by slug, former slugs 301."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    pagination_class = RegistryCursorPagination
    filter_backends = [DjangoFilterBackend]

    def get_object(self):
        if self.lookup_field != "slug":
            return super().get_object()
        return visible_by_slug(self.get_queryset(), self.kwargs["slug"])
