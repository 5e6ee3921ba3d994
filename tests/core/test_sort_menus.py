"""Every list's "Sort by" menu offers each order once, its default first."""

import re

import pytest

LISTS = ["/forums/", "/standards/", "/evaluations/", "/evaluations/results/", "/organizations/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_no_order_is_offered_twice(client, url):
    body = client.get(url).content.decode()
    menu = re.search(r'<select name="sort"[^>]*>(.*?)</select>', body, re.S).group(1)
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", menu)
    values = re.findall(r'<option value="([^"]*)"', menu)
    assert len(labels) == len(set(labels)), labels
    assert "" not in values  # the default order is a real choice, not a blank one


@pytest.mark.django_db
def test_the_default_order_comes_first_and_is_still_a_valid_choice(client):
    body = client.get("/evaluations/results/").content.decode()
    menu = re.search(r'<select name="sort"[^>]*>(.*?)</select>', body, re.S).group(1)
    first = re.search(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', menu)
    assert first.groups() == ("-announced", "Newest batch first")
    assert client.get("/evaluations/results/?sort=-announced").status_code in (200, 301)
