"""The batch and result pages run the same number of queries whatever the size of the data.

How it is measured, and the data it is measured on: tests/query_counts.py.
"""

import pytest

from tests.query_counts import Page, assert_query_count_does_not_grow

PAGES = [
    Page("batch list", lambda w: "/evaluations/", r'href="/evaluations/[^"]+/">Batch'),
    Page("batch detail", lambda w: w["batch"].get_absolute_url(), r'<tr id="result-'),
    Page("batch detail, staff", lambda w: w["batch"].get_absolute_url(), r'<tr id="result-', True),
    Page("result list", lambda w: "/evaluations/results/", r'class="badge badge-'),
    Page(
        "result list, filtered",
        lambda w: (
            f"/evaluations/results/?outcome=participated&organization={w['organization'].slug}"
        ),
        r"badge-participated",
    ),
    Page("batch CSV", lambda w: "/evaluations/?format=csv", r"\r\n"),
    Page("result CSV", lambda w: "/evaluations/results/?format=csv", r"\r\n"),
    Page("batch feed", lambda w: "/evaluations/feed.atom", r"<entry>"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_query_count_does_not_grow_with_the_data(client, editor, django_assert_num_queries, page):
    assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page)
