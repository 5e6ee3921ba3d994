"""Global search: one query per kind of record, grouped for the results page.

On PostgreSQL, full-text search (English stemming, ranked) joins plain substring
matching, which is still needed for native names and standard codes; on SQLite the
substring matching alone serves. The same queries find the same records on both
for the names, codes and words readers type.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
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
    queryset: QuerySet, query: str, fields: list[str], extra: Q | None = None
) -> QuerySet:
    # Every word in some field, in any order: "specifications sodium" finds
    # "General Specifications for Sodium Ion Batteries" here as full-text search does.
    condition = all_words(fields, query)
    if extra is not None:
        condition |= extra
    if connection.vendor != "postgresql":
        return queryset.filter(condition)
    text_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(
            search_document=SearchVector(*fields, config="english"),
        )
        .filter(condition | Q(search_document=text_query))
        .annotate(search_rank=SearchRank("search_document", text_query))
        .order_by("-search_rank", *queryset.query.order_by or queryset.model._meta.ordering)
    )


def search_everything(query: str) -> list[SearchGroup]:
    normalized_code = normalize_code(query)
    code_match = Q(code_normalized__contains=normalized_code) if normalized_code else None
    groups = [
        SearchGroup(
            "Standards",
            _matching(
                Standard.objects.published(), query, ["title", "native_title", "scope"], code_match
            ),
            reverse("standards:standard_list"),
        ),
        SearchGroup(
            "Organizations",
            _matching(Organization.objects.all(), query, ["name", "native_name", "aliases"]),
            reverse("directory:organization_list"),
        ),
        SearchGroup(
            "Forums",
            _matching(
                Forum.objects.published(), query, ["title", "native_title", "city", "summary"]
            ),
            reverse("forums:forum_list"),
        ),
        SearchGroup(
            "Evaluation batches",
            _matching(
                EvaluationBatch.objects.published().select_related("program"),
                query,
                ["program__name", "program__native_name", "notes"],
            ),
            reverse("evaluations:batch_list"),
        ),
        SearchGroup(
            "Talks",
            _matching(
                Talk.objects.filter(forum__in=Forum.objects.published()).select_related("forum"),
                query,
                ["title", "native_title", "summary"],
            ),
        ),
        SearchGroup(
            "People",
            _matching(Person.objects.all(), query, ["name", "native_name", "honorific"]),
        ),
    ]
    for group in groups:
        # One query per kind; one row more than shown tells whether there are more.
        rows = list(group.results[: RESULTS_PER_KIND + 1])
        group.has_more = len(rows) > RESULTS_PER_KIND
        group.results = rows[:RESULTS_PER_KIND]
    return [group for group in groups if group.results]
