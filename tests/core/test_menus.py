"""Filter menus offer the most used choices, a bounded number, computed once per change."""

import re

import pytest

from core import menus
from tests.directory.factories import make_organization
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db


def offered(client, url) -> list[str]:
    body = client.get(url).content.decode()
    select = re.search(r'<select name="issuing_body"[^>]*>(.*?)</select>', body, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.fixture
def bodies():
    """Five issuing bodies; body-4 issued the most public standards, body-0 the fewest."""
    for number in range(5):
        body = make_organization(name=f"Body {number}", slug=f"body-{number}")
        for _ in range(number + 1):
            make_standard(issuing_body=body)
    return bodies


def test_the_menu_offers_the_most_used_first_and_no_more_than_its_limit(
    client, bodies, monkeypatch
):
    monkeypatch.setattr(menus, "MENU_LIMIT", 3)
    assert offered(client, "/standards/") == ["", "body-4", "body-3", "body-2"]


def test_a_chosen_value_beyond_the_menu_is_still_offered_and_filters(client, bodies, monkeypatch):
    monkeypatch.setattr(menus, "MENU_LIMIT", 3)
    assert offered(client, "/standards/?issuing_body=body-0")[-1] == "body-0"
    body = client.get("/standards/?issuing_body=body-0").content.decode()
    assert '<option value="body-0" selected>Body 0</option>' in body


def test_the_menu_is_computed_once_per_content_version(bodies):
    from standards.filters import issuing_bodies_by_use

    calls = []
    original = issuing_bodies_by_use

    def counting():
        calls.append(1)
        return original()

    widget = menus.MostUsedSelect(key="test-bodies", menu=counting)
    from standards.filters import StandardFilterSet

    field = StandardFilterSet().form.fields["issuing_body"]
    widget.choices = field.choices
    widget.offered()
    widget.offered()
    assert len(calls) == 1
    make_standard(issuing_body=make_organization(slug="body-new"))
    assert "body-new" in [key for key, _label in widget.offered()]
    assert len(calls) == 2
