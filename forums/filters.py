import django_filters
from django.db.models import Count

from core.filters import SearchFilterSet, sort_filter, year_filter
from core.menus import MostUsedSelect
from forums.models import Forum, ForumSeries, Session, SessionKind, Talk, TalkKind


def series_by_use():
    """Series with the most public editions first."""
    return ForumSeries.objects.annotate(
        uses=Count("editions", filter=Forum.public_condition("editions__"))
    ).order_by("-uses", "name")


class ForumFilterSet(SearchFilterSet):
    search_fields = ["title", "native_title", "city", "venue", "summary"]

    series = django_filters.ModelChoiceFilter(
        widget=MostUsedSelect(key="forum-series", menu=series_by_use),
        queryset=ForumSeries.objects.all(),
        to_field_name="slug",
        empty_label="Any series",
    )
    year = year_filter("start_date")
    sort = sort_filter(
        ("date", "start_date", "Oldest first", "Newest first"),
        ("title", "title", "Title", "Title (descending)"),
        default="-date",
    )

    class Meta:
        model = Forum
        fields = []


class SessionFilterSet(SearchFilterSet):
    """The API's sessions (no page lists them): by forum, kind and words."""

    search_fields = ["title", "native_title", "description"]

    forum = django_filters.ModelChoiceFilter(
        queryset=Forum.objects.public(), to_field_name="slug", label="Forum (slug)"
    )
    kind = django_filters.ChoiceFilter(choices=SessionKind.choices, empty_label="Any kind")

    class Meta:
        model = Session
        fields = []


class TalkFilterSet(SearchFilterSet):
    """The API's talks (no page lists them): by forum, kind and words."""

    search_fields = ["title", "native_title", "summary"]

    forum = django_filters.ModelChoiceFilter(
        queryset=Forum.objects.public(), to_field_name="slug", label="Forum (slug)"
    )
    kind = django_filters.ChoiceFilter(choices=TalkKind.choices, empty_label="Any kind")

    class Meta:
        model = Talk
        fields = []
