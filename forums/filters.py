import django_filters

from core.filters import PlainSelect, SearchFilterSet, year_filter
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
    sort = django_filters.OrderingFilter(
        fields=[("start_date", "date"), ("title", "title")],
        # django-filter keys ascending labels by model field, descending ones by "-param".
        field_labels={
            "start_date": "Oldest first",
            "-date": "Newest first",
            "title": "Title",
            "-title": "Title (descending)",
        },
        label="Sort by",
        empty_label="Newest first",
    )

    class Meta:
        model = Forum
        fields = []
