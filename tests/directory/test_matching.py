"""The organization matcher: typed names found by name, alias or native name."""

import pytest

from directory.matching import match_organizations
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db


def test_found_by_name_alias_or_native_name_whatever_the_case_and_width():
    weihai = make_organization(
        name="Weihai Power", native_name="威海电力", aliases="WHP\nWeihai Grid"
    )
    other = make_organization(name="Other Cells")
    matches = match_organizations(
        ["weihai power", "ＷＨＰ", "威海电力", " Weihai  Grid ", "OTHER CELLS"]
    )
    assert matches.found == {
        "weihai power": weihai,
        "ＷＨＰ": weihai,
        "威海电力": weihai,
        "Weihai  Grid": weihai,
        "OTHER CELLS": other,
    }
    assert matches.unmatched == []


def test_unmatched_names_are_listed_in_order_and_never_created():
    make_organization(name="Known Cells")
    matches = match_organizations(["Nobody Ltd", "Known Cells", "", "Nobody Ltd", "Ghost Co"])
    assert matches.unmatched == ["Nobody Ltd", "Ghost Co"]
    assert list(matches.found) == ["Known Cells"]


def test_a_part_of_an_alias_is_no_match():
    make_organization(name="Big Battery Group", aliases="BBG Holdings")
    assert match_organizations(["BBG"]).unmatched == ["BBG"]


def test_a_name_two_organizations_share_is_ambiguous():
    first = make_organization(name="Sodium One", aliases="S1")
    second = make_organization(name="Sodium Two", aliases="S1")
    matches = match_organizations(["S1"])
    assert matches.found == {}
    assert sorted(o.pk for o in matches.ambiguous["S1"]) == sorted([first.pk, second.pk])


def test_one_query_for_many_names(django_assert_num_queries):
    for i in range(5):
        make_organization(name=f"Maker {i}")
    with django_assert_num_queries(1):
        matches = match_organizations([f"maker {i}" for i in range(5)] + ["none"])
    assert len(matches.found) == 5
