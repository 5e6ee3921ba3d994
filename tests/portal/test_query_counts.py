"""The pages that join the apps run the same number of queries whatever the size of the data.

How it is measured, and the data it is measured on: tests/query_counts.py.
"""

import pytest

from tests.query_counts import STATUSES, Page, assert_query_count_does_not_grow

PAGES = [
    Page("home", lambda w: "/", r'<rect class="bar"', at_least=len(STATUSES)),
    Page("organization list", lambda w: "/organizations/", r'href="/organizations/[^"]+/"'),
    Page(
        "organization list, filtered",
        lambda w: f"/organizations/?region={w['organization'].region}&has_results=true&sort=-name",
    ),
    Page(
        "organization detail",
        lambda w: w["organization"].get_absolute_url(),
        r"<caption>",
    ),
    Page("people index", lambda w: "/people/", r'href="/people/[^"]+/"'),
    Page(
        "people index, searched", lambda w: f"/people/?q={w['tag']}&sort=-name", r'href="/people/'
    ),
    Page("people CSV", lambda w: "/people/?format=csv", r"\r\n"),
    Page("person detail", lambda w: w["person"].get_absolute_url(), r"<li>Moderator at"),
    Page("search", lambda w: f"/search/?q={w['tag']}", r"<li><a href="),
    # Ten per kind at most: the rest are behind a link to the filtered list.
    Page("search by code", lambda w: f"/search/?q=t/{w['tag']}", r"<li><a href=", at_least=10),
    Page("sitemap index", lambda w: "/sitemap.xml", r"<sitemap>", at_least=6),
    Page("sitemap section", lambda w: "/sitemap-organizations.xml", r"<loc>"),
    Page("robots", lambda w: "/robots.txt"),
    Page("organization CSV", lambda w: "/organizations/?format=csv", r"\r\n"),
    Page(
        "organization feed",
        lambda w: f"{w['organization'].get_absolute_url()}feed.atom",
        r"<entry>",
    ),
    Page("what's new", lambda w: "/whats-new/", r'<li><span class="badge">'),
    Page("what's new feed", lambda w: "/whats-new/feed.atom", r"<entry>"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_query_count_does_not_grow_with_the_data(client, editor, django_assert_num_queries, page):
    assert_query_count_does_not_grow(client, editor, django_assert_num_queries, page)
