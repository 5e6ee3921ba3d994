"""Open data from the portal: an organization's feed and JSON-LD, what's new, the dump."""

import fcntl
import io
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import feeds as portal_feeds
from portal.dump import dump_path
from tests.feeds_support import alternates, json_ld_of, read_feed
from tests.portal.test_drafts import drafts  # noqa: F401 - the fixture, shared
from tests.query_counts import LARGE, SMALL, build
from tests.standards.factories import make_milestone
from tests.support import csv_records, link_to

HOSTILE = "</script><script>alert(1)</script>"
SECRETS = ("Secret", "secret-", "T/HIDDEN", "1999-01")


@pytest.fixture(autouse=True)
def _own_dump_dir(settings, tmp_path):
    """Each test its own dump folder: content versions restart with every test's
    database, so a zip left by another test could carry the same version number."""
    settings.DUMP_DIR = tmp_path / "dumps"


FEEDS = [
    "/forums/feed.atom",
    "/standards/feed.atom",
    "/evaluations/feed.atom",
    "/whats-new/feed.atom",
    "/organizations/open-company/feed.atom",
    "/standards/open-standard/feed.atom",
]


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {where}"


@pytest.mark.django_db
class TestNoDraftInAnyFeed:
    @pytest.mark.parametrize("url", FEEDS)
    def test_feeds_hold_no_draft(self, client, drafts, url):  # noqa: F811
        make_milestone(standard=drafts["standard"], note="Secret milestone")
        make_milestone(standard=drafts["public_standard"], note="Open milestone")
        feed = read_feed(client, url)
        assert feed.entries, url  # each shows what is public
        assert_no_secret(client.get(url).content.decode(), url)

    def test_calendars_hold_no_draft(self, client, drafts):  # noqa: F811
        url = f"/forums/series/{drafts['public_forum'].series.slug}/calendar.ics"
        assert_no_secret(client.get(url).content.decode(), url)

    def test_what_is_new_holds_no_draft(self, client, drafts):  # noqa: F811
        body = client.get("/whats-new/").content.decode()
        assert "Open forum" in body
        assert_no_secret(body, "/whats-new/")


@pytest.mark.django_db
class TestOrganizationFeed:
    def test_follows_one_company_across_the_apps(self, client, drafts):  # noqa: F811
        feed = read_feed(client, "/organizations/open-company/feed.atom")
        kinds = {entry.id.split(":")[-1].split("/")[0] for entry in feed.entries}
        # The public batch's result; the draft forum's and standard's roles stay out.
        assert kinds == {"evaluation-result"}
        assert feed.entries[0].link.startswith("http://testserver/evaluations/open-batch/#result-")

    def test_linked_from_the_organization_page(self, client, drafts):  # noqa: F811
        page = client.get("/organizations/open-company/")
        assert alternates(page)["application/atom+xml"] == ["/organizations/open-company/feed.atom"]
        assert link_to(page, "/organizations/open-company/feed.atom")

    def test_an_unknown_organization_has_no_feed(self, client, db):
        assert client.get("/organizations/nobody/feed.atom").status_code == 404


@pytest.mark.django_db
class TestOrganizationJsonLd:
    def test_the_page_describes_the_organization(self, client, drafts):  # noqa: F811
        organization = drafts["organization"]
        organization.native_name = "开放公司"
        organization.region = "Shandong, China"
        organization.save()
        data = json_ld_of(client.get("/organizations/open-company/"))
        assert data["@type"] == "Organization"
        assert data["name"] == "Open Company"
        assert data["alternateName"] == ["开放公司"]
        assert data["address"]["addressRegion"] == "Shandong, China"

    def test_a_hostile_name_cannot_close_the_block(self, client, drafts):  # noqa: F811
        organization = drafts["organization"]
        organization.name = HOSTILE
        organization.save()
        response = client.get("/organizations/open-company/")
        assert "<script>alert(1)" not in response.content.decode()
        assert json_ld_of(response)["name"] == HOSTILE


@pytest.mark.django_db
class TestWhatsNew:
    def test_newest_first_across_the_registry(self, client, demo):
        response = client.get("/whats-new/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "Sodium ion battery evaluation, batch 6" in body
        assert "2025 Sodium Ion Battery Industry Chain and Standards Development Forum" in body
        assert alternates(response)["application/atom+xml"] == ["/whats-new/feed.atom"]
        assert link_to(client.get("/"), "/whats-new/")

    def test_pages_are_bounded_and_have_one_url(self, client, demo, monkeypatch):
        monkeypatch.setattr(portal_feeds, "WHATS_NEW_PER_PAGE", 2)
        monkeypatch.setattr("portal.views.WHATS_NEW_PER_PAGE", 2)
        first = client.get("/whats-new/")
        assert link_to(first, "/whats-new/?page=2")
        second = client.get("/whats-new/?page=2")
        assert second.status_code == 200
        assert link_to(second, "/whats-new/")
        for bad in ("1", "0", "abc", "-1", "02", "21", "9" * 500, "\x00"):
            response = client.get("/whats-new/", {"page": bad})
            assert response.status_code == 301, bad
            assert response["Location"] == "/whats-new/"
        # A page past the last one leads to the first.
        assert client.get("/whats-new/?page=20")["Location"] == "/whats-new/"


def open_dump(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
class TestDump:
    def test_every_list_in_one_zip_without_drafts(self, client, drafts):  # noqa: F811
        response = client.get("/data/registry.zip")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith('attachment; filename="sodium-registry-')
        archive = open_dump(response)
        assert sorted(archive.namelist()) == [
            "evaluation-batches.csv",
            "evaluation-results.csv",
            "forums.csv",
            "organizations.csv",
            "people.csv",
            "standards.csv",
        ]
        for name in archive.namelist():
            assert_no_secret(archive.read(name).decode("utf-8-sig"), name)
        forums = csv_records(archive.read("forums.csv"))
        assert [row["Title"] for row in forums] == ["Open forum"]
        assert forums[0]["URL"] == "http://testserver/forums/open-forum/"

    def test_rebuilt_when_the_content_changes(self, client, drafts, settings):  # noqa: F811
        first = open_dump(client.get("/data/registry.zip"))
        assert len(csv_records(first.read("standards.csv"))) == 1
        drafts["standard"].visibility = "public"
        drafts["standard"].save()
        second = open_dump(client.get("/data/registry.zip"))
        assert len(csv_records(second.read("standards.csv"))) == 2
        # Only the current version is kept.
        assert list(settings.DUMP_DIR.glob("registry-*.zip")) == [dump_path(_version())]

    def test_while_one_is_being_built_readers_get_the_previous_one(
        self,
        client,
        drafts,  # noqa: F811
        settings,
    ):
        previous = open_dump(client.get("/data/registry.zip"))
        drafts["standard"].visibility = "public"
        drafts["standard"].save()
        with open(settings.DUMP_DIR / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process is building
            served = open_dump(client.get("/data/registry.zip"))
        assert served.read("standards.csv") == previous.read("standards.csv")
        # Once the build is free to run, the next reader gets the new version.
        rebuilt = open_dump(client.get("/data/registry.zip"))
        assert len(csv_records(rebuilt.read("standards.csv"))) == 2

    def test_the_command_builds_it_ahead(self, drafts, settings):  # noqa: F811
        out = io.StringIO()
        call_command("build_dump", "--base-url", "https://registry.example", stdout=out)
        path = dump_path(_version())
        assert str(path) in out.getvalue()
        with zipfile.ZipFile(path) as archive:
            rows = csv_records(archive.read("evaluation-batches.csv"))
        assert [row["URL"] for row in rows] == ["https://registry.example/evaluations/open-batch/"]

    def test_linked_from_the_home_page(self, client, db):
        assert link_to(client.get("/"), "/data/registry.zip")

    def test_query_count_does_not_grow_with_the_data(self, client, db, settings):
        # The page cache's copy of the version is trusted for a minute here, so that a
        # slow machine taking over a second between requests does not add its check.
        settings.PAGE_CACHE_VERSION_SECONDS = 60
        build(SMALL, "alpha")
        with CaptureQueriesContext(connection) as small:
            open_dump(client.get("/data/registry.zip"))
        build(LARGE, "omega")
        with CaptureQueriesContext(connection) as large:
            archive = open_dump(client.get("/data/registry.zip"))
        assert len(large) == len(small)
        assert len(csv_records(archive.read("evaluation-results.csv"))) >= 2 * LARGE
        # Served again without a change: one query, for the version.
        with CaptureQueriesContext(connection) as again:
            open_dump(client.get("/data/registry.zip"))
        assert len(again) == 1


def _version() -> int:
    from core.models import ContentVersion

    return ContentVersion.current()[0]


@pytest.mark.django_db
def test_the_dump_reads_no_parameter(client, db):
    for query in ("format=csv", "page=%00", "q=<script>"):
        response = client.get(f"/data/registry.zip?{query}")
        assert response.status_code == 301, query
        assert response["Location"] == "/data/registry.zip"


@pytest.mark.django_db
def test_what_is_new_takes_any_page_value(client, db):
    for value in ("9" * 10_240, "²", "٣", "1e3", " 2", "2 "):
        response = client.get("/whats-new/", {"page": value})
        assert response.status_code == 301, value[:10]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/forums/feed.atom", "/forums/open-forum/calendar.ics"])
def test_feeds_and_calendars_are_cached_until_a_change(client, drafts, url):  # noqa: F811
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == first["Content-Type"]
    assert second.content == first.content
    forum = drafts["public_forum"]
    forum.title = "Retitled forum"
    forum.save()
    changed = client.get(url)
    assert changed["X-Page-Cache"] == "miss"
    assert "Retitled forum" in changed.content.decode()
