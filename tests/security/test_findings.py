"""Replays of the outside test's findings (issue 13), each as the attacker or editor who
found it; each test fails if its finding returns.

One class per finding, in the issue's numbering, with what was found in its docstring.
The page-cache findings (3, 4, 6) are added at the end of this file.
"""

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.http import http_date

from core.csv_export import BYTE_ORDER_MARK
from core.models import Visibility
from forums.models import Forum
from tests.core.page_cache_support import cached_pages, clock_fixture, page_cache_fixture  # noqa: F401
from tests.directory.factories import make_organization
from tests.forums.factories import make_forum
from tests.security.admin_pages import admin_url, run_action, submitted

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.9"


@pytest.fixture
def second_editor(django_user_model, editor):
    other = django_user_model.objects.create_user("second", password="x", is_staff=True)
    other.groups.set(editor.groups.all())
    return other


def read_csv(response) -> list[dict[str, str]]:
    raw = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw.removeprefix(BYTE_ORDER_MARK), newline="")))


# --- Finding 1 ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestFinding1LoginLockBehindTheProxy:
    """Behind the TLS proxy every client had the proxy's address, so five wrong
    passwords for `root` locked `root` out for everyone for an hour."""

    @pytest.fixture(autouse=True)
    def _behind_the_proxy(self, settings, django_user_model):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 5
        settings.TRUSTED_PROXY_COUNT = 1  # as the README says for one proxy
        django_user_model.objects.create_superuser("root", "root@example.com", "root-password")

    def sign_in(self, client, password, forwarded):
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "root", "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    def test_the_attacker_locks_only_themselves(self, client):
        for n in range(5):
            # Each time a made-up address on the left, the proxy's real entry on the right.
            self.sign_in(client, "guess", f"192.0.2.{n}, {OWNER}, {ATTACKER}")
        assert self.sign_in(client, "root-password", ATTACKER).status_code == 429
        response = self.sign_in(client, "root-password", OWNER)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


# --- Finding 2 ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestFinding2DeletingAPublishedRecordInTwoSteps:
    """An editor deleted a published record: "Unpublish", then delete the draft."""

    def test_an_editor_cannot_delete_what_was_public(self, client, editor):
        forum = make_forum(published=True)
        client.force_login(editor)
        assert run_action(client, Forum, "unpublish", [forum]).status_code == 302
        assert Forum.objects.get(pk=forum.pk).visibility == Visibility.DRAFT
        url = admin_url(Forum, "delete", forum.pk)
        assert client.post(url, {"post": "yes"}).status_code == 403
        deleting = run_action(client, Forum, "delete_selected", [forum], post="yes")
        assert deleting.status_code == 403
        assert Forum.objects.filter(pk=forum.pk).exists()


# --- Finding 5 ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestFinding5TwoEditorsOneForm:
    """Two editors opened one form; the second save silently overwrote the first."""

    def test_the_second_save_is_refused_and_the_first_survives(self, client, editor, second_editor):
        forum = make_forum(title="Weihai forum", city="Weihai")
        url = admin_url(Forum, "change", forum.pk)
        client.force_login(editor)
        first = submitted(client.get(url))
        client.force_login(second_editor)
        second = submitted(client.get(url))

        client.force_login(editor)
        assert client.post(url, {**first, "title": "First editor's title"}).status_code == 302
        client.force_login(second_editor)
        response = client.post(url, {**second, "city": "Qingdao"})

        assert response.status_code == 200
        errors = list(response.context["adminform"].form.non_field_errors())
        assert "Title: stored now “First editor's title”, yours “Weihai forum”." in errors
        forum.refresh_from_db()
        assert (forum.title, forum.city) == ("First editor's title", "Weihai")


# --- Finding 7 ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestFinding7FormulaAfterALineBreak:
    """A cell starting with LF or CR LF and then `=` left without the neutralizing
    quote, on both databases, in the public and the admin export."""

    @pytest.mark.parametrize("text", ["\n=1+1", "\r\n=1+1"], ids=["LF", "CRLF"])
    def test_the_cell_is_quoted_in_both_exports(self, client, admin_client, text):
        make_organization(name=text)
        (public,) = read_csv(client.get("/organizations/?format=csv"))
        (admin,) = read_csv(admin_client.get("/admin/directory/organization/export-csv/"))
        assert public["Name"] == admin["Name"] == "'\r\n=1+1"


# --- Finding 8 ------------------------------------------------------------------------------


class TestFinding8MakeRunInProductionMode:
    """`make run` with DJANGO_DEBUG=0 exported served runserver in production mode on
    whatever DATABASE_URL was set."""

    def test_make_run_refuses(self, tmp_path):
        assert shutil.which("make"), "make is needed to replay this finding"
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
        env.update(
            DJANGO_DEBUG="0", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", PORT="18766"
        )
        result = subprocess.run(
            ["make", "run"],  # noqa: S607
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode != 0
        assert "make serve" in result.stdout
        assert "runserver" not in result.stdout + result.stderr


# --- Findings 3, 4 and 6: the page cache ---------------------------------------------------


@pytest.mark.django_db
class TestFinding3CacheIgnoredHostAndScheme:
    """The page cache ignored Host and scheme: a warm cache answered `Host: evil.example`
    with 200 (ALLOWED_HOSTS bypassed), and the first request after a change decided the
    host written into the sitemap's absolute URLs for every reader."""

    def test_a_warm_cache_refuses_a_foreign_host(self, client, page_cache):
        make_forum()
        assert client.get("/forums/")["X-Page-Cache"] == "miss"
        assert client.get("/forums/")["X-Page-Cache"] == "hit"
        assert client.get("/forums/", HTTP_HOST="evil.example").status_code == 400

    def test_the_sitemap_names_the_host_and_scheme_it_was_asked_on(
        self, client, page_cache, settings
    ):
        settings.ALLOWED_HOSTS = ["registry.example", "mirror.example"]
        make_forum()
        first = client.get("/sitemap.xml", HTTP_HOST="mirror.example").content.decode()
        assert "http://mirror.example/" in first
        for host, secure, scheme in [
            ("registry.example", False, "http"),
            ("registry.example", True, "https"),
        ]:
            body = client.get("/sitemap.xml", HTTP_HOST=host, secure=secure).content.decode()
            assert f"<loc>{scheme}://{host}/" in body
            assert "mirror.example" not in body


@pytest.mark.django_db
class TestFinding4ChangeInTheSameSecondHiddenByIfModifiedSince:
    """Fetch, unpublish within the same second, revalidate with If-Modified-Since alone:
    304, so a cache kept the unpublished page (Last-Modified has one-second resolution)."""

    def test_the_unpublished_page_is_not_kept(self, client, page_cache, clock):
        forum = make_forum(title="Weihai forum")  # published in this very second
        url = forum.get_absolute_url()
        clock.advance(0.2)
        fetched = client.get(url)
        assert "Weihai forum" in fetched.content.decode()
        # Not yet: a change later in this second would share the timestamp.
        assert "Last-Modified" not in fetched

        clock.advance(0.3)
        forum.visibility = Visibility.DRAFT
        forum.save()
        # The date the page used to carry: the second of the change.
        since = http_date(int(clock.now))
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=since).status_code == 404

    def test_a_list_revalidated_in_the_same_second_gets_the_new_content(
        self, client, page_cache, clock
    ):
        forum = make_forum(title="Weihai forum")
        client.get("/forums/")
        clock.advance(1.2)
        last_modified = client.get("/forums/")["Last-Modified"]
        clock.advance(0.3)
        forum.title = "Weihai forum, 4th edition"
        forum.save()
        # Also a date that a client took from its own clock, in the change's second.
        for since in (last_modified, http_date(int(clock.now))):
            response = client.get("/forums/", HTTP_IF_MODIFIED_SINCE=since)
            assert response.status_code == 200
            assert "Weihai forum, 4th edition" in response.content.decode()


@pytest.mark.django_db
class TestFinding6EveryQueryStringItsOwnCacheEntry:
    """Every distinct query string was its own cache entry: `?utm=<anything>` made
    unbounded entries, and empty parameters (`?q=&program=&outcome=passed`) split one
    page into many."""

    def test_tracking_parameters_redirect_and_make_no_entry(self, client, page_cache):
        make_forum()
        client.get("/forums/")
        for n in range(5):
            response = client.get(f"/forums/?utm_source=campaign-{n}")
            assert response.status_code == 301
            assert response["Location"] == "/forums/"
        assert cached_pages() == 1

    def test_empty_and_reordered_parameters_redirect_to_one_url(self, client, page_cache):
        for url, canonical in [
            (
                "/evaluations/results/?q=&program=&outcome=passed",
                "/evaluations/results/?outcome=passed",
            ),
            ("/evaluations/results/?outcome=passed&q=", "/evaluations/results/?outcome=passed"),
            ("/standards/?status=drafting&level=group", "/standards/?level=group&status=drafting"),
        ]:
            response = client.get(url)
            assert response.status_code == 301, url
            assert response["Location"] == canonical
            assert client.get(canonical).status_code == 200
        assert cached_pages() == 2

    def test_unknown_parameters_on_a_detail_page_make_no_entry(self, client, page_cache):
        url = make_forum().get_absolute_url()
        client.get(url)
        assert client.get(f"{url}?utm_source=x&ref=y").status_code == 301
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert cached_pages() == 1
