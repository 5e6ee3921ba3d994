"""Filter pieces every public list shares."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Lookup, Model, Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

SEARCH_MAX_LENGTH = 200
# Each word is one more index scan (or, for a word of one or two letters, which a
# trigram index cannot serve, one more pass over the rows): eight bound a search's cost
# and are more than a reader's real searches use.
SEARCH_MAX_WORDS = 8


@dataclass(frozen=True)
class SearchWords:
    """The words a search matches, and those it left out."""

    words: list[str]
    dropped: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def search_words(text: str) -> SearchWords:
    """Each word once (ignoring case: a repeat finds nothing more), at most
    SEARCH_MAX_WORDS of them, the first ones typed; the rest are dropped."""
    words: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for word in text.split():
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        (words if len(words) < SEARCH_MAX_WORDS else dropped).append(word)
    return SearchWords(words, dropped)


# Keys of matching related records written into a query as a list, at most.
MATCHED_KEYS_LISTED = 1000


class AnyOf(Lookup):
    """`lhs = ANY(ARRAY(subquery))`, on PostgreSQL: the subquery runs once, and its
    values are looked up through the index on `lhs`, also inside an OR, where
    `lhs IN (subquery)` is tested row by row over the whole table."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def all_words(fields: list[str], text: str, model: type[Model] | None = None) -> Q:
    """Every word of the text in one of the fields, in any order, ignoring case.

    The lists' search boxes, global search and the admin's search boxes match alike,
    so a "More … matching" link from the search page lists at least what the search
    page found. `field__icontains` is `UPPER(field) LIKE UPPER('%word%')` on
    PostgreSQL, which the trigram indexes on `UPPER(field)` serve; only the words
    `search_words` keeps take part. Given the model, a field of a related record
    (`organization__name`, `speakers__person__name`) is matched in that record's own
    table, and the key looked up among the matches, rather than joining every row.
    """
    condition = Q()
    for word in search_words(text).words:
        condition &= _in_any_field(fields, word, model)
    return condition


def _in_any_field(fields: list[str], word: str, model: type[Model] | None) -> Q:
    condition = Q()
    related: dict[str, list[str]] = {}
    for field in fields:
        name, _, rest = field.partition("__")
        if rest and _relation(model, name):
            related.setdefault(name, []).append(rest)
        else:
            condition |= Q(**{f"{field}__icontains": word})
    for name, related_fields in related.items():
        own_key, related_key = _relation(model, name)
        target = model._meta.get_field(name).related_model
        matches = target._base_manager.filter(_in_any_field(related_fields, word, target))
        condition |= _key_among(own_key, matches.values_list(related_key, flat=True))
    return condition


def _relation(model: type[Model] | None, name: str) -> tuple[str, str] | None:
    """For a foreign key of the model, or one of another model pointing at it: the
    column on each side that match."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    if field is not None and field.many_to_one and field.concrete:
        return name, "pk"
    if field is not None and field.one_to_many and field.auto_created:
        return "pk", field.field.attname
    return None


def _key_among(key: str, matches: QuerySet) -> Q:
    """The key among the matching related records' keys.

    Up to MATCHED_KEYS_LISTED of them are fetched and written into the query as a list,
    which PostgreSQL looks up through a hash, and the planner sees how many there are.
    Beyond that, a subquery (`IN (SELECT …)`, hashed once) keeps the list out of the
    query: `= ANY(ARRAY(SELECT …))` would compare each row with every key in turn.
    """
    keys = list(matches.order_by()[: MATCHED_KEYS_LISTED + 1])
    if len(keys) <= MATCHED_KEYS_LISTED:
        return Q(**{f"{key}__in": keys})
    return Q(**{f"{key}__in": matches.order_by()})


def search_admin(model_admin, request, queryset: QuerySet, search_term: str):
    """`ModelAdmin.get_search_results` through `all_words`: the changelist's search box
    (and the autocomplete of keys to this model) finds what the public lists' boxes
    find, through the same indexes and bound on words. Words are split at spaces:
    quotes group nothing, as on the site."""
    fields = list(model_admin.get_search_fields(request))
    if not (fields and search_term.strip()):
        return queryset, False
    model = queryset.model
    joined = [field for field in fields if not _relation(model, field.partition("__")[0])]
    may_have_duplicates = any(lookup_spawns_duplicates(model_admin.opts, field) for field in joined)
    return queryset.filter(all_words(fields, search_term, model)), may_have_duplicates


class SearchFilterSet(django_filters.FilterSet):
    """A filterset with a free-text box over `search_fields`."""

    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=SEARCH_MAX_LENGTH, strip=True
    )
    search_fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(all_words(self.search_fields, value, queryset.model))


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
