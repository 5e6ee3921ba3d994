"""The standard pages run the same number of queries whatever the size of the data.

How it is measured, and the data it is measured on: tests/query_counts.py.
"""

import pytest

from tests.query_counts import Page, assert_query_count_does_not_grow

PAGES = [
    Page("standard list", lambda w: "/standards/", r'href="/standards/[^"]+/"'),
    Page(
        "standard detail",
        lambda w: w["standard"].get_absolute_url(),
        r'<li id="milestone-\d+"><time',
    ),
    Page(
        "standard detail, staff",
        lambda w: w["standard"].get_absolute_url(),
        r'<li id="milestone-\d+"><time',
        True,
    ),
    Page("status explanations", lambda w: "/standards/lifecycle/"),
    Page("standard CSV", lambda w: "/standards/?format=csv", r"\r\n"),
    Page("status changes feed", lambda w: "/standards/feed.atom", r"<entry>"),
    Page("standard feed", lambda w: f"{w['standard'].get_absolute_url()}feed.atom", r"<entry>"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_query_count_does_not_grow_with_the_data(client, editor, django_assert_num_queries, page):
    assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page)
