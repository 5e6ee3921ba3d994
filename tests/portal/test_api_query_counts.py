"""The API's lists and records run the same number of queries whatever the size of the
data. How it is measured, and the data it is measured on: tests/query_counts.py."""

import pytest

from tests.query_counts import Page, assert_query_count_does_not_grow

PAGES = [
    Page("API forums", lambda w: "/api/forums/", r'"organization_name"'),
    Page("API forum", lambda w: f"/api/forums/{w['forum'].slug}/", r'"organization_name"'),
    Page("API sessions", lambda w: f"/api/sessions/?forum={w['forum'].slug}", r'"kind"'),
    Page("API talks", lambda w: f"/api/talks/?forum={w['forum'].slug}", r'"person_name"'),
    Page("API standards", lambda w: "/api/standards/?page_size=100", r'"code"'),
    Page("API standard", lambda w: f"/api/standards/{w['standard'].slug}/", r'"note"'),
    Page("API programs", lambda w: "/api/programs/?page_size=100", r'"laboratory"'),
    Page("API batches", lambda w: "/api/batches/?page_size=100", r'"result_count"'),
    Page("API batch", lambda w: f"/api/batches/{w['batch'].slug}/"),
    Page("API results", lambda w: "/api/results/?page_size=100", r'"outcome"'),
    Page(
        "API results, filtered",
        lambda w: f"/api/results/?organization={w['organization'].slug}&outcome=participated",
        r'"outcome"',
    ),
    Page(
        "API organizations",
        lambda w: "/api/organizations/?has_results=true&page_size=100",
        r'"kind"',
    ),
    Page("API organization", lambda w: f"/api/organizations/{w['organization'].slug}/"),
    Page("API people", lambda w: "/api/people/?page_size=100", r'"honorific"'),
    Page("API person", lambda w: f"/api/people/{w['person'].slug}/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_query_count_does_not_grow_with_the_data(client, editor, django_assert_num_queries, page):
    assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page)
