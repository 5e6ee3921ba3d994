"""The public reader site: what each list and detail page shows, filters, CSV and drafts."""

import csv
import datetime
import html
import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from core.csv_export import BYTE_ORDER_MARK
from evaluations.models import EvaluationResult, Outcome
from forums.models import OrganizerRoleKind, PersonRoleKind, Session, SessionKind, TalkKind
from standards.models import StandardLevel, StandardStatus
from tests.factories import (
    make_batch,
    make_committee,
    make_drafting_role,
    make_forum,
    make_milestone,
    make_organization,
    make_organizer_role,
    make_person,
    make_person_role,
    make_program,
    make_result,
    make_series,
    make_session,
    make_speaker,
    make_standard,
    make_talk,
)

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"
STANDARD = "/standards/t-cnesa-1006-2025/"
GENERAL_BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"
LOW_TEMPERATURE_BATCH = "/evaluations/low-temperature-performance-evaluation-batch-1/"
CYCLE_LIFE_BATCH = "/evaluations/cycle-life-1000-evaluation-batch-2/"
NINGDE = "/organizations/ningde-times-new-energy-technology/"


# Elements that start on a new line: their text never runs into the text around them.
BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "br",
    "div",
    "section",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "dl",
    "table",
    "figcaption",
}


class _Page(HTMLParser):
    """The visible text of <main>, and every link on the page with its text and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.text: list[str] = []
        self.links: list[dict] = []
        self._open_links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if tag in BLOCKS:
            self.text.append(" ")
        if tag == "a":
            link = {**dict(attrs), "text": ""}
            self.links.append(link)
            self._open_links.append(link)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if tag in BLOCKS:
            self.text.append(" ")
        if tag == "a" and self._open_links:
            self._open_links.pop()

    def handle_data(self, data):
        if self.in_main:
            self.text.append(data)
        for link in self._open_links:
            link["text"] += data


def parse(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    page.close()
    for link in page.links:
        link["text"] = " ".join(link["text"].split())
    return page


def text_of(response) -> str:
    """The text a reader sees in the page's main content, with whitespace collapsed."""
    return " ".join("".join(parse(response).text).split())


def hrefs(response) -> list[str]:
    return [link.get("href", "") for link in parse(response).links]


def link_to(response, href: str) -> dict | None:
    return next((link for link in parse(response).links if link.get("href") == href), None)


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(raw.removeprefix(BYTE_ORDER_MARK))))


def table_rows(response) -> list[str]:
    """The text of each body row of the page's table, in order."""
    body = response.content.decode()
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    assert tbody, "the page has no table body"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", tbody.group(1), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


def row_links(response) -> list[str]:
    """The first link of each body row of the page's table: the record each row is about."""
    body = response.content.decode()
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    if tbody is None:
        return []
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", tbody.group(1), re.S)
    return [html.unescape(re.search(r'href="([^"]+)"', row).group(1)) for row in rows]


def active_filters(response) -> dict[str, str]:
    """Each active filter's text, with the address of the link that removes it."""
    return {
        link["text"]: link["href"]
        for link in parse(response).links
        if link.get("title") == "Remove this filter"
    }


def count_text(response) -> str:
    match = re.search(r'<p class="count"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    assert match, "the list shows no result count"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


# --- Forums ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestForumPages:
    def test_list_shows_the_forum_with_its_attendance_as_a_lower_bound(self, client, demo):
        response = client.get("/forums/")
        assert response.status_code == 200
        link = link_to(response, FORUM)
        assert (
            link["text"] == "2025 Sodium Ion Battery Industry Chain and Standards Development Forum"
        )
        assert "2025-09-25" in text_of(response)
        assert "500+" in table_rows(response)[0]
        assert count_text(response) == "1 forum"

    def test_detail_gives_attendance_figures_as_sources_state_them(self, client, demo):
        text = text_of(client.get(FORUM))
        assert "Attendees 500+" in text
        assert "Organizations attending 380+" in text
        assert "Online viewers 16,000+" in text
        assert "Weihai, Shandong, China" in text
        assert "edition 4" in text

    def test_detail_lists_organizers_and_host_with_links(self, client, demo):
        response = client.get(FORUM)
        text = text_of(response)
        assert "Organizer: China Electronics Technology Standardization Institute" in text
        assert "Organizer: Zhongguancun Energy Storage Industry Technology Alliance" in text
        assert "Host: Weihai Nanhai New District Management Committee" in text
        assert link_to(response, "/organizations/weihai-nanhai-new-district-management-committee/")

    def test_detail_names_speakers_with_their_position_and_affiliation_at_the_time(
        self, client, demo
    ):
        response = client.get(FORUM)
        text = text_of(response)
        assert (
            "Li Jinghong, Professor, Department of Chemistry; Academician of the Chinese "
            "Academy of Sciences, Tsinghua University" in text
        )
        assert "Wang Xun, Researcher, Ministry of Industry and Information Technology" in text
        assert "He Penglin, Deputy Director, China Electronics Technology Standardization" in text
        assert link_to(response, "/people/li-jinghong/")["text"] == "Li Jinghong"
        assert link_to(response, "/organizations/tsinghua-university/")

    def test_detail_shows_sessions_talks_showcases_and_guests(self, client, demo):
        response = client.get(FORUM)
        text = text_of(response)
        assert "Opening ceremony" in text
        assert "Sodium Ion Battery Application Sub-Forum" in text
        assert "High-Power Sodium Ion Batteries" in text
        # The working group meeting the ministry held the day before.
        assert "2025-09-24, held by Ministry of Industry and Information Technology" in text
        # Showcases presented by a company, with no person named.
        assert "Sodium battery materials, cells and system applications" in text
        assert link_to(response, "/organizations/shanghai-hanhang-technology/")
        assert link_to(response, "/organizations/datang-group/")
        assert (
            "Moderator: Liu Wei, Secretary-General, Zhongguancun Energy Storage Industry "
            "Technology Alliance" in text
        )
        assert "Distinguished guest: Zhou Yan, Deputy Director of the Electronics" in text

    def test_detail_links_the_batches_announced_there(self, client, demo):
        response = client.get(FORUM)
        assert link_to(response, GENERAL_BATCH)["text"] == "Sodium ion battery evaluation, batch 6"
        assert link_to(response, LOW_TEMPERATURE_BATCH)
        assert link_to(response, CYCLE_LIFE_BATCH)

    def test_detail_links_standards_discussed_in_sessions_and_talks(self, client):
        forum = make_forum()
        standard = make_standard(code="GB/T 44265-2024")
        session = make_session(forum=forum, kind=SessionKind.STANDARDS_DISCUSSION)
        session.standards_discussed.add(standard)
        talk = make_talk(session=session, kind=TalkKind.REPORT)
        talk.standards_discussed.add(standard)

        response = client.get(forum.get_absolute_url())

        links = [
            link
            for link in parse(response).links
            if link.get("href") == f"/standards/{standard.slug}/"
        ]
        assert [link["text"] for link in links] == ["GB/T 44265-2024", "GB/T 44265-2024"]

    def test_filters_by_series_and_year(self, client):
        series = make_series(slug="weihai-series")
        in_series = make_forum(series=series, start_date=datetime.date(2025, 9, 25))
        older = make_forum(series=series, start_date=datetime.date(2023, 5, 1))
        elsewhere = make_forum(start_date=datetime.date(2025, 3, 1))

        by_series = hrefs(client.get("/forums/?series=weihai-series"))
        assert in_series.get_absolute_url() in by_series
        assert older.get_absolute_url() in by_series
        assert elsewhere.get_absolute_url() not in by_series

        by_year = hrefs(client.get("/forums/?series=weihai-series&year=2025"))
        assert in_series.get_absolute_url() in by_year
        assert older.get_absolute_url() not in by_year

    def test_sorting_by_title(self, client):
        make_forum(title="Beta forum")
        make_forum(title="Alpha forum")
        make_forum(title="Gamma forum")
        rows = table_rows(client.get("/forums/?sort=title"))
        assert [row.split(" ")[0] for row in rows] == ["Alpha", "Beta", "Gamma"]
        rows = table_rows(client.get("/forums/?sort=-title"))
        assert [row.split(" ")[0] for row in rows] == ["Gamma", "Beta", "Alpha"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("/forums/", {"date": "Oldest first", "-date": "Newest first", "title": "Title"}),
        (
            "/standards/",
            {
                "code": "Code",
                "published": "Oldest published first",
                "-published": "Newest published first",
            },
        ),
        (
            "/evaluations/",
            {"announced": "Oldest first", "program": "Program", "number": "Batch number"},
        ),
        (
            "/evaluations/results/",
            {"organization": "Organization", "announced": "Oldest batch first"},
        ),
        ("/organizations/", {"name": "Name", "-kind": "Kind (descending)"}),
    ],
)
def test_sort_options_read_as_readers_expect(client, url, options):
    body = client.get(url).content.decode()
    select = re.search(r'<select name="sort"[^>]*>(.*?)</select>', body, re.S).group(1)
    offered = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))
    for value, label in options.items():
        assert offered[value] == label


# --- Standards -------------------------------------------------------------------------


@pytest.fixture
def standards_world(db):
    """Standards that differ in every way the standards list filters on."""
    samr = make_organization(name="State Administration for Market Regulation", slug="samr")
    committee = make_committee(name="Battery committee", code="SAC/TC 2", slug="tc-2")
    national = make_standard(
        code="GB/T 44265-2024",
        title="Lead national standard",
        level=StandardLevel.NATIONAL,
        status=StandardStatus.IN_FORCE,
        issuing_body=samr,
        committee=committee,
        published_on=datetime.date(2024, 8, 1),
    )
    group = make_standard(
        code="T/CNESA 1006—2025",
        title="Group standard in drafting",
        level=StandardLevel.GROUP,
        status=StandardStatus.DRAFTING,
        published_on=datetime.date(2025, 1, 1),
    )
    return {"national": national, "group": group, "samr": samr, "committee": committee}


@pytest.mark.django_db
class TestStandardList:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("level=national", "national"),
            ("level=group", "group"),
            ("status=in_force", "national"),
            ("status=drafting", "group"),
            ("issuing_body=samr", "national"),
            ("committee=tc-2", "national"),
            ("year=2025", "group"),
            ("year=2024", "national"),
            ("q=1006-2025", "group"),
            ("q=t/cnesa 1006", "group"),
            ("q=lead national", "national"),
        ],
    )
    def test_each_filter_narrows_the_list(self, client, standards_world, query, expected):
        response = client.get(f"/standards/?{query}")
        assert response.status_code == 200
        shown = [
            s
            for s in ("national", "group")
            if standards_world[s].get_absolute_url() in hrefs(response)
        ]
        assert shown == [expected]
        assert count_text(response) == "1 standard"

    def test_shows_code_status_and_issuing_body(self, client, standards_world):
        response = client.get("/standards/")
        rows = table_rows(response)
        assert rows == [
            "GB/T 44265-2024 Lead national standard National In force State Administration "
            "for Market Regulation 2024-08-01",
            "T/CNESA 1006—2025 Group standard in drafting Group (association) Drafting — 2025-01-01",
        ]
        assert link_to(response, "/organizations/samr/")
        assert count_text(response) == "2 standards"

    def test_active_filters_are_shown_and_removable_one_by_one(self, client, standards_world):
        response = client.get("/standards/?level=national&status=in_force")
        active = active_filters(response)
        assert active == {
            "Level: National": "?status=in_force",
            "Status: In force": "?level=national",
        }

        after_removal = client.get("/standards/" + active["Level: National"])
        assert active_filters(after_removal) == {"Status: In force": "?"}
        assert standards_world["national"].get_absolute_url() in hrefs(after_removal)

    def test_model_choice_filters_show_names_not_slugs(self, client, standards_world):
        active = active_filters(client.get("/standards/?issuing_body=samr&committee=tc-2"))
        assert set(active) == {
            "Issuing body: State Administration for Market Regulation",
            "Committee: SAC/TC 2 Battery committee",
        }

    def test_sorting_offers_reader_labels_and_orders_rows(self, client, standards_world):
        response = client.get("/standards/?sort=-published")
        body = response.content.decode()
        assert '<option value="published">Oldest published first</option>' in body
        assert '<option value="-published" selected>Newest published first</option>' in body
        assert [row.split(" ")[0] for row in table_rows(response)] == ["T/CNESA", "GB/T"]
        response = client.get("/standards/?sort=published")
        assert [row.split(" ")[0] for row in table_rows(response)] == ["GB/T", "T/CNESA"]
        assert active_filters(response) == {"Sort by: Oldest published first": "?"}

    def test_issuing_body_filter_offers_only_bodies_of_published_standards(
        self, client, standards_world
    ):
        secretive = make_organization(name="Body with only a draft", slug="draft-only-body")
        make_standard(issuing_body=secretive, published=False)
        body = client.get("/standards/").content.decode()
        assert '<option value="samr">State Administration for Market Regulation</option>' in body
        assert "Body with only a draft" not in body

    def test_pagination_keeps_the_filters(self, client):
        for n in range(30):
            make_standard(code=f"T/GRP {n:03d}-2025", level=StandardLevel.GROUP)
        make_standard(code="GB 1-2025", level=StandardLevel.NATIONAL)

        first = client.get("/standards/?level=group")
        assert count_text(first) == "30 standards"
        assert len(table_rows(first)) == 25
        next_link = next(link for link in parse(first).links if link.get("rel") == "next")
        query = parse_qs(urlsplit(next_link["href"]).query)
        assert query == {"level": ["group"], "page": ["2"]}

        second = client.get("/standards/" + next_link["href"])
        rows = table_rows(second)
        assert len(rows) == 5
        assert all(row.startswith("T/GRP") for row in rows)
        assert "Page 2 of 2" in text_of(second)
        previous = next(link for link in parse(second).links if link.get("rel") == "prev")
        assert parse_qs(urlsplit(previous["href"]).query) == {"level": ["group"], "page": ["1"]}

    def test_csv_link_carries_the_filters_and_the_csv_has_exactly_those_rows(
        self, client, standards_world
    ):
        response = client.get("/standards/?level=national&page=1")
        csv_link = next(link for link in parse(response).links if link["text"] == "Download CSV")
        assert parse_qs(urlsplit(csv_link["href"]).query) == {
            "level": ["national"],
            "format": ["csv"],
        }
        rows = read_csv(client.get("/standards/" + csv_link["href"]))
        assert [row["Code"] for row in rows] == ["GB/T 44265-2024"]
        assert rows[0]["Issuing body"] == "State Administration for Market Regulation"

    def test_empty_state_says_what_to_try(self, client, standards_world):
        response = client.get("/standards/?q=no-such-standard-anywhere")
        assert response.status_code == 200
        text = text_of(response)
        assert "0 standards" in text
        assert "Nothing matches these filters." in text
        assert "Try a code without its year (for example “1006”)" in text
        assert {"href": "/standards/", "text": "see the whole list"} in parse(response).links


@pytest.mark.django_db
class TestStandardDetail:
    def test_demo_standard_links_the_programs_evaluated_against_it(self, client, demo):
        response = client.get(STANDARD)
        text = text_of(response)
        assert "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries" in text
        assert "Group (association) standard" in text  # the mandate the code carries
        for program in (
            "sodium-ion-battery-evaluation",
            "low-temperature-performance-evaluation",
            "cycle-life-1000-evaluation",
        ):
            assert link_to(response, f"/evaluations/results/?program={program}")
        assert link_to(response, "/organizations/sai-laboratory/")

    def test_lists_the_published_batches_pinned_to_this_edition(self, client):
        standard = make_standard(code="GB/T 1-2025", slug="gb-t-1-2025")
        pinned = make_batch(
            program=make_program(name="Cycle life"), number=3, basis_standard=standard
        )
        make_batch(number=4, basis_standard=standard, published=False)

        response = client.get(standard.get_absolute_url())

        assert link_to(response, pinned.get_absolute_url())["text"] == "Cycle life, batch 3"
        assert "batch 4" not in text_of(response)

    def test_shows_timeline_drafters_issuing_body_committee_and_editions(self, client):
        ministry = make_organization(name="Ministry", slug="ministry")
        samr = make_organization(name="SAMR", slug="samr")
        committee = make_committee(name="Battery committee", code="SAC/TC 2", organization=ministry)
        old = make_standard(code="GB/T 1-2018", title="Old edition")
        standard = make_standard(
            code="GB/T 1-2024",
            title="New edition",
            status=StandardStatus.IN_FORCE,
            issuing_body=samr,
            committee=committee,
        )
        standard.replaces.add(old)
        for status, day in [
            (StandardStatus.DRAFTING, datetime.date(2023, 3, 1)),
            (StandardStatus.PUBLIC_COMMENT, datetime.date(2023, 9, 1)),
            (StandardStatus.IN_FORCE, datetime.date(2024, 7, 1)),
        ]:
            make_milestone(standard=standard, status=status, date=day)
        lead = make_organization(name="Lead drafter", slug="lead-drafter")
        other = make_organization(name="Second drafter", slug="second-drafter")
        make_drafting_role(standard=standard, organization=other, order=1)
        make_drafting_role(standard=standard, organization=lead, is_lead=True, order=2)

        response = client.get(standard.get_absolute_url())
        text = text_of(response)

        assert "2023-03-01 — Drafting 2023-09-01 — Public comment 2024-07-01 — In force" in text
        assert "Lead drafter (lead) Second drafter" in text
        assert link_to(response, "/organizations/lead-drafter/")
        assert link_to(response, "/organizations/samr/")
        assert "SAC/TC 2 Battery committee (Ministry)" in text
        assert link_to(response, "/organizations/ministry/")
        assert link_to(response, old.get_absolute_url())["text"] == "GB/T 1-2018 Old edition"
        assert link_to(response, "/standards/lifecycle/#status-in_force")
        old_page = client.get(old.get_absolute_url())
        assert "Replaced by GB/T 1-2024 New edition" in text_of(old_page)

    def test_links_talks_and_meetings_that_discussed_it(self, client):
        standard = make_standard()
        forum = make_forum(title="Spring forum")
        session = make_session(forum=forum, title="Working group meeting")
        talk = make_talk(forum=forum, title="Progress report")
        standard.discussed_at_sessions.add(session)
        standard.discussed_in_talks.add(talk)

        response = client.get(standard.get_absolute_url())

        assert link_to(response, session.get_absolute_url())["text"] == "Working group meeting"
        assert link_to(response, talk.get_absolute_url())["text"] == "Progress report"
        assert "Working group meeting, Spring forum" in text_of(response)

    def test_a_published_standard_with_a_future_effective_date_is_to_be_implemented(self, client):
        standard = make_standard(
            status=StandardStatus.PUBLISHED,
            published_on=datetime.date.today(),
            effective_on=datetime.date.today() + datetime.timedelta(days=90),
        )
        assert "Status To be implemented" in text_of(client.get(standard.get_absolute_url()))

    def test_status_page_explains_every_status(self, client):
        response = client.get("/standards/lifecycle/")
        assert response.status_code == 200
        body = response.content.decode()
        text = text_of(response)
        for status in StandardStatus:
            assert f'id="status-{status.value}"' in body
            assert status.label in text
            assert link_to(response, f"/standards/?status={status.value}")
        for native in (
            "提案",
            "立项",
            "起草",
            "征求意见",
            "审查",
            "报批",
            "发布",
            "现行",
            "复审",
            "被代替",
            "废止",
            "即将实施",
        ):
            assert native in text
        assert "To be implemented" in text


# --- Evaluations -----------------------------------------------------------------------


@pytest.mark.django_db
class TestBatchPages:
    def test_demo_batch_links_program_laboratory_basis_standard_and_forum(self, client, demo):
        response = client.get(GENERAL_BATCH)
        text = text_of(response)
        assert "Sodium ion battery evaluation: batch 6" in text
        assert link_to(response, STANDARD)["text"] == (
            "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries"
        )
        assert link_to(response, FORUM)["text"] == (
            "2025 Sodium Ion Battery Industry Chain and Standards Development Forum"
        )
        assert link_to(response, "/organizations/sai-laboratory/")
        assert link_to(response, "/evaluations/results/?program=sodium-ion-battery-evaluation")

    def test_demo_batch_results_table(self, client, demo):
        response = client.get(GENERAL_BATCH)
        assert table_rows(response) == [
            "Ningde Times New Energy Technology Co., Ltd. — Passed",
            "Xiamen Haicheng Energy Storage Technology Co., Ltd. — Passed",
            "China Sodium Energy (Yangzhou) Co., Ltd. — Passed",
        ]
        assert link_to(response, NINGDE)
        assert "3 results in batch 6" in text_of(response)

    def test_batch_csv_link_downloads_exactly_this_batchs_results(self, client, demo):
        response = client.get(GENERAL_BATCH)
        csv_link = next(link for link in parse(response).links if link["text"] == "Download CSV")
        rows = read_csv(client.get(csv_link["href"]))
        assert [row["Organization"] for row in rows] == [
            "Ningde Times New Energy Technology Co., Ltd.",
            "Xiamen Haicheng Energy Storage Technology Co., Ltd.",
            "China Sodium Energy (Yangzhou) Co., Ltd.",
        ]

    def test_pinned_standard_edition_and_withdrawn_result(self, client):
        program_standard = make_standard(code="T/X 1-2023")
        pinned = make_standard(code="T/X 1-2025")
        program = make_program(basis_standard=program_standard)
        batch = make_batch(program=program, number=3, basis_standard=pinned)
        make_result(
            batch=batch,
            organization=make_organization(name="Withdrawn Co"),
            withdrawn_on=datetime.date(2025, 10, 1),
            withdrawal_reason="Sample did not match production.",
        )
        earlier = make_batch(program=program, number=2)

        response = client.get(batch.get_absolute_url())

        assert link_to(response, pinned.get_absolute_url())
        assert not link_to(response, program_standard.get_absolute_url())
        assert "Withdrawn 2025-10-01 Sample did not match production." in text_of(response)
        assert link_to(response, earlier.get_absolute_url())["text"] == "Batch 2"

    def test_batch_list_filters_by_program_and_year(self, client):
        cold = make_program(name="Low-temperature", slug="cold")
        this_year = make_batch(program=cold, number=1, announced_on=datetime.date(2025, 9, 25))
        last_year = make_batch(program=cold, number=2, announced_on=datetime.date(2024, 9, 25))
        other = make_batch(announced_on=datetime.date(2025, 1, 1))

        by_program = hrefs(client.get("/evaluations/?program=cold"))
        assert this_year.get_absolute_url() in by_program
        assert last_year.get_absolute_url() in by_program
        assert other.get_absolute_url() not in by_program
        by_year = client.get("/evaluations/?program=cold&year=2025")
        assert this_year.get_absolute_url() in hrefs(by_year)
        assert last_year.get_absolute_url() not in hrefs(by_year)
        assert active_filters(by_year) == {
            "Program: Low-temperature": "?year=2025",
            "Year announced: 2025": "?program=cold",
        }

    def test_batch_list_shows_forum_and_result_count(self, client, demo):
        response = client.get("/evaluations/")
        rows = table_rows(response)
        assert (
            "Batch 1 Low-temperature performance evaluation — 2025 Sodium Ion Battery Industry "
            "Chain and Standards Development Forum 5" in rows
        )
        assert count_text(response) == "3 batches"

    def test_batch_list_csv_has_exactly_the_filtered_rows(self, client, demo):
        rows = read_csv(
            client.get("/evaluations/?program=low-temperature-performance-evaluation&format=csv")
        )
        assert [(row["Program"], row["Batch number"], row["Results"]) for row in rows] == [
            ("Low-temperature performance evaluation", "1", "5")
        ]
        assert rows[0]["Announced at"] == (
            "2025 Sodium Ion Battery Industry Chain and Standards Development Forum"
        )


@pytest.mark.django_db
class TestResultList:
    @pytest.mark.parametrize(
        ("query", "count"),
        [
            ("", 9),
            ("program=low-temperature-performance-evaluation", 5),
            ("program=sodium-ion-battery-evaluation&batch=6", 3),
            ("outcome=passed", 3),
            ("outcome=completed", 1),
            ("organization_kind=research_institute", 1),
            ("organization=ningde-times-new-energy-technology", 2),
            ("q=Hanhang", 1),
            ("q=Ningde", 2),
        ],
    )
    def test_filters_narrow_the_demo_results(self, client, demo, query, count):
        response = client.get(f"/evaluations/results/?{query}")
        assert response.status_code == 200
        assert len(table_rows(response)) == count
        assert count_text(response) == f"{count} result{'' if count == 1 else 's'}"
        csv_rows = read_csv(client.get(f"/evaluations/results/?{query}&format=csv"))
        assert len(csv_rows) == count

    def test_filter_by_year_announced(self, client):
        recent = make_result(batch=make_batch(announced_on=datetime.date(2025, 9, 25)))
        old = make_result(batch=make_batch(announced_on=datetime.date(2023, 9, 25)))
        response = client.get("/evaluations/results/?year=2025")
        assert recent.organization.get_absolute_url() in hrefs(response)
        assert old.organization.get_absolute_url() not in hrefs(response)

    def test_rows_link_organization_and_batch(self, client, demo):
        response = client.get(
            "/evaluations/results/?organization=ningde-times-new-energy-technology&sort=organization"
        )
        assert link_to(response, GENERAL_BATCH)["text"] == "Batch 6"
        assert link_to(response, LOW_TEMPERATURE_BATCH)["text"] == "Batch 1"
        assert link_to(response, NINGDE)

    def test_csv_link_carries_filters(self, client, demo):
        response = client.get("/evaluations/results/?outcome=passed&organization_kind=company")
        csv_link = next(link for link in parse(response).links if link["text"] == "Download CSV")
        assert parse_qs(urlsplit(csv_link["href"]).query) == {
            "outcome": ["passed"],
            "organization_kind": ["company"],
            "format": ["csv"],
        }
        rows = read_csv(client.get("/evaluations/results/" + csv_link["href"]))
        assert sorted(row["Organization"] for row in rows) == [
            "China Sodium Energy (Yangzhou) Co., Ltd.",
            "Ningde Times New Energy Technology Co., Ltd.",
            "Xiamen Haicheng Energy Storage Technology Co., Ltd.",
        ]
        assert {row["Basis standard"] for row in rows} == {"T/CNESA 1006—2025"}

    def test_empty_state(self, client, demo):
        response = client.get("/evaluations/results/?outcome=failed")
        text = text_of(response)
        assert "Nothing matches these filters." in text
        assert "Try another program or outcome, a company's short name, or" in text
        assert "Outcome: Did not pass" in active_filters(response)


# --- Organizations and people ----------------------------------------------------------


@pytest.mark.django_db
class TestOrganizationPages:
    def test_ningde_times_page_shows_both_its_results(self, client, demo):
        response = client.get(NINGDE)
        assert response.status_code == 200
        body = response.content.decode()
        assert "<caption>Sodium ion battery evaluation</caption>" in body
        assert "<caption>Low-temperature performance evaluation</caption>" in body
        assert link_to(response, GENERAL_BATCH)["text"] == "Batch 6"
        assert link_to(response, LOW_TEMPERATURE_BATCH)["text"] == "Batch 1"
        text = text_of(response)
        assert "Passed" in text
        assert "Participated" in text
        assert link_to(
            response, "/evaluations/results/?organization=ningde-times-new-energy-technology"
        )

    def test_organizer_page_shows_its_forum_roles_and_programs(self, client, demo):
        response = client.get(
            "/organizations/zhongguancun-energy-storage-industry-technology-alliance/"
        )
        text = text_of(response)
        assert (
            "Organizer of 2025 Sodium Ion Battery Industry Chain and Standards Development Forum"
            in text
        )
        assert "Took part in Sodium Ion Battery Industry Chain Sub-Forum" in text
        assert "Liu Wei (Secretary-General): moderator at 2025 Sodium Ion Battery" in text
        assert link_to(response, "/people/liu-wei/")

        cesi = client.get("/organizations/china-electronics-technology-standardization-institute/")
        assert link_to(cesi, "/evaluations/results/?program=sodium-ion-battery-evaluation")
        assert link_to(cesi, "/organizations/sai-laboratory/")  # the laboratory it includes
        assert "Vice President" in text_of(cesi)  # Guo Nan's opening remarks

    def test_university_page_shows_talks_by_its_people(self, client, demo):
        response = client.get("/organizations/tsinghua-university/")
        text = text_of(response)
        assert "High-Power Sodium Ion Batteries (keynote report) by Li Jinghong, Professor" in text
        assert link_to(response, "/people/li-jinghong/")
        assert link_to(response, FORUM)

    def test_shows_standards_drafted_and_issued(self, client):
        organization = make_organization(slug="drafter")
        drafted = make_standard(code="T/A 1-2025", title="Drafted one")
        issued = make_standard(code="GB 2-2025", title="Issued one", issuing_body=organization)
        make_drafting_role(standard=drafted, organization=organization, is_lead=True)

        response = client.get("/organizations/drafter/")
        text = text_of(response)

        assert "Drafted (lead): T/A 1-2025 Drafted one" in text
        assert "Issued: GB 2-2025 Issued one" in text
        assert link_to(response, drafted.get_absolute_url())
        assert link_to(response, issued.get_absolute_url())

    def test_list_filters_by_kind_region_and_results(self, client, demo):
        def organizations(query):
            response = client.get(f"/organizations/?{query}")
            assert response.status_code == 200
            return set(row_links(response))

        assert organizations("kind=university") == {
            "/organizations/university-of-science-and-technology-of-china/",
            "/organizations/wuhan-university/",
            "/organizations/tsinghua-university/",
            "/organizations/harbin-institute-of-technology/",
        }
        assert count_text(client.get("/organizations/?kind=university")) == "4 organizations"
        assert organizations("region=Shandong%2C+China&kind=government_agency") == {
            "/organizations/weihai-nanhai-new-district-management-committee/",
            "/organizations/weihai-nanhai-new-district-party-committee/",
            "/organizations/wendeng-district-government/",
            "/organizations/wendeng-district-industrial-and-information-technology-bureau/",
            "/organizations/weihai-industrial-and-information-technology-bureau/",
            "/organizations/shandong-provincial-department-of-industry-and-information-technology/",
        }
        assert organizations("has_results=true") == {
            NINGDE,
            "/organizations/xiamen-haicheng-energy-storage-technology/",
            "/organizations/china-sodium-energy-yangzhou/",
            "/organizations/shanghai-hanhang-technology/",
            "/organizations/zhejiang-tianneng-sodium-battery-technology/",
            "/organizations/shanxi-huanan-xinneng-technology/",
            "/organizations/dalian-institute-of-chemical-physics/",
            "/organizations/hunan-desay-battery/",
        }
        assert active_filters(client.get("/organizations/?has_results=true")) == {
            "Has evaluation results: Yes": "?"
        }
        without = organizations("has_results=false&kind=company")
        assert NINGDE not in without
        assert "/organizations/yadi/" in without
        assert organizations("q=Hanhang+Technology") == {
            "/organizations/shanghai-hanhang-technology/"
        }

    def test_list_csv_has_exactly_the_filtered_rows(self, client, demo):
        rows = read_csv(client.get("/organizations/?kind=laboratory&format=csv"))
        assert [(row["Name"], row["Kind"], row["Parent organization"]) for row in rows] == [
            (
                "SAI Laboratory, China Electronics Technology Standardization Institute",
                "Laboratory",
                "China Electronics Technology Standardization Institute",
            )
        ]

    def test_empty_state(self, client, demo):
        text = text_of(client.get("/organizations/?q=nobody-by-this-name"))
        assert "0 organizations" in text
        assert "Try a short name (for example “Hanhang”), another kind, or" in text


@pytest.mark.django_db
class TestPersonPage:
    def test_talks_with_position_at_the_time(self, client, demo):
        response = client.get("/people/wang-jianchao/")
        text = text_of(response)
        assert "Opening remarks (opening remarks)" in text
        assert "The industrial situation in Wendeng District (overview)" in text
        assert text.count("Then Deputy District Mayor, Wendeng District, Weihai") == 2
        assert link_to(response, "/organizations/wendeng-district-government/")
        assert link_to(response, FORUM)

    def test_roles_with_sessions(self, client, demo):
        response = client.get("/people/liu-wei/")
        text = text_of(response)
        assert (
            "Moderator at 2025 Sodium Ion Battery Industry Chain and Standards Development Forum "
            "(Opening ceremony, Thematic forum)" in text
        )
        assert "Then Secretary-General, Zhongguancun Energy Storage" in text

    def test_honorific(self, client, demo):
        assert "Academician of the Chinese Academy of Sciences" in text_of(
            client.get("/people/li-jinghong/")
        )


# --- Home, sitemap, robots ------------------------------------------------------------


@pytest.mark.django_db
class TestHome:
    def test_latest_forum_batches_counts_and_search_box(self, client, demo):
        response = client.get("/")
        text = text_of(response)
        assert link_to(response, FORUM)
        assert "2025-09-25, Weihai · 500+ attendees" in text
        for batch in (GENERAL_BATCH, LOW_TEMPERATURE_BATCH, CYCLE_LIFE_BATCH):
            assert link_to(response, batch)
        assert "1 forum 1 standard 35 organizations 9 evaluation results" in text
        body = response.content.decode()
        assert '<form role="search" action="/search/" method="get"' in body
        assert '<input id="home-search-q" type="search" name="q"' in body

    def test_standards_by_status_chart_is_inline_svg_linking_to_the_list(self, client):
        for _ in range(3):
            make_standard(status=StandardStatus.IN_FORCE)
        make_standard(status=StandardStatus.DRAFTING)
        make_standard(status=StandardStatus.WITHDRAWN, published=False)

        body = client.get("/").content.decode()

        svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
        assert svg.count("<rect") == 2
        bars = re.findall(
            r'<a href="([^"]+)">\s*<text[^>]*>([^<]+)</text>.*?<text[^>]*>(\d+)</text>', svg, re.S
        )
        assert bars == [
            ("/standards/?status=drafting", "Drafting", "1"),
            ("/standards/?status=in_force", "In force", "3"),
        ]
        assert "style=" not in svg
        assert "<script" not in svg

    def test_empty_site_says_so(self, client, db):
        text = text_of(client.get("/"))
        assert "No forum published yet." in text
        assert "No evaluation batch published yet." in text
        assert "No standard published yet." in text


@pytest.mark.django_db
class TestSitemapAndRobots:
    def test_robots_points_to_the_sitemap_and_keeps_out_of_admin(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert "Disallow: /admin/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines

    def test_sitemap_lists_every_published_page(self, client, demo):
        body = client.get("/sitemap.xml").content.decode()
        locations = set(re.findall(r"<loc>http://testserver([^<]+)</loc>", body))
        assert {
            "/",
            "/forums/",
            "/standards/",
            "/standards/lifecycle/",
            "/evaluations/",
            "/evaluations/results/",
            "/organizations/",
            FORUM,
            STANDARD,
            GENERAL_BATCH,
            LOW_TEMPERATURE_BATCH,
            CYCLE_LIFE_BATCH,
            NINGDE,
            "/people/li-jinghong/",
        } <= locations


# --- Drafts ----------------------------------------------------------------------------


@pytest.fixture
def drafts(db):
    """A draft of every publishable kind, each tied to published records readers can see."""
    organization = make_organization(name="Open Company", slug="open-company")
    person = make_person(name="Open Person", slug="open-person")
    draft_forum = make_forum(
        title="Secret summit",
        slug="secret-summit",
        published=False,
        start_date=datetime.date(2030, 1, 1),
    )
    draft_standard = make_standard(
        code="T/HIDDEN 9-2030",
        title="Secret specification",
        slug="secret-specification",
        published=False,
        issuing_body=organization,
        status=StandardStatus.WITHDRAWN,
    )
    # Programs are not drafts themselves: they are public once entered.
    draft_program = make_program(basis_standard=draft_standard)
    draft_batch = make_batch(
        program=draft_program,
        number=7,
        slug="secret-batch",
        published=False,
        announced_on=datetime.date(2030, 1, 2),
        announced_at=draft_forum,
    )
    EvaluationResult.objects.create(
        batch=draft_batch, organization=organization, product="Secret cell", outcome=Outcome.PASSED
    )
    make_drafting_role(standard=draft_standard, organization=organization)
    make_organizer_role(forum=draft_forum, organization=organization, role=OrganizerRoleKind.HOST)
    session = Session.objects.create(
        forum=draft_forum, title="Secret session", kind=SessionKind.SUB_FORUM
    )
    session.organizations.add(organization)
    talk = make_talk(forum=draft_forum, session=session, title="Secret talk")
    make_speaker(talk=talk, person=person, organization=organization, position="Secret position")
    make_person_role(
        forum=draft_forum, person=person, organization=organization, role=PersonRoleKind.MODERATOR
    )

    # Published records that point at the drafts.
    public_forum = make_forum(title="Open forum", slug="open-forum")
    public_standard = make_standard(
        code="T/OPEN 1-2025", title="Open standard", slug="open-standard"
    )
    public_standard.replaced_by.add(draft_standard)
    public_batch = make_batch(
        program=make_program(name="Open program", slug="open-program"),
        number=1,
        slug="open-batch",
        announced_at=draft_forum,
        basis_standard=draft_standard,
    )
    EvaluationResult.objects.create(
        batch=public_batch, organization=organization, outcome=Outcome.PASSED
    )
    make_batch(
        program=public_batch.program,
        number=2,
        slug="secret-sibling",
        published=False,
        announced_at=public_forum,
    )
    public_talk = make_talk(forum=public_forum, title="Open talk")
    public_talk.standards_discussed.add(draft_standard)
    return {
        "forum": draft_forum,
        "standard": draft_standard,
        "batch": draft_batch,
        "organization": organization,
        "person": person,
        "public_forum": public_forum,
        "public_standard": public_standard,
        "public_batch": public_batch,
    }


def assert_no_secret(response):
    body = response.content.decode()
    for secret in ("Secret", "secret-", "T/HIDDEN", "2030-01"):
        assert secret not in body, f"{secret!r} leaked into {response.request['PATH_INFO']}"


DRAFT_URLS = [
    "/forums/secret-summit/",
    "/standards/secret-specification/",
    "/evaluations/secret-batch/",
]


@pytest.mark.django_db
class TestDrafts:
    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_anonymous_readers_get_404(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()

    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_non_staff_users_get_404(self, client, drafts, url, django_user_model):
        client.force_login(django_user_model.objects.create_user("reader", password="x"))
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_staff_see_the_page_with_a_draft_banner(self, client, drafts, editor, url):
        client.force_login(editor)
        response = client.get(url)
        assert response.status_code == 200
        banner = re.search(
            r'<div class="banner banner-draft" role="status">(.*?)</div>\s*</div>',
            response.content.decode(),
            re.S,
        )
        assert banner
        assert "Draft — only staff can see this page." in banner.group(1)

    def test_published_pages_have_no_draft_banner(self, client, drafts, editor):
        client.force_login(editor)
        for url in ("/forums/open-forum/", "/standards/open-standard/", "/evaluations/open-batch/"):
            assert "banner-draft" not in client.get(url).content.decode()

    def test_staff_preview_links_the_draft_forum_and_standard(self, client, drafts, editor):
        client.force_login(editor)
        response = client.get("/evaluations/secret-batch/")
        assert link_to(response, "/forums/secret-summit/")
        assert link_to(response, "/standards/secret-specification/")

    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/forums/",
            "/standards/",
            "/evaluations/",
            "/evaluations/results/",
            "/evaluations/results/?organization=open-company",
            "/organizations/",
            "/organizations/?has_results=true",
            "/standards/?status=withdrawn",
            "/forums/?year=2030",
        ],
    )
    def test_lists_and_home_leave_drafts_out(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_secret(response)

    def test_lists_count_only_published_rows(self, client, drafts):
        assert count_text(client.get("/forums/")) == "1 forum"
        assert count_text(client.get("/standards/")) == "1 standard"
        assert count_text(client.get("/evaluations/")) == "1 batch"
        assert count_text(client.get("/evaluations/results/")) == "1 result"
        assert "withdrawn" not in client.get("/").content.decode().lower().split("<svg")[1]

    @pytest.mark.parametrize(
        "query", ["Secret", "secret", "T/HIDDEN", "hidden 9", "9-2030", "Secret talk"]
    )
    def test_search_leaves_drafts_out(self, client, drafts, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        links = hrefs(response)
        assert not [href for href in links if "secret" in href]

    @pytest.mark.parametrize(
        "url",
        [
            "/forums/?format=csv",
            "/standards/?format=csv",
            "/evaluations/?format=csv",
            "/evaluations/results/?format=csv",
            "/organizations/?format=csv",
        ],
    )
    def test_public_csv_leaves_drafts_out(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        for secret in ("Secret", "secret-", "T/HIDDEN", "2030-01"):
            assert secret not in body, f"{secret!r} leaked into {url}"

    def test_sitemap_leaves_drafts_out(self, client, drafts):
        body = client.get("/sitemap.xml").content.decode()
        assert "/forums/open-forum/" in body
        assert "/standards/open-standard/" in body
        assert "/evaluations/open-batch/" in body
        assert "secret-" not in body

    @pytest.mark.parametrize(
        "url",
        [
            "/organizations/open-company/",
            "/people/open-person/",
            "/forums/open-forum/",
            "/standards/open-standard/",
            "/evaluations/open-batch/",
        ],
    )
    def test_published_pages_never_link_or_name_drafts(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_secret(response)

    def test_organization_and_person_pages_still_show_what_is_public(self, client, drafts):
        organization = client.get("/organizations/open-company/")
        assert link_to(organization, "/evaluations/open-batch/")
        person = client.get("/people/open-person/")
        assert "No talks recorded." in text_of(person)
        assert "No forum roles recorded." in text_of(person)


@pytest.mark.django_db
def test_organization_page_shows_the_latest_results_and_links_the_rest(client):
    from portal.views import RESULTS_SHOWN

    company = make_organization(name="Busy Cells Co.", slug="busy-cells")
    program = make_program(name="Cycle life")
    for number in range(1, RESULTS_SHOWN + 3):  # batches 1 to 52
        make_result(batch=make_batch(program=program, number=number), organization=company)

    response = client.get(company.get_absolute_url())

    text = text_of(response)
    assert f"Showing the latest {RESULTS_SHOWN} of {RESULTS_SHOWN + 2} results." in text
    assert link_to(response, "/evaluations/results/?organization=busy-cells")["text"] == (
        f"All {RESULTS_SHOWN + 2} results as a list"
    )
    batch_links = [href for href in hrefs(response) if href.startswith("/evaluations/program-")]
    assert len(batch_links) == RESULTS_SHOWN
    assert "Batch 52" in text  # the latest
    assert "Batch 1 " not in text  # the oldest, one link away
