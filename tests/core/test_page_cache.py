"""Cached public pages stay correct: any edit or publish shows at once, staff never get
the anonymous copy, and unchanged pages answer 304 to a conditional GET."""

import pytest
from django.db.models import F
from django.test import override_settings
from django.utils.http import http_date

from core.models import ContentVersion, Visibility
from standards.models import Standard
from tests.core.page_cache_support import START, cached_pages, clock_fixture, page_cache_fixture  # noqa: F401
from tests.directory.factories import make_organization
from tests.forums.factories import make_forum, make_session
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db


def test_second_anonymous_view_comes_from_the_cache(client, page_cache, django_assert_num_queries):
    make_standard(title="Cached standard")
    first = client.get("/standards/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):  # the content version is in the cache too
        second = client.get("/standards/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Cached standard" in second.content.decode()
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_edit_shows_at_once(client, page_cache):
    standard = make_standard(title="Old title")
    assert "Old title" in client.get("/standards/").content.decode()

    standard.title = "New title"
    standard.save()

    page = client.get("/standards/")
    assert page["X-Page-Cache"] == "miss"
    assert "New title" in page.content.decode()
    assert "Old title" not in page.content.decode()


def test_publishing_from_the_admin_shows_the_record_at_once(client, admin_client, page_cache):
    forum = make_forum(title="Forthcoming forum", published=False)
    assert "Forthcoming forum" not in client.get("/forums/").content.decode()

    admin_client.post("/admin/forums/forum/", {"action": "publish", "_selected_action": [forum.pk]})

    forum.refresh_from_db()
    assert forum.visibility == Visibility.PUBLIC
    assert "Forthcoming forum" in client.get("/forums/").content.decode()


def test_many_to_many_changes_count_as_edits(client, page_cache):
    session, organization = make_session(), make_organization()
    version_before = ContentVersion.current()[0]
    session.organizations.add(organization)
    assert ContentVersion.current()[0] > version_before


def test_staff_never_get_the_anonymous_copy(client, admin_client, page_cache):
    draft = make_forum(title="Draft forum", published=False)
    assert client.get(f"/forums/{draft.slug}/").status_code == 404
    client.get("/forums/")  # warm the anonymous copy

    staff_list = admin_client.get("/forums/")
    staff_detail = admin_client.get(f"/forums/{draft.slug}/")

    assert "X-Page-Cache" not in staff_list
    assert staff_detail.status_code == 200
    assert "Draft — only staff can see this page" in staff_detail.content.decode()
    # And what staff saw is not served to anyone else.
    assert client.get(f"/forums/{draft.slug}/").status_code == 404


def test_unchanged_page_answers_304_to_a_conditional_get(client, page_cache, clock):
    make_standard()
    client.get("/standards/")
    clock.advance(1.5)  # Last-Modified is given once its second is over (see below)
    first = client.get("/standards/")
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get("/standards/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/standards/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    make_standard()
    changed = client.get("/standards/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_none_match_decides_alone(client, page_cache, clock):
    make_standard(title="Before")
    client.get("/standards/")
    clock.advance(1.5)
    old_etag = client.get("/standards/")["ETag"]
    make_standard(title="After")
    clock.advance(1.5)
    client.get("/standards/")
    clock.advance(1.5)
    current = client.get("/standards/")["Last-Modified"]

    # A current date beside a stale ETag: the ETag wins (RFC 9110 13.1.3).
    response = client.get(
        "/standards/", HTTP_IF_NONE_MATCH=old_etag, HTTP_IF_MODIFIED_SINCE=current
    )
    assert response.status_code == 200
    assert "After" in response.content.decode()


def test_no_last_modified_within_the_second_of_a_change(client, page_cache, clock):
    make_standard(title="Fresh")
    response = client.get("/standards/")
    assert "ETag" in response
    assert "Last-Modified" not in response
    # Nor is any date compared then: the reader's clock says this very second.
    same_second = http_date(int(clock.now))
    assert client.get("/standards/", HTTP_IF_MODIFIED_SINCE=same_second).status_code == 200
    assert (
        client.get("/standards/", HTTP_IF_MODIFIED_SINCE=http_date(clock.now + 60)).status_code
        == 200
    )

    clock.advance(1.0)
    later = client.get("/standards/")
    # The second after the one the change was first seen in.
    assert later["Last-Modified"] == http_date(int(START) + 1)


def test_a_hit_runs_no_query_until_the_version_is_checked_again(
    client, page_cache, clock, settings, django_assert_num_queries
):
    make_standard()
    client.get("/standards/")
    clock.advance(settings.PAGE_CACHE_VERSION_SECONDS * 0.9)
    with django_assert_num_queries(0):
        assert client.get("/standards/")["X-Page-Cache"] == "hit"
    clock.advance(settings.PAGE_CACHE_VERSION_SECONDS * 0.2)
    with django_assert_num_queries(1):  # the version, read again; the page is still a hit
        assert client.get("/standards/")["X-Page-Cache"] == "hit"


def test_another_process_change_shows_within_the_version_seconds(
    client, page_cache, clock, settings
):
    """Another process's change reaches the database but not this process's copy of
    the version (with local memory, every process has its own): it shows once that
    copy is older than PAGE_CACHE_VERSION_SECONDS, never later."""
    standard = make_standard(title="Old title")
    assert "Old title" in client.get("/standards/").content.decode()

    # What another process's save does to the database, behind this process's back.
    Standard.objects.filter(pk=standard.pk).update(title="New title")
    ContentVersion.objects.filter(pk=ContentVersion.SINGLETON_ID).update(number=F("number") + 1)

    clock.advance(settings.PAGE_CACHE_VERSION_SECONDS / 2)
    assert "Old title" in client.get("/standards/").content.decode()
    clock.advance(settings.PAGE_CACHE_VERSION_SECONDS / 2)
    page = client.get("/standards/")
    assert page["X-Page-Cache"] == "miss"
    assert "New title" in page.content.decode()


def test_a_lost_version_is_read_again_and_pages_stay_right(client, page_cache):
    from django.core.cache import cache

    make_standard(title="Kept")
    client.get("/standards/")
    cache.delete(ContentVersion.CACHE_KEY)  # evicted, or Redis restarted
    page = client.get("/standards/")
    assert page["X-Page-Cache"] == "hit"
    assert "Kept" in page.content.decode()


def test_errors_downloads_and_admin_are_not_cached(client, admin_client, page_cache):
    make_standard()
    assert client.get("/standards/?status=nonsense").status_code == 400
    assert "X-Page-Cache" not in client.get("/standards/?status=nonsense")
    assert "X-Page-Cache" not in client.get("/standards/?format=csv")
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_query_strings_are_cached_separately(client, page_cache):
    make_standard(title="Group standard", level="group")
    make_standard(title="National standard", level="national")
    group = client.get("/standards/?level=group").content.decode()
    national = client.get("/standards/?level=national").content.decode()
    assert "Group standard" in group and "National standard" not in group
    assert "National standard" in national and "Group standard" not in national


def test_each_host_and_scheme_has_its_own_copy(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["registry.example", "mirror.example"]
    make_standard()
    first = client.get("/robots.txt", HTTP_HOST="registry.example")
    other_host = client.get("/robots.txt", HTTP_HOST="mirror.example")
    https = client.get("/robots.txt", HTTP_HOST="registry.example", secure=True)

    assert first["X-Page-Cache"] == other_host["X-Page-Cache"] == https["X-Page-Cache"] == "miss"
    assert "Sitemap: http://registry.example/sitemap.xml" in first.content.decode()
    assert "Sitemap: http://mirror.example/sitemap.xml" in other_host.content.decode()
    assert "Sitemap: https://registry.example/sitemap.xml" in https.content.decode()
    assert cached_pages() == 3


def test_spellings_of_one_query_share_one_entry(client, page_cache):
    make_standard(title="T/CNESA 1006")
    for query in ("q=a+b", "q=a%20b", "q=a b"):
        client.get(f"/standards/?{query}")
    assert cached_pages() == 1


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_switched_off(client):
    make_standard()
    client.get("/standards/")
    assert "X-Page-Cache" not in client.get("/standards/")


def test_a_bulk_change_retires_cached_pages_once_at_its_end(client):
    from core.signals import bulk_change
    from standards.models import Standard

    client.get("/standards/")
    before = ContentVersion.current()[0]
    with bulk_change():
        make_standard(title="Bulk one")
        Standard.objects.bulk_create([Standard(title="Bulk two", slug="bulk-two", level="group")])
        assert ContentVersion.current()[0] == before, "no bump per row inside a bulk change"

    assert ContentVersion.current()[0] == before + 1
    page = client.get("/standards/").content.decode()
    assert "Bulk one" in page


def test_cached_pages_vary_on_cookie_and_a_session_cookie_bypasses_them(client):
    make_standard()
    first = client.get("/standards/")
    assert "Cookie" in first["Vary"]

    client.cookies["sessionid"] = "stale-or-foreign"
    fresh = client.get("/standards/")
    assert fresh.status_code == 200
    assert "X-Page-Cache" not in fresh
