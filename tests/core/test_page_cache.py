"""Cached public pages stay correct: any edit or publish shows at once, staff never get
the anonymous copy, and unchanged pages answer 304 to a conditional GET."""

import os
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from core.models import ContentVersion, Visibility
from tests.directory.factories import make_organization
from tests.forums.factories import make_forum, make_session
from tests.standards.factories import make_standard

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False
    return True


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request):
    """Run each test against local memory and against Redis."""
    if request.param == "locmem":
        yield "locmem"
        return
    if not redis_reachable():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(
                f"Redis is required (REQUIRE_REDIS is set) but not reachable at {REDIS_URL}"
            )
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=caches):
        yield "redis"
        cache.clear()


pytestmark = pytest.mark.django_db


def test_second_anonymous_view_comes_from_the_cache(client, page_cache, django_assert_num_queries):
    make_standard(title="Cached standard")
    first = client.get("/standards/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(1):  # the content version, nothing else
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


def test_unchanged_page_answers_304_to_a_conditional_get(client, page_cache):
    make_standard()
    first = client.get("/standards/")
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get("/standards/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/standards/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    make_standard()
    changed = client.get("/standards/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


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
