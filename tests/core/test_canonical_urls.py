"""One page, one URL: empty, unknown, repeated or reordered parameters redirect (301) to
the page's canonical URL, so that the page cache holds one entry per page."""

import re

import pytest

from tests.core.page_cache_support import cached_pages, page_cache_fixture  # noqa: F401
from tests.forums.factories import make_forum
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db


def redirect_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, url
    return response["Location"]


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # Empty fields, as a form without JavaScript submits them.
        ("/standards/?q=&level=&status=drafting&sort=", "/standards/?status=drafting"),
        (
            "/evaluations/results/?q=&program=&outcome=passed",
            "/evaluations/results/?outcome=passed",
        ),
        # The filters' order is the form's, then page, then format.
        ("/standards/?status=drafting&level=group", "/standards/?level=group&status=drafting"),
        (
            "/organizations/?sort=-name&has_results=true",
            "/organizations/?has_results=true&sort=-name",
        ),
        # Unknown parameters go; known values are kept, stripped; the last repeat counts.
        ("/standards/?utm_source=newsletter&level=group", "/standards/?level=group"),
        ("/forums/?q=++weihai++", "/forums/?q=weihai"),
        ("/standards/?level=national&level=group", "/standards/?level=group"),
        ("/standards/?q=&level=", "/standards/"),
        # A select left at the value the list applies anyway, as a form sends it.
        ("/standards/?level=group&sort=code", "/standards/?level=group"),
        ("/organizations/?has_results=unknown&sort=name", "/organizations/"),
        # Page 1 has no number; a page that is not there becomes the one shown.
        ("/standards/?level=group&page=1", "/standards/?level=group"),
        ("/standards/?page=abc", "/standards/"),
        ("/standards/?page=99", "/standards/?page=2"),
        # A format the list does not offer is dropped; a list without CSV has none.
        ("/standards/?format=xlsx", "/standards/"),
        ("/standards/?format=csv&level=group", "/standards/?level=group&format=csv"),
        # Search keeps q, the sitemap p; any other page reads nothing.
        ("/search/?q=sodium&utm=x", "/search/?q=sodium"),
        ("/search/?q=", "/search/"),
        ("/sitemap.xml?utm=x", "/sitemap.xml"),
        ("/robots.txt?utm=x", "/robots.txt"),
        ("/?utm=x", "/"),
        ("/standards/lifecycle/?q=x", "/standards/lifecycle/"),
    ],
)
def test_non_canonical_queries_redirect_to_the_canonical_url(client, url, canonical):
    for n in range(30):  # two pages of standards
        make_standard(level="group", code=f"T/X {n:02d}-2025")
    assert redirect_of(client, url) == canonical
    assert client.get(canonical).status_code == 200, canonical


def test_the_canonical_urls_answer_without_a_redirect(client):
    make_standard(level="group")
    for url in [
        "/standards/",
        "/standards/?q=sodium&level=group&sort=-published",
        "/standards/?level=group&format=csv",
        "/search/?q=sodium",
        "/sitemap.xml",
        "/robots.txt",
    ]:
        assert client.get(url).status_code == 200, url


def test_a_detail_page_with_unknown_parameters_is_the_one_cached_page(client, page_cache):
    forum = make_forum()
    url = forum.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    for query in ("utm_source=a", "utm_source=b", "fbclid=123", "page=2"):
        assert redirect_of(client, f"{url}?{query}") == url
    assert cached_pages() == 1
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_redirects_are_not_cached_and_staff_get_them_too(client, admin_client, page_cache):
    make_standard()
    assert "X-Page-Cache" not in client.get("/standards/?utm=x")
    assert redirect_of(admin_client, "/standards/?utm=x") == "/standards/"
    assert cached_pages() == 0


def test_invalid_filter_values_still_give_the_form_with_its_errors(client):
    # Invalid is answered at once, whatever the query's shape: nothing to canonicalize.
    for url in ["/standards/?status=nonsense", "/standards/?utm=x&sort=nonsense&q="]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Some filter values are not valid" in response.content.decode()


def test_the_admin_keeps_its_own_parameters(admin_client):
    response = admin_client.get("/admin/standards/standard/?q=&o=1")
    assert response.status_code == 200


def test_the_filter_form_loads_the_script_that_drops_empty_fields(client):
    body = client.get("/standards/").content.decode()
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts == ['<script src="/static/core/list_filters.js" defer>']
    assert re.search(r"<script[^>]*>\s*</script>", body)  # nothing inline: the CSP forbids it
    script = client.get("/static/core/list_filters.js")
    assert script.status_code == 200
    script.close()  # a file response holds the file open until closed
