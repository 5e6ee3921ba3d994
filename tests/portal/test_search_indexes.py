"""Search reads through indexes on PostgreSQL, and bounds the words it matches.

On PostgreSQL, the plan of every query a search runs (global search, the lists' search
boxes, the admin's search boxes) names the trigram or text-search index that serves
it. The tables hold a couple of thousand rows and sequential scans are discouraged
while planning, so a plan that could not use the index would show a full read instead.

On both databases: at most `SEARCH_MAX_WORDS` words take part, the page says which were
left out, and a word matched through a related record (a result's organization, a
talk's speaker) finds the same records as a join would.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.filters import SEARCH_MAX_WORDS, search_words
from core.models import Visibility
from directory.models import Organization, OrganizationKind, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import Forum, Session, SessionKind, Talk
from portal.search import search_everything
from standards.models import Standard, StandardLevel, StandardStatus
from tests.admin_support import admin_url
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.forums.factories import make_forum, make_talk
from tests.standards.factories import make_standard
from tests.support import text_of

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search indexes exist on PostgreSQL only"
)

FILLER_ROWS = 2000
ONE_LETTER_WORDS = " ".join("abcdefghijklmnopqrstuvwxyz"[n % 26] for n in range(100))


@pytest.fixture
def filler(db):
    """A couple of thousand rows that do not match, so that plans are those of a real
    table; then what autovacuum would do: statistics, and the indexes' pending rows."""
    forum = make_forum(title="Filler forum")
    batch = make_batch()
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Filler Company {n}", slug=f"filler-{n}", kind=OrganizationKind.COMPANY)
        for n in range(FILLER_ROWS)
    )
    Person.objects.bulk_create(
        Person(name=f"Filler Person {n}", slug=f"filler-person-{n}") for n in range(FILLER_ROWS)
    )
    Standard.objects.bulk_create(
        Standard(
            code=f"T/FILL {n}-2020",
            code_normalized=f"t/fill{n}-2020",
            title=f"Filler requirements {n}",
            slug=f"filler-standard-{n}",
            level=StandardLevel.GROUP,
            status=StandardStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
        )
        for n in range(FILLER_ROWS)
    )
    Talk.objects.bulk_create(
        Talk(forum=forum, title=f"Filler talk {n}") for n in range(FILLER_ROWS)
    )
    Session.objects.bulk_create(
        Session(
            forum=forum,
            title=f"Filler session {n}",
            kind=SessionKind.SUB_FORUM,
            description=f"Filler discussion {n}",
        )
        for n in range(FILLER_ROWS)
    )
    Forum.objects.bulk_create(
        Forum(
            series=forum.series,
            title=f"Filler meeting {n}",
            slug=f"filler-meeting-{n}",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            visibility=Visibility.PUBLIC,
        )
        for n in range(FILLER_ROWS)
    )
    programs = EvaluationProgram.objects.bulk_create(
        EvaluationProgram(name=f"Filler program {n}", slug=f"filler-program-{n}")
        for n in range(FILLER_ROWS)
    )
    EvaluationBatch.objects.bulk_create(
        EvaluationBatch(
            program=program,
            number=1,
            slug=f"filler-batch-{n}",
            announced_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            visibility=Visibility.PUBLIC,
        )
        for n, program in enumerate(programs)
    )
    EvaluationResult.objects.bulk_create(
        EvaluationResult(batch=batch, organization=organization, outcome=Outcome.PASSED)
        for organization in organizations
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            # New rows wait in a GIN index's pending list, which the planner counts as
            # costly to read, until (auto)vacuum merges them: merge them now.
            cursor.execute(
                "SELECT gin_clean_pending_list(index.oid) FROM pg_class index"
                " JOIN pg_am ON pg_am.oid = index.relam WHERE pg_am.amname = 'gin'"
                " AND index.relnamespace = 'public'::regnamespace"
            )


@pytest.fixture
def xylo(filler):
    """One record of each kind whose text holds the rare word "Xylophonic"."""
    organization = make_organization(name="Xylophonic Energy", native_name="木琴能源")
    return {
        "standard": make_standard(code="T/XYLO 1006—2025", title="Xylophonic cells"),
        "organization": organization,
        "person": make_person(name="Li Xylophonic", native_name="李木琴"),
        "forum": make_forum(title="Xylophonic forum"),
        "batch": make_batch(program=make_program(name="Xylophonic evaluation")),
        "talk": make_talk(title="Xylophonic cathodes"),
        "session": Session.objects.create(
            forum=make_forum(), title="Xylophonic sub-forum", kind=SessionKind.SUB_FORUM
        ),
        "result": make_result(organization=organization, product="XY-32140"),
    }


def plans(run) -> list[str]:
    """The plan of every SELECT that `run()` sends, planned with sequential scans off."""
    with CaptureQueriesContext(connection) as captured:
        run()
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in captured.captured_queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute("EXPLAIN " + query["sql"])
                found.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("SET LOCAL enable_seqscan = on")
    return found


def indexes_in(plan: str) -> set[str]:
    return set(re.findall(r"(?:Index|Index Only) Scan(?: Backward)? using (\w+)", plan)) | set(
        re.findall(r"Bitmap Index Scan on (\w+)", plan)
    )


TRIGRAM = {
    "Standards": {
        "standards_standard_title_trgm",
        "standards_standard_native_title_trgm",
        "standards_standard_code_normalized_trgm",
        "standards_standard_search_vector",
    },
    "Organizations": {
        "directory_organization_name_trgm",
        "directory_organization_native_name_trgm",
        "directory_organization_aliases_trgm",
    },
    "Forums": {
        "forums_forum_title_trgm",
        "forums_forum_native_title_trgm",
        "forums_forum_city_trgm",
        "forums_forum_summary_trgm",
        "forums_forum_search_vector",
    },
    "Evaluation batches": {
        "evaluations_evaluationprogram_name_trgm",
        "evaluations_evaluationprogram_native_name_trgm",
        "evaluations_evaluationprogram_search_vector",
    },
    "Sessions": {
        "forums_session_title_trgm",
        "forums_session_native_title_trgm",
        "forums_session_description_trgm",
    },
    "Talks": {
        "forums_talk_title_trgm",
        "forums_talk_native_title_trgm",
        "forums_talk_summary_trgm",
        "forums_talk_search_vector",
    },
    "People": {
        "directory_person_name_trgm",
        "directory_person_native_name_trgm",
        "directory_person_honorific_trgm",
    },
}


@postgres_only
class TestGlobalSearchUsesTheIndexes:
    @pytest.mark.parametrize(
        "query", ["Xylophonic", "xylophonic 1006-2025", "木琴能源", "Li Xylophonic"]
    )
    def test_every_kind_is_read_through_its_indexes(self, xylo, query):
        # One query per kind, in the page's order; the talks found, their speakers.
        found = plans(lambda: search_everything(query))
        kinds = list(TRIGRAM)
        if len(found) == len(kinds) + 1:
            kinds.insert(kinds.index("Talks") + 1, "Talk speakers")
        by_kind = dict(zip(kinds, found, strict=True))
        for kind, expected in TRIGRAM.items():
            assert expected <= indexes_in(by_kind[kind]), (kind, by_kind[kind])
        if "Talk speakers" in by_kind:
            assert indexes_in(by_kind["Talk speakers"]), by_kind["Talk speakers"]

    def test_a_batch_number_is_read_through_its_index(self, xylo):
        # "sixth batch": the sixth batch of every program, through the index on number.
        found = plans(lambda: search_everything("sixth batch"))
        batches = found[list(TRIGRAM).index("Evaluation batches")]
        assert "batch_number" in indexes_in(batches), batches

    def test_what_the_indexes_find_is_what_search_lists(self, xylo):
        groups = {group.label: group.results for group in search_everything("xylophonic")}
        assert groups == {
            "Standards": [xylo["standard"]],
            "Organizations": [xylo["organization"]],
            "Forums": [xylo["forum"]],
            "Evaluation batches": [xylo["batch"]],
            "Sessions": [xylo["session"]],
            "Talks": [xylo["talk"]],
            "People": [xylo["person"]],
        }

    def test_a_common_word_reads_a_bounded_number_of_rows(self, filler):
        # Every filler standard matches "filler": ranked are the newest, read through
        # the primary key in order, not all two thousand.
        (standards, *_rest) = plans(lambda: search_everything("filler requirements"))
        assert "Index Scan Backward using standards_standard_pkey" in standards, standards
        assert "Seq Scan" not in standards
        assert [group.label for group in search_everything("filler requirements")] == ["Standards"]


@postgres_only
class TestListsAndAdminUseTheIndexes:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("/organizations/?q=Xylophonic", TRIGRAM["Organizations"]),
            (
                "/standards/?q=1006-2025",
                {"standards_standard_code_normalized_trgm", "standards_standard_title_trgm"},
            ),
            (
                "/evaluations/results/?q=Xylophonic",
                {"directory_organization_name_trgm", "evaluations_evaluationresult_product_trgm"},
            ),
        ],
    )
    def test_a_lists_search_box(self, client, xylo, url, expected):
        response = []
        found = plans(lambda: response.append(client.get(url)))
        assert response[0].status_code == 200
        assert expected <= set().union(*map(indexes_in, found)), found

    @pytest.mark.parametrize(
        ("model", "expected"),
        [
            (Organization, TRIGRAM["Organizations"] | {"directory_organization_slug_trgm"}),
            (Person, TRIGRAM["People"] | {"directory_person_slug_trgm"}),
            (
                Standard,
                {
                    "standards_standard_code_trgm",
                    "standards_standard_code_normalized_upper_trgm",
                    "standards_standard_title_trgm",
                    "standards_standard_scope_trgm",
                },
            ),
            (
                Talk,
                {
                    "forums_talk_title_trgm",
                    "forums_talk_summary_trgm",
                    "directory_person_name_trgm",
                    "directory_organization_name_trgm",
                },
            ),
            (
                EvaluationResult,
                {"directory_organization_name_trgm", "evaluations_evaluationresult_product_trgm"},
            ),
        ],
    )
    def test_an_admin_changelists_search_box(self, admin_client, xylo, model, expected):
        response = []
        url = admin_url(model, "changelist") + "?q=Xylophonic"
        found = plans(lambda: response.append(admin_client.get(url)))
        assert response[0].status_code == 200
        assert expected <= set().union(*map(indexes_in, found)), found


class TestTheWordBound:
    def test_one_hundred_one_letter_words_search_the_first_eight(self, client):
        # The letters a to h, each starting a word (names match at word starts), and
        # none after: found only because the rest were left out.
        bach = make_organization(name="Ace Bed Cab Dab Egg Fad Gab Had")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": ONE_LETTER_WORDS})
        assert response.status_code == 200
        text = text_of(response)
        assert (
            "Searched for the first 8 words, “a b c d e f g h”; "
            "left out: i j k l m n o p q r s t u v w x y z." in text
        )
        assert bach.get_absolute_url() in response.content.decode()
        searches = [q["sql"] for q in captured.captured_queries if "LIKE" in q["sql"]]
        assert searches
        assert not any("%i%" in sql.lower() or "%z%" in sql.lower() for sql in searches)

    def test_repeated_words_count_once_and_nothing_is_said(self, client):
        make_organization(name="Sodium Works")
        response = client.get("/search/", {"q": "sodium Sodium SODIUM works"})
        assert "Searched for the first" not in response.content.decode()
        assert "Sodium Works" in text_of(response)

    def test_a_short_query_says_nothing_about_left_out_words(self, client):
        make_organization(name="Li Energy")
        response = client.get("/search/", {"q": "li"})
        assert "left out" not in response.content.decode()
        assert "Li Energy" in text_of(response)

    def test_search_words_keeps_the_first_distinct_words(self):
        words = search_words("b a B c a " + " ".join(f"w{n}" for n in range(10)))
        assert words.words == ["b", "a", "c", "w0", "w1", "w2", "w3", "w4"]
        assert len(words.words) == SEARCH_MAX_WORDS
        assert words.dropped == ["w5", "w6", "w7", "w8", "w9"]

    @pytest.mark.parametrize("path", ["/organizations/", "/standards/", "/evaluations/results/"])
    def test_the_lists_boxes_answer_one_hundred_words(self, client, path):
        make_organization(name="Bach Defg")
        assert client.get(path, {"q": ONE_LETTER_WORDS}).status_code == 200

    def test_the_admin_answers_one_hundred_words(self, admin_client):
        bach = make_organization(name="Bach Defg")
        response = admin_client.get(admin_url(Organization, "changelist"), {"q": ONE_LETTER_WORDS})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [bach]


class TestWordsInRelatedRecords:
    def test_a_results_words_may_be_in_its_organization_and_its_product(self, client):
        hanhang = make_organization(name="Shanghai Hanhang", aliases="Hanhang Tech")
        make_result(organization=hanhang, product="NaCR-32140")
        make_result(organization=make_organization(name="Other Works"), product="NaCR-1")

        assert "NaCR-32140" in text_of(client.get("/evaluations/results/?q=hanhang+nacr"))
        alias_and_product = text_of(client.get("/evaluations/results/?q=tech+32140"))
        assert "NaCR-32140" in alias_and_product
        assert "Other Works" not in alias_and_product

    def test_a_talk_with_two_matching_speakers_is_listed_once_in_the_admin(self, admin_client):
        talk = make_talk(title="Prussian blue", speaker=make_person(name="Wang Ming"))
        talk.speakers.create(person=make_person(name="Wang Li"))
        make_talk(title="Hard carbon", speaker=make_person(name="Zhao Lei"))

        response = admin_client.get(admin_url(Talk, "changelist"), {"q": "wang"})
        assert list(response.context["cl"].result_list) == [talk]

    def test_a_batch_is_found_by_its_program_in_the_batch_list(self, client):
        program = make_program(name="Low-temperature performance evaluation", slug="cold")
        batch = make_batch(program=program, number=3, announced_on=datetime.date(2025, 9, 25))
        other = make_batch(program=make_program(name="Cycle life"), number=1)

        page = client.get("/evaluations/", {"q": "low-temperature"}).content.decode()
        assert batch.get_absolute_url() in page
        assert other.get_absolute_url() not in page
