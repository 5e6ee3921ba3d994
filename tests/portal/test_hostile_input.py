"""No query string makes a public page fail: every answer is 200, a redirect, 400 or 404.

And whatever a reader sends comes back escaped, never as markup.
"""

import functools

import pytest

from tests.standards.factories import make_standard

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"
STANDARD = "/standards/t-cnesa-1006-2025/"
BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"
ORGANIZATION = "/organizations/ningde-times-new-energy-technology/"
SERIES = "/forums/series/sodium-ion-battery-industry-chain-and-standards-forum/"
# Feeds and calendars read no parameter: any query redirects (301) to the bare URL.
FEEDS = [
    "/forums/feed.atom",
    "/standards/feed.atom",
    "/evaluations/feed.atom",
    "/whats-new/feed.atom",
    f"{STANDARD}feed.atom",
    f"{ORGANIZATION}feed.atom",
    f"{FORUM}calendar.ics",
    f"{SERIES}calendar.ics",
]

LISTS = {
    "/forums/": ["q", "series", "year", "sort"],
    "/standards/": ["q", "level", "status", "issuing_body", "committee", "year", "sort"],
    "/evaluations/": ["q", "program", "year", "sort"],
    "/evaluations/results/": [
        "q",
        "program",
        "batch",
        "outcome",
        "organization_kind",
        "organization",
        "year",
        "sort",
    ],
    "/organizations/": ["q", "kind", "region", "has_results", "sort"],
}
PAGES = [
    "/",
    *LISTS,
    FORUM,
    STANDARD,
    "/standards/lifecycle/",
    BATCH,
    ORGANIZATION,
    "/people/li-jinghong/",
    "/whats-new/",
    *FEEDS,
    "/search/",
    "/sitemap.xml",
    "/robots.txt",
]
ALLOWED = {200, 301, 302, 400, 404}
PARAMETERS = sorted({name for names in LISTS.values() for name in names} | {"page", "format", "p"})


def parameters_for(url: str) -> list[str]:
    """What a page reads from the query string, and a few it must simply ignore."""
    return [*LISTS.get(url, []), "q", "page", "format", "p", "no_such_parameter"]


TEN_KB = "x" * 10_240
HOSTILE_VALUES = {
    "unknown": "no-such-value",
    "nul": "a\x00b",
    "ten-kb": TEN_KB,
    "ten-kb-digits": "9" * 10_240,
    "negative": "-1",
    "huge-number": "99999999999999999999999999",
    "exponent": "1e400",
    "not-a-number": "NaN",
    "fraction": "2025.5",
    "unicode": "宁德时代 — ﬁ ÉCOLE 🔋 \u202e",
    "markup-and-sql": "<script>alert(1)</script>' OR 1=1 --",
    "wildcards-and-commas": "%_%\\,-,--name",
    "control": "\x01\x1f\x7f",
}


def assert_allowed(response, url):
    assert response.status_code in ALLOWED, f"{url} answered {response.status_code}"


@pytest.fixture
def pages(client, demo):
    """A browser on the demo site: it follows the 301s to a page's canonical URL, so
    each test checks the page a reader lands on."""
    client.get = functools.partial(client.get, follow=True)
    return client


@pytest.mark.django_db
class TestEveryParameterWithEveryHostileValue:
    @pytest.mark.parametrize("url", PAGES)
    def test_each_parameter_alone(self, pages, url):
        for kind, value in HOSTILE_VALUES.items():
            for parameter in parameters_for(url):
                response = pages.get(url, {parameter: value})
                assert_allowed(response, f"{url}?{parameter}=<{kind}>")
                if parameter in {"format", "p", "no_such_parameter"} and url != "/sitemap.xml":
                    # Parameters a page does not filter on never make it fail.
                    assert response.status_code == 200, f"{url}?{parameter}=<{kind}>"

    @pytest.mark.parametrize("url", list(LISTS))
    def test_format_csv_with_each_bad_value(self, pages, url):
        for kind, value in HOSTILE_VALUES.items():
            for parameter in parameters_for(url):
                if parameter == "format":
                    continue
                response = pages.get(url, {parameter: value, "format": "csv"})
                assert_allowed(response, f"{url}?format=csv&{parameter}=<{kind}>")

    @pytest.mark.parametrize("url", PAGES)
    def test_invalid_utf8_in_the_query_string(self, pages, url):
        for parameter in parameters_for(url):
            assert_allowed(pages.get(f"{url}?{parameter}=%ff%fe%00"), url)

    @pytest.mark.parametrize("url", PAGES)
    def test_all_parameters_at_once_with_bad_values(self, pages, url):
        query = dict.fromkeys(PARAMETERS, "<bad>\x00")
        assert_allowed(pages.get(url, query), url)


@pytest.mark.django_db
class TestPagination:
    @pytest.mark.parametrize("url", list(LISTS))
    def test_any_page_number_gives_a_page(self, pages, url):
        for page in ["abc", "0", "-1", "99999", "1.5", "", "9" * 5000, "\x00"]:
            response = pages.get(url, {"page": page})
            assert response.status_code == 200, f"{url}?page={page[:10]!r}"
            assert "<table" in response.content.decode()

    def test_a_page_past_the_end_shows_the_last_page(self, client, db):
        for n in range(30):
            make_standard(code=f"T/X {n:02d}-2025")
        response = client.get("/standards/", {"page": "99999"}, follow=True)
        assert response.status_code == 200
        assert "Page 2 of 2" in response.content.decode()

    def test_sitemap_pages_out_of_range_are_not_found(self, pages):
        for p in ["abc", "0", "-1", "99999", "\x00", TEN_KB]:
            assert pages.get("/sitemap-organizations.xml", {"p": p}).status_code == 404, p[:10]


@pytest.mark.django_db
class TestInvalidFiltersAnswer400WithTheForm:
    def test_unknown_filter_values(self, pages):
        for url, query in [
            ("/standards/", "level=galactic"),
            ("/standards/", "status=lost"),
            ("/standards/", "issuing_body=nobody"),
            ("/standards/", "committee=nobody"),
            ("/standards/", "year=abc"),
            ("/standards/", "year=1e400"),
            ("/standards/", "sort=nonsense"),
            ("/forums/", "series=nope"),
            ("/forums/", "year=99999"),
            ("/evaluations/", "program=nope"),
            ("/evaluations/results/", "outcome=won"),
            ("/evaluations/results/", "batch=-3"),
            ("/evaluations/results/", "organization_kind=alien"),
            ("/organizations/", "kind=alien"),
            ("/organizations/", "region=Atlantis"),
            ("/standards/", "q=a%00b"),
            ("/standards/", "q=" + "x" * 201),
        ]:
            response = pages.get(f"{url}?{query}")
            assert response.status_code == 400, f"{url}?{query}"
            body = response.content.decode()
            assert "Some filter values are not valid" in body
            assert 'role="alert"' in body
            assert "<form" in body  # the reader can correct the value in place

    def test_csv_with_bad_values_is_refused_not_half_written(self, pages):
        for url in LISTS:
            response = pages.get(url, {"format": "csv", "sort": "nonsense", "page": "abc"})
            assert response.status_code == 400, url
            assert response["Content-Type"].startswith("text/html")

    def test_csv_ignores_page_numbers(self, pages):
        for url in LISTS:
            for page in ("abc", "0", "99999", "\x00"):
                response = pages.get(url, {"format": "csv", "page": page})
                assert response.status_code == 200, url
                assert response["Content-Type"] == "text/csv; charset=utf-8"

    def test_unknown_format_gives_the_html_page(self, pages):
        response = pages.get("/standards/", {"format": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
class TestRepeatedParameters:
    @pytest.mark.parametrize("url", PAGES)
    def test_repeated_parameters(self, pages, url):
        query = "&".join(
            f"{name}={value}" for name in PARAMETERS for value in ("a", "b", "%00", "1")
        )
        assert_allowed(pages.get(f"{url}?{query}"), url)

    def test_the_last_of_repeated_values_counts(self, pages):
        response = pages.get("/organizations/?kind=company&kind=university")
        assert response.status_code == 200
        assert "<strong>4</strong> organizations" in response.content.decode()


@pytest.mark.django_db
class TestSearch:
    def test_odd_queries(self, pages):
        for query, status in [
            ("a\x00b", 400),
            ("x" * 10_240, 400),
            ("x" * 201, 400),
            ("a " * 100, 200),
            ("%_%", 200),
            ("' OR 1=1 --", 200),
            ("!!! & | ( ) : * <->", 200),
            ("the", 200),
            ("宁德时代", 200),
            ("🔋", 200),
            ("-", 200),
        ]:
            response = pages.get("/search/", {"q": query})
            assert response.status_code == status, query[:20]
            if status == 400:
                assert "Try a shorter search." in response.content.decode()

    def test_like_wildcards_are_taken_literally(self, pages):
        assert "Nothing found for “%_%”." in pages.get("/search/", {"q": "%_%"}).content.decode()

    def test_repeated_q(self, pages):
        response = pages.get("/search/?q=Ningde&q=Hanhang")
        assert response.status_code == 200
        assert "/organizations/shanghai-hanhang-technology/" in response.content.decode()


MARKUP = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


@pytest.mark.django_db
class TestNothingIsReflectedUnescaped:
    @pytest.mark.parametrize("url", PAGES)
    def test_markup_in_any_parameter_never_comes_back_as_markup(self, pages, url):
        query = dict.fromkeys(PARAMETERS, MARKUP)
        response = pages.get(url, query)
        assert_allowed(response, url)
        body = response.content.decode()
        assert "<script>" not in body
        assert "alert('x')" not in body

    def test_the_search_box_shows_the_query_escaped(self, pages):
        for url in [*LISTS, "/search/"]:
            response = pages.get(url, {"q": MARKUP})
            assert response.status_code == 200, url
            body = response.content.decode()
            assert f'value="{ESCAPED}"' in body, url
            assert "<script>" not in body

    def test_invalid_values_are_escaped_on_the_400_page(self, pages):
        for url in LISTS:
            response = pages.get(url, {"sort": MARKUP, "q": MARKUP})
            assert response.status_code == 400, url
            body = response.content.decode()
            assert "<script>" not in body
            assert f'value="{ESCAPED}"' in body, url

    def test_attribute_breakout_is_escaped(self, pages):
        attack = '"><img src=x onerror=alert(1)>'
        body = pages.get("/search/", {"q": attack}).content.decode()
        assert "<img" not in body
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body

    def test_active_filter_and_csv_links_are_encoded(self, pages):
        body = pages.get("/standards/", {"q": MARKUP, "level": "group"}).content.decode()
        assert "<script>" not in body
        assert "q=%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E" in body
        assert f"Search: {ESCAPED}" in body


@pytest.mark.django_db
class TestPathsAndMethods:
    def test_unknown_and_malformed_slugs_are_not_found(self, pages):
        for url in [
            "/forums/no-such-forum/",
            "/standards/no-such-standard/",
            "/evaluations/no-such-batch/",
            "/organizations/no-such-organization/",
            "/people/no-such-person/",
            "/forums/" + "x" * 10_240 + "/",
            "/standards/a%00b/",
            "/organizations/%E5%AE%81/",
            "/people/%ff/",
        ]:
            assert pages.get(url).status_code == 404, url[:40]

    def test_posting_to_a_reading_page_is_refused(self, pages):
        for url in ["/forums/", FORUM, "/search/", "/"]:
            assert pages.post(url, {"q": "x"}).status_code == 405, url
