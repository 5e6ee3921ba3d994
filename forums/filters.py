import django_filters

from core.filters import PlainSelect, SearchFilterSet, sort_filter, year_filter
from forums.models import Forum, ForumSeries


class ForumFilterSet(SearchFilterSet):
    search_fields = ["title", "native_title", "city", "venue", "summary"]

    series = django_filters.ModelChoiceFilter(
        widget=PlainSelect,
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
