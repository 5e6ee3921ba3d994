"""The forum pages: the list with its filters and sorting, and one edition's page."""

import datetime

import pytest

from forums.models import SessionKind, TalkKind
from tests.forums.factories import make_forum, make_series, make_session, make_talk
from tests.standards.factories import make_standard
from tests.support import count_text, hrefs, link_to, links, table_rows, text_of

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"


GENERAL_BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"


LOW_TEMPERATURE_BATCH = "/evaluations/low-temperature-performance-evaluation-batch-1/"


CYCLE_LIFE_BATCH = "/evaluations/cycle-life-1000-evaluation-batch-2/"


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

        to_standard = [
            link for link in links(response) if link.get("href") == f"/standards/{standard.slug}/"
        ]
        assert [link["text"] for link in to_standard] == ["GB/T 44265-2024", "GB/T 44265-2024"]

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
