"""Lists page through a bounded number of rows: no page counts or skips past them all."""

import re
from html import unescape

import pytest

from core.pagination import BoundedPaginator
from directory.models import Organization
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations():
    for number in range(23):
        make_organization(name=f"Company {number:02d}")
    return Organization.objects.order_by("name")


def test_below_the_bound_it_counts_and_pages_everything(organizations):
    paginator = BoundedPaginator(organizations, 5, max_pages=10)
    assert paginator.count == 23
    assert paginator.num_pages == 5
    assert not paginator.has_more_than_shown
    assert [o.name for o in paginator.get_page(5)] == ["Company 20", "Company 21", "Company 22"]


def test_past_the_bound_it_stops_counting_and_paging(organizations, django_assert_num_queries):
    paginator = BoundedPaginator(organizations, 5, max_pages=3)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 16  # one past the 15 rows its pages reach
    assert "LIMIT 16" in captured.captured_queries[0]["sql"]
    assert paginator.has_more_than_shown
    assert paginator.shown_count == 15
    assert paginator.num_pages == 3
    # A page past the last reachable one is the last reachable one.
    page = paginator.get_page(40)
    assert page.number == 3
    assert [o.name for o in page] == [f"Company {n:02d}" for n in range(10, 15)]
    assert not page.has_next()


def test_a_page_is_read_by_its_keys_in_the_list_order(organizations, django_assert_num_queries):
    paginator = BoundedPaginator(organizations.select_related("parent"), 5, max_pages=10)
    paginator.count  # noqa: B018 (counted once, apart from the page)
    with django_assert_num_queries(2) as captured:
        page = paginator.page(3)
        names = [o.name for o in page]
        parents = [o.parent for o in page]  # no query: read with the row
    assert names == [f"Company {n:02d}" for n in range(10, 15)]
    assert parents == [None] * 5
    keys_query, rows_query = (q["sql"] for q in captured.captured_queries)
    assert "OFFSET 10" in keys_query
    assert "OFFSET" not in rows_query


def test_a_list_past_the_bound_says_so_and_its_csv_has_every_row(client, monkeypatch):
    from core import pagination

    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    for number in range(60):
        make_organization(name=f"Company {number:02d}")
    response = client.get("/organizations/")
    body = response.content.decode()
    assert "<strong>50+</strong>" in body
    assert "These pages reach the first 50 rows" in body
    assert "Page 1 of 2" in body
    assert client.get("/organizations/?page=3").status_code == 301  # to the last page, 2
    download = client.get("/organizations/?format=csv")
    rows = b"".join(download.streaming_content).decode().strip().splitlines()
    assert len(rows) == 61  # the header and every organization


def test_every_pagination_link_answers_without_a_redirect(client):
    for number in range(80):
        make_organization(name=f"Company {number:02d}")
    for page in (2, 3, 4):
        body = client.get(f"/organizations/?q=Company&page={page}").content.decode()
        nav = re.search(r'<nav class="pagination".*?</nav>', body, re.S).group(0)
        links = [unescape(href) for href in re.findall(r'href="([^"]*)"', nav)]
        assert len(links) >= 2
        for href in links:
            response = client.get(f"/organizations/{href}")
            assert response.status_code == 200, (page, href, response.get("Location"))
            assert "q=Company" in href  # the search is kept on every link
