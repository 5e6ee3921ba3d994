"""Global search finds what the article says, as a reader types it (issue 14).

Sessions' titles and descriptions, talks' summaries, forums' summaries, batches by
their number ("sixth batch", "batch 6", "第六批") and numbers as the article writes
them ("1000-cycle" finds "1,000-cycle"); names match at word starts ("Zhou Yan" is not
"Yangzhou"); each result says what it is, its status or date, and shows the matched
text with the words marked, escaped. Every test runs unchanged on SQLite and
PostgreSQL.
"""

import pytest

from forums.models import Session, SessionKind, Talk
from portal.search import batch_number, search_everything
from tests.directory.factories import make_organization, make_person
from tests.forums.factories import make_forum, make_talk
from tests.support import collapse, parse_html

pytestmark = pytest.mark.django_db

SIXTH_GENERAL = "/evaluations/sodium-ion-battery-evaluation-batch-6/"
SECOND_CYCLE_LIFE = "/evaluations/cycle-life-1000-evaluation-batch-2/"


def groups_of(client, query) -> dict[str, list]:
    """Each group's heading and, per result, its link address, link text and whole
    text (link, kind, status or date, snippet), and the snippet's HTML."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    found = {}
    for section in parse_html(response).all("section"):
        heading = next(iter(section.all("h2")), None)
        if heading is None:
            continue
        rows = []
        for item in section.all("li"):
            link = next(iter(item.all("a")))
            snippets = list(item.all("p"))
            rows.append(
                {
                    "href": link.attrs["href"],
                    "link": collapse(link.text),
                    "text": collapse(item.text),
                    "marked": [collapse(m.text) for s in snippets for m in s.all("mark")],
                }
            )
        found[heading.text.strip()] = rows
    return found


@pytest.mark.parametrize(
    ("query", "group", "expected"),
    [
        ("Prussian blue", "Sessions", "Industry Chain Sub-Forum"),
        ("100 MWh", "Sessions", "Sodium Ion Battery Application Sub-Forum"),
        ("Application Sub-Forum", "Sessions", "Sodium Ion Battery Application Sub-Forum"),
        ("working group", "Sessions", "standard working group"),
        ("thermal runaway", "Talks", ""),
    ],
)
def test_what_the_article_says_of_sessions_and_talks_is_found(client, demo, query, group, expected):
    rows = groups_of(client, query)[group]
    matching = [row for row in rows if expected.lower() in row["link"].lower()]
    assert matching, rows
    # The snippet marks each word where it was found.
    for row in matching:
        assert {word.lower() for word in query.split()} <= {m.lower() for m in row["marked"]}


@pytest.mark.parametrize("query", ["sixth batch", "6th batch", "batch 6", "batch No. 6", "第六批"])
def test_a_batch_is_found_by_its_number_in_words_or_digits(client, demo, query):
    rows = groups_of(client, query)["Evaluation batches"]
    assert SIXTH_GENERAL in [row["href"] for row in rows]
    # Every batch listed is a sixth one, and says of which program.
    assert all("Batch 6 of the" in row["text"] for row in rows)
    # The article dates it only by its forum: the result says so, with the forum's date.
    sixth = next(row for row in rows if row["href"] == SIXTH_GENERAL)
    assert "During the forum, 2025-09-25" in sixth["text"], sixth["text"]


def test_batch_number_with_other_words_keeps_to_the_programs_they_name(client, demo):
    assert groups_of(client, "second batch cycle")["Evaluation batches"][0]["href"] == (
        SECOND_CYCLE_LIFE
    )
    assert "Evaluation batches" not in groups_of(client, "second batch xylophonic")


def test_a_number_without_its_separator_is_found(client, demo):
    rows = groups_of(client, "1000-cycle")["Evaluation batches"]
    assert SECOND_CYCLE_LIFE in [row["href"] for row in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sixth batch", (6, "")),
        ("Sixth Batch general", (6, "general")),
        ("the 2nd batch", (2, "the")),
        ("batch no.3", (3, "")),
        ("batch #12", (12, "")),
        ("第十一批", (11, "")),
        ("第二十批 钠", (20, "钠")),
        ("batch", None),
        ("batches of 6", None),
        ("第百批", None),
    ],
)
def test_batch_numbers_read_from_a_search(text, expected):
    assert batch_number(text) == expected


def test_names_match_at_word_starts(client, demo):
    found = groups_of(client, "Zhou Yan")
    assert "/people/zhou-yan/" in [row["href"] for row in found["People"]]
    assert "/organizations/china-sodium-energy-yangzhou/" not in [
        row["href"] for row in found.get("Organizations", [])
    ]
    # A word start is still found: "Yang" starts "Yangzhou".
    assert "/organizations/china-sodium-energy-yangzhou/" in [
        row["href"] for row in groups_of(client, "Yang")["Organizations"]
    ]


def test_results_say_their_kind_status_and_date(client, demo):
    found = groups_of(client, "sodium")
    standard = found["Standards"][0]["text"]
    assert "Standard ·" in standard
    assert "Published" in standard or "In force" in standard or "draft" in standard.lower()
    assert "25 September 2025" in found["Forums"][0]["text"]
    batch = next(row for row in found["Evaluation batches"] if row["href"] == SIXTH_GENERAL)
    assert "announced: During the forum, 2025-09-25" in batch["text"], batch["text"]


def test_a_talk_names_its_speakers_and_forum(client, db):
    forum = make_forum(title="Test forum of the reader")
    make_talk(forum=forum, title="Opening remarks", speaker=make_person(name="Li Ming"))
    rows = groups_of(client, "opening remarks")["Talks"]
    assert len(rows) == 1
    assert "by Li Ming, Test forum of the reader" in rows[0]["text"]


def test_hostile_content_and_query_are_escaped_in_snippets(client, db):
    forum = make_forum(title="Escaping forum")
    Session.objects.create(
        forum=forum,
        title="Xylophonic session",
        kind=SessionKind.THEMATIC_FORUM,
        description='Before <script>alert(1)</script> xylophonic "quoted" & after',
    )
    response = client.get("/search/", {"q": "xylophonic <script>"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page
    response = client.get("/search/", {"q": "xylophonic"})
    page = response.content.decode()
    assert "<mark>xylophonic</mark> &quot;quoted&quot; &amp; after" in page
    assert "<script>alert" not in page


def test_drafts_sessions_and_talks_are_not_found(client, db):
    draft = make_forum(title="Draft forum", published=False)
    Session.objects.create(
        forum=draft, title="Secret xylophonic session", kind=SessionKind.SUB_FORUM
    )
    make_talk(forum=draft, title="Secret", summary="xylophonic summary")
    assert not [group for group in search_everything("xylophonic") if group.results]
    assert Talk.objects.filter(summary__icontains="xylophonic").exists()


@pytest.mark.parametrize("path", ["/", "/search/", "/search/?q=sodium"])
def test_one_search_box_on_pages_with_their_own(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(list(parse_html(response).all("form"))) == 1
    assert response.content.decode().count('role="search"') == 1


def test_other_pages_keep_the_header_search(client, db):
    response = client.get("/standards/")
    assert 'id="site-search-q"' in response.content.decode()


def test_an_organization_name_is_not_found_inside_a_word(client, db):
    make_organization(name="Yangzhou Sodium")
    assert "Organizations" not in groups_of(client, "zhou")
    assert "Organizations" in groups_of(client, "yangz")
