"""The filtered list view every app's lists are built on (core.listing)."""

import re

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("/forums/", {"date": "Oldest first", "-date": "Newest first", "title": "Title"}),
        (
            "/standards/",
            {
                "code": "Code",
                "published": "Oldest published first",
                "-published": "Newest published first",
            },
        ),
        (
            "/evaluations/",
            {"announced": "Oldest first", "program": "Program", "number": "Batch number"},
        ),
        (
            "/evaluations/results/",
            {"organization": "Organization", "announced": "Oldest batch first"},
        ),
        ("/organizations/", {"name": "Name", "-kind": "Kind (descending)"}),
    ],
)
def test_sort_options_read_as_readers_expect(client, url, options):
    body = client.get(url).content.decode()
    select = re.search(r'<select name="sort"[^>]*>(.*?)</select>', body, re.S).group(1)
    offered = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))
    for value, label in options.items():
        assert offered[value] == label
