"""The standard pages: the list with its filters, pagination and CSV link; one standard's
page with its timeline, drafters and editions; the page explaining every status."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from standards.models import StandardLevel, StandardStatus
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program
from tests.forums.factories import make_forum, make_session, make_talk
from tests.standards.factories import (
    make_committee,
    make_drafting_role,
    make_milestone,
    make_standard,
)
from tests.support import (
    active_filters,
    count_text,
    hrefs,
    link_to,
    links,
    read_csv_records,
    table_rows,
    text_of,
)

STANDARD = "/standards/t-cnesa-1006-2025/"


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
        next_link = next(link for link in links(first) if link.get("rel") == "next")
        query = parse_qs(urlsplit(next_link["href"]).query)
        assert query == {"level": ["group"], "page": ["2"]}

        second = client.get("/standards/" + next_link["href"])
        rows = table_rows(second)
        assert len(rows) == 5
        assert all(row.startswith("T/GRP") for row in rows)
        assert "Page 2 of 2" in text_of(second)
        previous = next(link for link in links(second) if link.get("rel") == "prev")
        # Page 1's canonical URL carries no page parameter: the filters only.
        assert parse_qs(urlsplit(previous["href"]).query) == {"level": ["group"]}

    def test_csv_link_carries_the_filters_and_the_csv_has_exactly_those_rows(
        self, client, standards_world
    ):
        response = client.get("/standards/?level=national&page=1", follow=True)
        csv_link = next(link for link in links(response) if link["text"] == "Download CSV")
        assert parse_qs(urlsplit(csv_link["href"]).query) == {
            "level": ["national"],
            "format": ["csv"],
        }
        rows = read_csv_records(client.get("/standards/" + csv_link["href"]))
        assert [row["Code"] for row in rows] == ["GB/T 44265-2024"]
        assert rows[0]["Issuing body"] == "State Administration for Market Regulation"

    def test_empty_state_says_what_to_try(self, client, standards_world):
        response = client.get("/standards/?q=no-such-standard-anywhere")
        assert response.status_code == 200
        text = text_of(response)
        assert "0 standards" in text
        assert "Nothing matches these filters." in text
        assert "Try a code without its year (for example “1006”)" in text
        assert {"href": "/standards/", "text": "see the whole list"} in links(response)


@pytest.mark.django_db
class TestStandardDetail:
    def test_demo_standard_links_the_programs_evaluated_against_it(self, client, demo):
        response = client.get(STANDARD)
        text = text_of(response)
        assert "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries" in text
        assert "Level Group (association)" in text
        assert "Mandate" not in text  # its code's mandate would only repeat the level
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
