"""The forum pages run the same number of queries whatever the size of the data.

How it is measured, and the data it is measured on: tests/query_counts.py.
"""

import pytest

from tests.query_counts import Page, assert_query_count_does_not_grow

PAGES = [
    Page("forum list", lambda w: "/forums/", r'href="/forums/[^"]*forum-\d+/"'),
    Page("forum detail", lambda w: w["forum"].get_absolute_url(), r'<li id="talk-'),
    Page("forum detail, staff", lambda w: w["forum"].get_absolute_url(), r'<li id="talk-', True),
    Page("forum CSV", lambda w: "/forums/?format=csv", r"\r\n"),
    Page("forum feed", lambda w: "/forums/feed.atom", r"<entry>"),
    Page(
        "forum calendar", lambda w: f"{w['forum'].get_absolute_url()}calendar.ics", r"BEGIN:VEVENT"
    ),
    Page(
        "series calendar",
        lambda w: f"/forums/series/{w['tag']}-series/calendar.ics",
        r"BEGIN:VEVENT",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_query_count_does_not_grow_with_the_data(client, editor, django_assert_num_queries, page):
    assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page)
