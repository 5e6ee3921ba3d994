"""Property-based: hostile query strings and path segments never give a 5xx, and what
a visitor sends is never reflected unescaped."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LIST_PAGES = {
    "/forums/": ["q", "series", "year", "sort", "page", "format"],
    "/standards/": [
        "q",
        "level",
        "status",
        "issuing_body",
        "committee",
        "year",
        "sort",
        "page",
        "format",
    ],
    "/evaluations/": ["q", "program", "year", "sort", "page", "format"],
    "/evaluations/results/": [
        "q",
        "program",
        "batch",
        "outcome",
        "organization_kind",
        "organization",
        "year",
        "sort",
        "page",
        "format",
    ],
    "/organizations/": ["q", "kind", "region", "has_results", "sort", "page", "format"],
    "/people/": ["q", "sort", "page", "format"],
    "/search/": ["q"],
    "/": ["q"],
    "/whats-new/": ["page"],
}
DETAIL_PREFIXES = ["/forums/", "/standards/", "/evaluations/", "/organizations/", "/people/"]
# A record's feed or calendar: a hostile slug before the file name.
RECORD_FEEDS = [
    ("/standards/", "feed.atom"),
    ("/organizations/", "feed.atom"),
    ("/forums/", "calendar.ics"),
    ("/forums/series/", "calendar.ics"),
]
ALLOWED_STATUSES = {200, 301, 302, 400, 404}

HOSTILE_TOKENS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "%00",
    "' OR 1=1 --",
    "../../etc/passwd",
    "=cmd|' /C calc'!A0",
    "T／CNESA 1006—2025",
    "😀",
    "-1",
    "99999999999999999999",
    "csv",
]

# Any text but lone surrogates, which no client can encode in a URL.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=50)
hostile_value = st.one_of(
    st.sampled_from(HOSTILE_TOKENS),
    text,
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_TOKENS), text),
    st.just("x" * 10_000),
)

examples = settings(
    max_examples=120,
    deadline=None,
    # The same examples on every run and every xdist worker: a failure always reproduces.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_safe(response, sent: list[str]) -> None:
    assert response.status_code in ALLOWED_STATUSES, response.status_code
    if response.streaming:
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    for value in sent:
        if "<" in value or '"' in value:
            assert value not in body, f"reflected unescaped: {value!r}"


@pytest.mark.django_db
@examples
@given(
    data=st.data(),
    path=st.sampled_from(sorted(LIST_PAGES)),
)
def test_list_pages_survive_hostile_query_strings(client, demo, data, path):
    known = LIST_PAGES[path]
    keys = st.one_of(st.sampled_from(known), text)
    # Repeated keys are allowed: a list of pairs, not a dict.
    pairs = data.draw(st.lists(st.tuples(keys, hostile_value), max_size=6))
    response = client.get(f"{path}?{urlencode(pairs)}")
    assert_safe(response, [value for _, value in pairs])


@pytest.mark.django_db
@examples
@given(prefix=st.sampled_from(DETAIL_PREFIXES), segment=hostile_value)
def test_detail_pages_survive_hostile_path_segments(client, demo, prefix, segment):
    response = client.get(f"{prefix}{quote(segment, safe='')}/")
    assert_safe(response, [segment])


@pytest.mark.django_db
@examples
@given(feed=st.sampled_from(RECORD_FEEDS), segment=hostile_value)
def test_record_feeds_survive_hostile_slugs(client, demo, feed, segment):
    prefix, name = feed
    response = client.get(f"{prefix}{quote(segment, safe='')}/{name}")
    assert_safe(response, [segment])
