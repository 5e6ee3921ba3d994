"""The evaluation pages: batches (list and detail) and the list of results."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.standards.factories import make_standard
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

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"


STANDARD = "/standards/t-cnesa-1006-2025/"


GENERAL_BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"


LOW_TEMPERATURE_BATCH = "/evaluations/low-temperature-performance-evaluation-batch-1/"


NINGDE = "/organizations/ningde-times-new-energy-technology/"


@pytest.mark.django_db
def test_a_batch_page_lists_results_as_announced_then_as_entered(client):
    """Rows an editor left at the same place in the announcement keep the order they
    were entered in, not the alphabet's."""
    batch = make_batch()
    for name, order in [("Zeta Cells", 0), ("Alpha Cells", 0), ("Entered third", 0)]:
        make_result(batch=batch, organization=make_organization(name=name), order=order)
    make_result(batch=batch, organization=make_organization(name="Placed after them"), order=1)
    rows = table_rows(client.get(batch.get_absolute_url()))
    names = ["Zeta Cells", "Alpha Cells", "Entered third", "Placed after them"]
    assert [next(name for name in names if name in row) for row in rows] == names


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
        csv_link = next(link for link in links(response) if link["text"] == "Download CSV")
        rows = read_csv_records(client.get(csv_link["href"]))
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
            "Batch 1 Low-temperature performance evaluation During the forum, 2025-09-25 "
            "2025 Sodium Ion Battery Industry Chain and Standards Development Forum 5" in rows
        )
        assert count_text(response) == "3 batches"

    def test_batch_list_csv_has_exactly_the_filtered_rows(self, client, demo):
        rows = read_csv_records(
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
        csv_rows = read_csv_records(client.get(f"/evaluations/results/?{query}&format=csv"))
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
        csv_link = next(link for link in links(response) if link["text"] == "Download CSV")
        assert parse_qs(urlsplit(csv_link["href"]).query) == {
            "outcome": ["passed"],
            "organization_kind": ["company"],
            "format": ["csv"],
        }
        rows = read_csv_records(client.get("/evaluations/results/" + csv_link["href"]))
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
