"""The URLs the bench measures answer 200 in their one canonical form (a redirect or a
400 would measure the wrong thing), on a small synthetic data set; and the bench signs
in to the admin over HTTP as production's Secure cookies require.

Run with `.venv/bin/python -m pytest bench/tests -q`, on SQLite and on PostgreSQL.
"""

# ruff: noqa: S101 -- pytest's asserts (the suite's tests/** has the same exemption)

import io
import re

import pytest
from django.core.management import call_command
from pages import admin_pages, count_queries, create_superuser, pages_to_measure, sign_in
from traffic import realistic_urls, sitemap_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic():
    call_command("generate_data", scale=0.002, seed=5, stdout=io.StringIO(), stderr=io.StringIO())


def test_every_public_page_answers_200_with_a_constant_few_queries(client, synthetic):
    pages = pages_to_measure()
    names = {page.name for page in pages}
    assert {"Home", "Forums, first page", "Results, passed, last page", "Sitemap"} <= names
    assert {"Forum detail", "Standard detail", "Batch detail", "Person detail"} <= names
    assert {"API forums", "API results, passed, 100 a page", "API standard", "API batch"} <= names
    for page in pages:
        assert client.get(page.path).status_code == 200, page.path
        status, queries = count_queries(page.path)
        assert status == 200 and queries < 20, (page.path, queries)


def test_realistic_urls_are_distinct_canonical_and_answer_200(client, synthetic):
    def fetch(path):
        response = client.get(path)
        return response.status_code, response.content.decode()

    sitemap = sitemap_paths(fetch)
    assert len(sitemap) > 30 and all(path.startswith("/") for path in sitemap)
    urls, kinds = realistic_urls(120, sitemap, seed=11)
    assert len(urls) == len(set(urls)) >= 100
    assert kinds["list pages (filters, sorts, pages)"] > 20 and kinds["searches"] > 5
    assert any(re.search(r"[?&]page=\d", url) for url in urls)  # pages past the first
    assert any("sort=" in url for url in urls) and any("/search/?q=" in url for url in urls)
    wrong = {url: code for url in urls if (code := client.get(url).status_code) != 200}
    assert wrong == {}
    # The same seed draws the same URLs in the same order.
    assert realistic_urls(120, sitemap, seed=11)[0] == urls


def test_admin_pages_answer_200_to_a_superuser(synthetic):
    user, _password = create_superuser()
    pages = admin_pages()
    assert "Batch change form" in {page.name for page in pages}
    for page in pages:
        assert count_queries(page.path, user)[0] == 200, page.path


@pytest.mark.django_db(transaction=True)
def test_sign_in_over_http_gives_a_session_that_opens_the_admin(live_server, settings):
    import urllib.request

    user, password = create_superuser()
    session = sign_in(live_server.url, user.username, password)
    request = urllib.request.Request(  # noqa: S310 -- the test's own server
        f"{live_server.url}/admin/", headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200
        # Not redirected to the login form: signed in.
        assert response.url == f"{live_server.url}/admin/"
        assert 'name="password"' not in response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_sign_in_with_a_wrong_password_says_so(live_server):
    user, _password = create_superuser()
    with pytest.raises(RuntimeError, match="did not redirect"):
        sign_in(live_server.url, user.username, "not-the-password")
