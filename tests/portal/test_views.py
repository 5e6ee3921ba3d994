"""The pages that join the apps: organizations, people, home, sitemap and robots.txt."""

import re

import pytest

from standards.models import StandardStatus
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.standards.factories import make_drafting_role, make_standard
from tests.support import (
    active_filters,
    count_text,
    hrefs,
    link_to,
    read_csv_records,
    row_links,
    sitemap_locations,
    text_of,
)

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"


STANDARD = "/standards/t-cnesa-1006-2025/"


GENERAL_BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"


LOW_TEMPERATURE_BATCH = "/evaluations/low-temperature-performance-evaluation-batch-1/"


CYCLE_LIFE_BATCH = "/evaluations/cycle-life-1000-evaluation-batch-2/"


NINGDE = "/organizations/ningde-times-new-energy-technology/"


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
        assert organizations("kind=government_agency&region=Shandong%2C+China") == {
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
        without = organizations("kind=company&has_results=false")
        assert NINGDE not in without
        assert "/organizations/yadi/" in without
        assert organizations("q=Hanhang+Technology") == {
            "/organizations/shanghai-hanhang-technology/"
        }

    def test_list_csv_has_exactly_the_filtered_rows(self, client, demo):
        rows = read_csv_records(client.get("/organizations/?kind=laboratory&format=csv"))
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
        locations = sitemap_locations(client)
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

    def test_sitemap_is_an_index_of_sections_of_bounded_size(self, client, demo, monkeypatch):
        from portal.sitemaps import PublicRecordSitemap

        monkeypatch.setattr(PublicRecordSitemap, "limit", 5)
        index = client.get("/sitemap.xml")
        assert index.status_code == 200
        assert "<sitemapindex" in index.content.decode()
        sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index.content.decode())
        # The demo's organizations fill several pages of five.
        assert "/sitemap-organizations.xml?p=2" in [s.replace("&amp;", "&") for s in sections]
        for section in sections:
            if section.startswith("/sitemap-pages.xml"):
                continue  # the fixed list of the site's own pages
            page = client.get(section.replace("&amp;", "&")).content.decode()
            assert 1 <= page.count("<url>") <= 5, section
        assert client.get("/sitemap-organizations.xml?p=999").status_code == 404


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
