"""Global search: one query per kind of record, grouped for the results page.

Every kind matches every word of the search (at most `SEARCH_MAX_WORDS` of them) as a
substring of one of its fields, which trigram indexes serve on PostgreSQL. Titles are
also matched by full-text search (English stemming: "battery" finds "batteries"),
which a GIN index on the very text-search vector built here serves, and ranked.
Native names and standard codes need the substring match; names of organizations
and people gain nothing from stemming and are matched as substrings only; batches
are found by their program's name. On SQLite the substring matching alone serves.
The same queries find the same records on both for the names, codes and words
readers type.

Each query reads the rows its indexes give and a bounded number more, whatever the
size of the tables: the indexes are in each app's `search_indexes` migration, and
tests/portal/test_search_indexes.py checks that the plans use them.
"""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from core.filters import AnyOf, SearchWords, all_words, search_words
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram
from forums.models import Forum, Talk
from standards.codes import normalize_code
from standards.models import Standard

RESULTS_PER_KIND = 10
# Ranking builds the text-search vector of each row it ranks: a word most records
# contain ("sodium") would rank every one of them. Ranked are the newest matches (the
# primary key's index gives them without reading the rest), so a search costs the
# same however many records match; one with fewer matches ranks them all.
RANKED_CANDIDATES = 100


@dataclass
class SearchGroup:
    label: str
    results: list
    more_url: str = ""
    has_more: bool = False


def _text_search(words: SearchWords, fields: list[str]) -> tuple[SearchVector, SearchQuery]:
    # The vector is the very expression the GIN index in the app's search_indexes
    # migration is built on; any other would not be served by it.
    document = SearchVector(*fields, config="english")
    return document, SearchQuery(words.text, search_type="websearch", config="english")


def _matches(
    queryset: QuerySet, words: SearchWords, fields: list[str], extra: Q | None = None
) -> QuerySet:
    """The rows with every word in some field (in any order: "specifications sodium"
    finds "General Specifications for Sodium Ion Batteries" as full-text search does);
    on PostgreSQL also those whose fields' text-search vector matches the words."""
    condition = all_words(fields, words.text)
    if extra is not None:
        condition |= extra
    if connection.vendor != "postgresql":
        return queryset.filter(condition)
    document, text_query = _text_search(words, fields)
    return queryset.annotate(search_document=document).filter(
        condition | Q(search_document=text_query)
    )


def _ranked(
    queryset: QuerySet, words: SearchWords, fields: list[str], extra: Q | None = None
) -> QuerySet:
    """The matches, on PostgreSQL the best ranked first; then in the list's order."""
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    matches = _matches(queryset, words, fields, extra)
    if connection.vendor != "postgresql":
        return matches.order_by(*ordering)
    document, text_query = _text_search(words, fields)
    candidates = matches.order_by("-pk").values("pk")[:RANKED_CANDIDATES]
    return (
        queryset.filter(AnyOf(F("pk"), ArraySubquery(candidates)))
        .annotate(search_rank=SearchRank(document, text_query))
        .order_by("-search_rank", *ordering)
    )


def _named(queryset: QuerySet, words: SearchWords, fields: list[str]) -> QuerySet:
    # Names gain nothing from stemming, and are listed by name.
    return queryset.filter(all_words(fields, words.text))


def search_everything(query: str) -> list[SearchGroup]:
    words = search_words(query)
    normalized_code = normalize_code(words.text)
    code_match = Q(code_normalized__contains=normalized_code) if normalized_code else None
    # A batch is found by its program's name: the few programs first, then their
    # batches, newest first, through the batches' own index.
    programs = _matches(EvaluationProgram.objects.all(), words, ["name", "native_name"])
    groups = [
        SearchGroup(
            "Standards",
            _ranked(Standard.objects.public(), words, ["title", "native_title"], code_match),
            reverse("standards:standard_list"),
        ),
        SearchGroup(
            "Organizations",
            _named(Organization.objects.public(), words, ["name", "native_name", "aliases"]),
            reverse("directory:organization_list"),
        ),
        SearchGroup(
            "Forums",
            _ranked(Forum.objects.public(), words, ["title", "native_title", "city"]),
            reverse("forums:forum_list"),
        ),
        SearchGroup(
            "Evaluation batches",
            EvaluationBatch.objects.public()
            .filter(program__in=programs.values("pk"))
            .select_related("program"),
            reverse("evaluations:batch_list"),
        ),
        SearchGroup(
            "Talks",
            _ranked(
                Talk.objects.public().select_related("forum"), words, ["title", "native_title"]
            ),
        ),
        SearchGroup(
            "People",
            _named(Person.objects.public(), words, ["name", "native_name", "honorific"]),
        ),
    ]
    for group in groups:
        # One query per kind; one row more than shown tells whether there are more.
        rows = list(group.results[: RESULTS_PER_KIND + 1])
        group.has_more = len(rows) > RESULTS_PER_KIND
        group.results = rows[:RESULTS_PER_KIND]
    return [group for group in groups if group.results]
