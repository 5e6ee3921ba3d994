"""Filter pieces every public list shares."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

SEARCH_MAX_LENGTH = 200


def all_words(fields: list[str], text: str) -> Q:
    """Every word of the text in one of the fields, in any order, ignoring case.

    The lists' search boxes and global search match alike, so a "More … matching"
    link from the search page lists at least what the search page found.
    """
    condition = Q()
    for word in text.split():
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        condition &= in_any_field
    return condition


class SearchFilterSet(django_filters.FilterSet):
    """A filterset with a free-text box over `search_fields`."""

    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=SEARCH_MAX_LENGTH, strip=True
    )
    search_fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(all_words(self.search_fields, value))


def year_filter(field_name: str, label: str = "Year") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name=field_name, lookup_expr="year", label=label, min_value=1900, max_value=2100
    )


class PlainSelect(forms.Select):
    """A select rendered in Python rather than one template per option.

    Same markup as Django's Select; a filter with hundreds of choices (issuing bodies,
    programs) stays cheap to render.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group_name, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


def sort_filter(*options: tuple[str, str, str, str], default: str) -> django_filters.OrderingFilter:
    """The "Sort by" menu of a list: each option is (param, field, ascending label,
    descending label), e.g. ("date", "start_date", "Oldest first", "Newest first").

    `default` (e.g. "-date") is the list's order when none is chosen: the menu shows
    it first and once, with no separate empty choice that would repeat its label.
    """
    labels = {}
    for param, _field, ascending, descending in options:
        labels[param] = ascending
        labels[f"-{param}"] = descending
    return django_filters.OrderingFilter(
        fields=[(field, param) for param, field, _ascending, _descending in options],
        choices=[(default, labels.pop(default)), *labels.items()],
        label="Sort by",
        empty_label=None,
    )
