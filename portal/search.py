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

import re
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from core.filters import AnyOf, SearchWords, search_words
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram
from forums.models import Forum, Session, Talk, TalkSpeaker
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
    # Which kind of record: the results page shows each kind's status and date.
    kind: str
    results: list
    more_url: str = ""
    has_more: bool = False
    # The fields a result's snippet is taken from, the first holding a word of the
    # search (a description before the title the result's link already shows).
    snippet_fields: list[str] = field(default_factory=list)


# Ordinals a reader types for a batch: "sixth batch", "6th batch", "batch 6",
# "batch No. 6", "第六批". The number is looked for in every program.
ORDINALS = {
    word: number
    for number, word in enumerate(
        [
            *("first", "second", "third", "fourth", "fifth", "sixth", "seventh"),
            *("eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth"),
            *("fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth"),
            *("nineteenth", "twentieth"),
        ],
        start=1,
    )
}
CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}
_BATCH_PATTERNS = [
    re.compile(r"\b(?P<ordinal>" + "|".join(ORDINALS) + r")\s+batch\b", re.IGNORECASE),
    re.compile(r"\b(?P<digits>\d{1,4})(?:st|nd|rd|th)\s+batch\b", re.IGNORECASE),
    re.compile(r"\bbatch\s+(?:no\.?\s*|number\s+|#\s*)?(?P<digits>\d{1,4})\b", re.IGNORECASE),
    re.compile(r"第\s*(?P<chinese>[零一二三四五六七八九十百\d]{1,4})\s*批"),
]


def _chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "百" in text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10
        return value + (CHINESE_DIGITS.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in CHINESE_DIGITS:
        return CHINESE_DIGITS[text]
    return None


def batch_number(text: str) -> tuple[int, str] | None:
    """The batch number a search names ("sixth batch", "batch 6", "第六批"), and the
    rest of the search; None when it names none."""
    for pattern in _BATCH_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("ordinal"):
            number = ORDINALS[groups["ordinal"].lower()]
        elif groups.get("digits"):
            number = int(groups["digits"])
        else:
            number = _chinese_number(groups["chinese"])
        if number is None:
            continue
        rest = (text[: match.start()] + " " + text[match.end() :]).split()
        return number, " ".join(rest)
    return None


def _variants(word: str) -> list[str]:
    """The word, and with thousands separators where it has a long number, as the
    article writes them ("1000-cycle" finds "1,000-cycle")."""
    grouped = re.sub(r"\d{4,}", lambda m: f"{int(m.group()):,}", word)
    return [word] if grouped == word else [word, grouped]


def _word_start(word: str) -> str:
    # A regular expression both databases read alike: the word at the start of the
    # text or after a character that is not a letter or digit.
    return r"(^|\W)" + re.escape(word)


def search_condition(fields: list[str], words: SearchWords, whole_words: bool = False) -> Q:
    """Every word in one of the fields, ignoring case, as `core.filters.all_words`
    (`field__icontains`, which the trigram indexes on `UPPER(field)` serve), with a
    long number also written with separators. With `whole_words`, a word of letters
    or digits must start a word of the field: "Zhou Yan" does not find "Yangzhou".
    The regular expression only rechecks the rows the trigram index gave."""
    condition = Q()
    for word in words.words:
        any_field = Q()
        for variant in _variants(word):
            for name in fields:
                match = Q(**{f"{name}__icontains": variant})
                if whole_words and variant[:1].isascii() and variant[:1].isalnum():
                    match &= Q(**{f"{name}__iregex": _word_start(variant)})
                any_field |= match
        condition &= any_field
    return condition


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
    condition = search_condition(fields, words)
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
    # Names gain nothing from stemming, and are listed by name; each word of the
    # search starts a word of the name.
    return queryset.filter(search_condition(fields, words, whole_words=True))


def _mark(text: str, words: list[str]) -> SafeString:
    """The text escaped, each word of the search in it inside <mark>."""
    variants = sorted({v for word in words for v in _variants(word)}, key=len, reverse=True)
    if not variants:
        return escape(text)
    pattern = re.compile("|".join(re.escape(v) for v in variants), re.IGNORECASE)
    marked, end = SafeString(), 0
    for match in pattern.finditer(text):
        marked += escape(text[end : match.start()])
        marked += format_html("<mark>{}</mark>", match.group())
        end = match.end()
    return marked + escape(text[end:])


SNIPPET_CONTEXT = 80


def snippet(record, fields: list[str], words: list[str]) -> SafeString | str:
    """The text around the search's words in the field of the record holding most of
    them, with the words marked; empty when none is found (a match by stemming)."""
    lowered = [v.lower() for word in words for v in _variants(word)]
    best = None  # The field holding the most of the words; the first of those.
    for name in fields:
        text = str(getattr(record, name, "") or "")
        folded = text.lower()
        positions = [folded.find(word) for word in lowered if word and word in folded]
        if positions and (best is None or len(positions) > len(best[1])):
            best = (text, positions)
    if best is not None:
        text, positions = best
        start = max(0, min(positions) - SNIPPET_CONTEXT)
        end = min(len(text), min(positions) + SNIPPET_CONTEXT * 2)
        if start:
            # Start at a word, not inside one.
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < min(positions) else start
        return format_html(
            "{}{}{}",
            "… " if start else "",
            _mark(text[start:end], words),
            " …" if end < len(text) else "",
        )
    return ""


def _among(key: str, matches: QuerySet) -> Q:
    """The key among the matches' keys: on PostgreSQL `= ANY(ARRAY(…))`, which the
    key's index serves, also inside an OR (see core.filters.AnyOf)."""
    keys = matches.order_by().values("pk")
    if connection.vendor != "postgresql":
        return Q(**{f"{key}__in": keys})
    return Q(AnyOf(F(key), ArraySubquery(keys)))


def _sessions(words: SearchWords) -> QuerySet:
    """Sessions by title and description: the matches' keys, read through the
    trigram indexes (forums 0009_session_search_indexes), then the first
    RESULTS_PER_KIND of those public, in the forum's order."""
    condition = search_condition(["title", "native_title", "description"], words)
    sessions = Session.objects.public().select_related("forum")
    if connection.vendor != "postgresql":
        return sessions.filter(condition)
    candidates = Session.objects.filter(condition).order_by().values("pk")
    return sessions.filter(AnyOf(F("pk"), ArraySubquery(candidates)))


def _batches(words: SearchWords) -> QuerySet:
    """Batches by their program's name; or, for "sixth batch" or "batch 6 general",
    the batches with that number (of the programs the other words name, if any)."""
    programs = _matches(EvaluationProgram.objects.all(), words, ["name", "native_name"])
    condition = _among("program", programs)
    named = batch_number(words.text)
    if named is not None:
        # Through the index on number (batch_number), with the one on (program,
        # number) for the programs named.
        number, rest = named
        by_number = Q(number=number)
        rest_words = search_words(rest)
        if rest_words.words:
            others = _matches(EvaluationProgram.objects.all(), rest_words, ["name", "native_name"])
            by_number &= _among("program", others)
        condition |= by_number
    return (
        EvaluationBatch.objects.public().filter(condition).select_related("program", "announced_at")
    )


def search_everything(query: str) -> list[SearchGroup]:
    words = search_words(query)
    normalized_code = normalize_code(words.text)
    code_match = Q(code_normalized__contains=normalized_code) if normalized_code else None
    groups = [
        SearchGroup(
            "Standards",
            "standard",
            _ranked(Standard.objects.public(), words, ["title", "native_title"], code_match),
            reverse("standards:standard_list"),
            ["title", "native_title", "code"],
        ),
        SearchGroup(
            "Organizations",
            "organization",
            _named(Organization.objects.public(), words, ["name", "native_name", "aliases"]),
            reverse("directory:organization_list"),
            ["aliases", "native_name", "name"],
        ),
        SearchGroup(
            "Forums",
            "forum",
            # A forum's summary (its figures: "500 representatives") is matched as
            # substrings, through forums_forum_summary_trgm.
            _ranked(
                Forum.objects.public(),
                words,
                ["title", "native_title", "city"],
                search_condition(["summary"], words),
            ),
            reverse("forums:forum_list"),
            ["summary", "title", "native_title", "city"],
        ),
        SearchGroup(
            "Evaluation batches",
            "batch",
            _batches(words),
            reverse("evaluations:batch_list"),
            ["program"],
        ),
        SearchGroup(
            # Sessions: their titles and what they covered ("Prussian blue", "100 MWh"),
            # through the trigram indexes of forums' 0009_session_search_indexes.
            "Sessions",
            "session",
            _sessions(words),
            snippet_fields=["description", "title", "native_title"],
        ),
        SearchGroup(
            # Talks: titles by full text and substrings, summaries by substrings
            # (forums_talk_summary_trgm); each names its speakers and forum.
            "Talks",
            "talk",
            _ranked(
                Talk.objects.public()
                .select_related("forum")
                .prefetch_related(
                    Prefetch(
                        "speakers",
                        TalkSpeaker.objects.select_related("person").order_by("order", "pk"),
                    )
                ),
                words,
                ["title", "native_title"],
                search_condition(["summary"], words),
            ),
            snippet_fields=["summary", "title", "native_title"],
        ),
        SearchGroup(
            "People",
            "person",
            _named(Person.objects.public(), words, ["name", "native_name", "honorific"]),
            snippet_fields=["native_name", "honorific"],
        ),
    ]
    for group in groups:
        # One query per kind; one row more than shown tells whether there are more.
        rows = list(group.results[: RESULTS_PER_KIND + 1])
        group.has_more = len(rows) > RESULTS_PER_KIND
        group.results = rows[:RESULTS_PER_KIND]
        for record in group.results:
            record.search_snippet = snippet(record, group.snippet_fields, words.words)
    return [group for group in groups if group.results]
