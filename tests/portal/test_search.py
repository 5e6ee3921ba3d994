"""Global search (/search/?q=): grouped results, codes, aliases, native names, drafts.

Every test here runs unchanged on SQLite (substring matching) and on PostgreSQL
(full-text search joined with substring matching).
"""

import re
from dataclasses import dataclass

import pytest

from directory.models import OrganizationKind
from forums.models import Session, SessionKind
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch, make_program
from tests.forums.factories import make_forum, make_talk
from tests.standards.factories import make_standard
from tests.support import parse_html

STANDARD = "/standards/t-cnesa-1006-2025/"
HANHANG = "/organizations/shanghai-hanhang-technology/"


@dataclass
class SearchPage:
    """Each result group's heading and the links listed under it, in page order; each
    group's link to the rest of its results; and the page's HTML."""

    groups: dict[str, list[tuple[str, str]]]
    more: dict[str, str]
    raw: str


def result_groups(document) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    more: dict[str, str] = {}
    for section in document.all("section"):
        heading = next(iter(section.all("h2")), None)
        name = heading.text.strip() if heading else ""
        if not name:
            continue
        listed = groups.setdefault(name, [])
        for item in section.all("li"):
            for link in item.all("a"):
                if link.attrs["href"] not in {href for href, _ in listed}:
                    listed.append((link.attrs["href"], link.text.strip()))
        for paragraph in section.all("p"):
            for link in paragraph.all("a"):
                more[name] = link.attrs["href"]
    return groups, more


def search(client, query) -> SearchPage:
    response = client.get("/search/", {"q": query}, follow=True)  # no query: to /search/
    assert response.status_code == 200
    groups, more = result_groups(parse_html(response))
    return SearchPage(groups, more, response.content.decode())


def found(client, query, group: str) -> list[str]:
    """The addresses listed under one group of the results."""
    return [href for href, _ in search(client, query).groups.get(group, [])]


@pytest.mark.django_db
class TestGrouping:
    def test_results_are_grouped_by_kind_in_a_fixed_order(self, client, demo):
        page = search(client, "sodium")
        assert list(page.groups) == [
            "Standards",
            "Organizations",
            "Forums",
            "Evaluation batches",
            "Sessions",
            "Talks",
        ]
        assert page.groups["Standards"] == [
            (STANDARD, "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries")
        ]
        assert "/forums/2025-weihai-sodium-ion-battery-forum/" in found(client, "sodium", "Forums")
        assert "/evaluations/sodium-ion-battery-evaluation-batch-6/" in found(
            client, "sodium", "Evaluation batches"
        )
        assert "/organizations/huayu-sodium-power/" in found(client, "sodium", "Organizations")

    def test_people_and_talks(self, client, demo):
        assert found(client, "Li Jinghong", "People") == ["/people/li-jinghong/"]
        talks = search(client, "poly-anion phosphate").groups["Talks"]
        assert len(talks) == 1
        href, text = talks[0]
        assert re.fullmatch(r"/forums/2025-weihai-sodium-ion-battery-forum/#talk-\d+", href)
        assert text.startswith("Controlled preparation and performance of poly-anion phosphate")

    def test_groups_with_no_match_are_left_out(self, client, demo):
        assert list(search(client, "Tsinghua").groups) == ["Organizations"]

    def test_a_long_group_shows_ten_and_links_to_the_filtered_list(self, client):
        for n in range(12):
            make_standard(title=f"Cathode material specification {n:02d}")
        page = search(client, "Cathode material")
        assert len(page.groups["Standards"]) == 10
        assert page.more["Standards"] == "/standards/?q=Cathode%20material"
        listed = client.get(page.more["Standards"])
        assert "<strong>12</strong> standards" in listed.content.decode()

    def test_the_more_link_lists_what_search_found_whatever_the_word_order(self, client):
        for n in range(12):
            make_organization(name=f"Cathode Materials Company {n:02d}")
        page = search(client, "company cathode")
        assert len(page.groups["Organizations"]) == 10
        listed = client.get(page.more["Organizations"])
        assert "<strong>12</strong> organizations" in listed.content.decode()

    def test_no_query_asks_for_one_and_no_match_says_what_to_try(self, client, demo):
        empty = search(client, "")
        assert empty.groups == {}
        assert "Type a company, a standard code such as “T/CNESA 1006”" in empty.raw

        nothing = search(client, "zzzz-no-such-thing")
        assert nothing.groups == {}
        assert "Nothing found for “zzzz-no-such-thing”." in nothing.raw
        assert "a standard code without its year (for example “1006”)" in nothing.raw

    def test_query_stays_in_the_search_box(self, client, demo):
        page = search(client, "Ningde")
        assert 'name="q" value="Ningde"' in page.raw
        assert "<title>Search: Ningde · Sodium Registry</title>" in page.raw


@pytest.mark.django_db
class TestStandardCodes:
    @pytest.mark.parametrize(
        "query",
        [
            "T/CNESA 1006—2025",  # as written, with the em dash
            "1006-2025",  # a hyphen-minus, no prefix
            "t/cnesa 1006",  # lower case, no year
            "T／CNESA 1006–2025",  # full-width slash, en dash
            "T/CNESA1006-2025",  # no space
            "ｔ/ｃｎｅｓａ １００６",  # full-width letters and digits
        ],
    )
    def test_every_way_of_writing_the_code_finds_the_standard(self, client, demo, query):
        assert found(client, query, "Standards") == [STANDARD]

    @pytest.mark.parametrize("query", ["1007-2025", "T/CNESA 1006-2024", "GB/T 1006"])
    def test_a_different_code_does_not_match(self, client, demo, query):
        assert found(client, query, "Standards") == []

    def test_codes_of_several_standards(self, client):
        gbt = make_standard(code="GB/T 44265-2024", title="Electrical energy storage")
        make_standard(code="GB/T 36276-2018", title="Lithium ion battery for storage")
        assert found(client, "44265", "Standards") == [gbt.get_absolute_url()]
        assert len(found(client, "gb/t", "Standards")) == 2


@pytest.mark.django_db
class TestNamesAliasesAndNativeNames:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("Hanhang Technology", HANHANG),
            ("hanhang", HANHANG),
            (
                "Haicheng Energy Storage",
                "/organizations/xiamen-haicheng-energy-storage-technology/",
            ),
            ("China Sodium Energy", "/organizations/china-sodium-energy-yangzhou/"),
            ("SAI Laboratory", "/organizations/sai-laboratory/"),
            ("NINGDE TIMES", "/organizations/ningde-times-new-energy-technology/"),
        ],
    )
    def test_aliases_and_names_in_any_case_find_the_organization(
        self, client, demo, query, expected
    ):
        assert expected in found(client, query, "Organizations")

    def test_native_names_find_organizations_people_standards_and_forums(self, client):
        catl = make_organization(
            name="Contemporary Amperex Technology",
            native_name="宁德时代新能源科技股份有限公司",
            kind=OrganizationKind.COMPANY,
        )
        person = make_person(name="Li Jinghong", native_name="李景虹")
        standard = make_standard(title="Sodium ion batteries", native_title="钠离子电池通用规范")
        forum = make_forum(title="Weihai forum", native_title="钠离子电池产业链与标准发展论坛")

        assert found(client, "宁德时代", "Organizations") == [catl.get_absolute_url()]
        assert found(client, "李景虹", "People") == [person.get_absolute_url()]
        assert found(client, "钠离子电池", "Standards") == [standard.get_absolute_url()]
        assert found(client, "标准发展论坛", "Forums") == [forum.get_absolute_url()]
        page = search(client, "宁德时代")
        assert '<span class="native" lang="zh">宁德时代新能源科技股份有限公司</span>' in page.raw

    def test_words_in_any_order_find_a_title(self, client, demo):
        assert found(client, "specifications sodium", "Standards") == [STANDARD]
        assert found(client, "Sodium Ion Batteries General", "Standards") == [STANDARD]

    def test_batches_by_program_name(self, client):
        program = make_program(name="Low-temperature performance evaluation", slug="cold")
        batch = make_batch(program=program, number=1)
        assert found(client, "low-temperature", "Evaluation batches") == [batch.get_absolute_url()]


@pytest.mark.django_db
class TestDraftsStayOut:
    def test_drafts_and_their_talks_are_never_found(self, client):
        draft_forum = make_forum(title="Hidden gathering", published=False)
        Session.objects.create(
            forum=draft_forum, title="Hidden session", kind=SessionKind.SUB_FORUM
        )
        make_talk(forum=draft_forum, title="Hidden keynote")
        make_standard(code="T/HIDE 1-2030", title="Hidden standard", published=False)
        make_batch(program=make_program(name="Hidden program"), published=False)
        visible = make_standard(code="T/SHOW 1-2025", title="Hidden in plain sight")

        page = search(client, "Hidden")

        assert list(page.groups) == ["Standards"]
        assert page.groups["Standards"] == [
            (visible.get_absolute_url(), "T/SHOW 1-2025 Hidden in plain sight")
        ]
        assert found(client, "T/HIDE", "Standards") == []
        assert found(client, "1-2030", "Standards") == []

    def test_staff_search_leaves_drafts_out_too(self, client, editor):
        make_standard(code="T/HIDE 1-2030", title="Hidden standard", published=False)
        client.force_login(editor)
        assert search(client, "Hidden").groups == {}
