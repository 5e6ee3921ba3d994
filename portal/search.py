"""Global search: one query per kind of record, grouped for the results page.

On PostgreSQL, full-text search (English stemming, ranked) of titles joins plain
substring matching, which is still needed for native names and standard codes;
names of organizations and people are matched as substrings only. On SQLite the
substring matching alone serves. The same queries find the same records on both
for the names, codes and words readers type.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from core.filters import all_words
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch
from forums.models import Forum, Talk
from standards.codes import normalize_code
from standards.models import Standard

RESULTS_PER_KIND = 10


@dataclass
class SearchGroup:
    label: str
    results: list
    more_url: str = ""
    has_more: bool = False


def _matching(
    queryset: QuerySet,
    query: str,
    fields: list[str],
    extra: Q | None = None,
    *,
    full_text: bool = True,
) -> QuerySet:
    # Every word in some field, in any order: "specifications sodium" finds
    # "General Specifications for Sodium Ion Batteries" here as full-text search does.
    condition = all_words(fields, query)
    if extra is not None:
        condition |= extra
    if connection.vendor != "postgresql" or not full_text:
        return queryset.filter(condition)
    text_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(
            search_document=SearchVector(*fields, config="english"),
        )
        .filter(condition | Q(search_document=text_query))
        # F(), not the bare name: SearchRank would wrap a name in a second to_tsvector().
        .annotate(search_rank=SearchRank(F("search_document"), text_query))
        .order_by("-search_rank", *queryset.query.order_by or queryset.model._meta.ordering)
    )


def search_everything(query: str) -> list[SearchGroup]:
    normalized_code = normalize_code(query)
    code_match = Q(code_normalized__contains=normalized_code) if normalized_code else None
    groups = [
        SearchGroup(
            "Standards",
            _matching(Standard.objects.public(), query, ["title", "native_title"], code_match),
            reverse("standards:standard_list"),
        ),
        SearchGroup(
            "Organizations",
            # Names gain nothing from stemming, and building a text-search vector for
            # every organization on every search costs more than the rest together.
            _matching(
                Organization.objects.public(),
                query,
                ["name", "native_name", "aliases"],
                full_text=False,
            ),
            reverse("directory:organization_list"),
        ),
        SearchGroup(
            "Forums",
            _matching(Forum.objects.public(), query, ["title", "native_title", "city"]),
            reverse("forums:forum_list"),
        ),
        SearchGroup(
            "Evaluation batches",
            _matching(
                EvaluationBatch.objects.public().select_related("program"),
                query,
                ["program__name", "program__native_name"],
            ),
            reverse("evaluations:batch_list"),
        ),
        SearchGroup(
            "Talks",
            _matching(
                Talk.objects.public().select_related("forum"),
                query,
                ["title", "native_title"],
            ),
        ),
        SearchGroup(
            "People",
            _matching(
                Person.objects.public(),
                query,
                ["name", "native_name", "honorific"],
                full_text=False,
            ),
        ),
    ]
    for group in groups:
        # One query per kind; one row more than shown tells whether there are more.
        rows = list(group.results[: RESULTS_PER_KIND + 1])
        group.has_more = len(rows) > RESULTS_PER_KIND
        group.results = rows[:RESULTS_PER_KIND]
    return [group for group in groups if group.results]
