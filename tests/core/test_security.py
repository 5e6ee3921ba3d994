"""Safe to put on the internet: headers, login throttling, history, backups."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from forums.models import Forum
from tests.utils import PRODUCTION_ENV, run_python

PUBLIC_PATHS = [
    "/",
    "/forums/",
    "/forums/2025-weihai-sodium-ion-battery-forum/",
    "/standards/",
    "/standards/t-cnesa-1006-2025/",
    "/standards/lifecycle/",
    "/evaluations/",
    "/evaluations/sodium-ion-battery-evaluation-batch-6/",
    "/evaluations/results/",
    "/organizations/",
    "/organizations/ningde-times-new-energy-technology/",
    "/people/li-jinghong/",
    "/search/?q=sodium",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/no-such-page/",
]


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_sends_the_security_headers(client, demo, path):
    response = client.get(path)

    assert response.status_code in (200, 404)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert directives[directive] == ["'self'"], "no inline script or style, no other host"
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_admin_pages_are_under_the_same_policy(admin_client):
    for path in ("/admin/", "/admin/forums/forum/add/", "/admin/login/"):
        directives = csp_directives(admin_client.get(path))
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]


def test_production_mode_sends_hsts_and_secure_cookies():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "from django.test import Client; c = Client(); "
        "insecure = c.get('/healthz'); plain = c.get('/', secure=False); "
        "secure = c.get('/healthz', secure=True); "
        "print(json.dumps({'hsts': secure.headers.get('Strict-Transport-Security'), "
        "'redirect': plain.status_code, 'location': plain.headers.get('Location'), "
        "'healthz': insecure.status_code, "
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE}))"
    )
    result = run_python(probe, DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert found["redirect"] == 301
    assert found["location"] == "https://testserver/"
    assert found["healthz"] == 200, "load balancers check /healthz over plain HTTP"
    assert found["session_secure"] is True
    assert found["csrf_secure"] is True


@pytest.mark.django_db
class TestLoginThrottling:
    def login(self, client, password):
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": password},
            REMOTE_ADDR="203.0.113.7",
        )

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
    def test_five_wrong_passwords_lock_the_account_from_that_address(self, client, editor):
        for _ in range(4):
            assert self.login(client, "wrong").status_code == 200  # the form, with an error
        locked = self.login(client, "wrong")
        assert locked.status_code == 429
        assert "Too many failed sign-in attempts" in locked.content.decode()

        # Even the right password is refused while locked.
        assert self.login(client, "editor-password").status_code == 429
        assert "_auth_user_id" not in client.session

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
    def test_a_correct_password_before_the_limit_signs_in(self, client, editor):
        for _ in range(3):
            self.login(client, "wrong")
        response = self.login(client, "editor-password")
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


@pytest.mark.django_db
class TestRoles:
    def test_anonymous_users_reach_no_admin_page(self, client, demo):
        forum = Forum.objects.get()
        for path in (
            "/admin/",
            "/admin/forums/forum/",
            f"/admin/forums/forum/{forum.pk}/change/",
            "/admin/forums/forum/export-csv/",
            "/admin/auth/user/",
        ):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith("/admin/login/"), path

    def test_editors_get_no_user_management(self, client, editor):
        client.force_login(editor)
        assert client.get("/admin/auth/user/").status_code == 403
        assert client.get("/admin/auth/group/").status_code == 403
        assert not editor.has_perm("auth.change_user")

    def test_editor_group_can_add_and_change_content(self, editor):
        for app_label, model in (
            ("forums", "forum"),
            ("standards", "standard"),
            ("evaluations", "evaluationresult"),
            ("directory", "organization"),
        ):
            assert editor.has_perm(f"{app_label}.add_{model}")
            assert editor.has_perm(f"{app_label}.change_{model}")
        assert Group.objects.get(name="Editor").user_set.filter(pk=editor.pk).exists()

    def test_editor_cannot_delete_a_published_forum_but_a_superuser_can(
        self, client, editor, admin_client, demo
    ):
        forum = Forum.objects.get()
        delete_url = reverse("admin:forums_forum_delete", args=[forum.pk])
        client.force_login(editor)
        assert client.get(delete_url).status_code == 403
        assert admin_client.get(delete_url).status_code == 200


@pytest.mark.django_db
def test_an_overwritten_value_is_restored_from_the_admin_history(client, editor, demo):
    forum = Forum.objects.get()
    original_title = forum.title
    client.force_login(editor)

    # The editor overwrites the title through the admin form.
    change_url = reverse("admin:forums_forum_change", args=[forum.pk])
    form = client.get(change_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(_management_forms(client.get(change_url)))
    data.update(
        {
            "series": forum.series_id,
            "title": "A mistaken title",
            "start_date": "2025-09-25",
            "source": forum.source_id,
        }
    )
    response = client.post(change_url, data)
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    forum.refresh_from_db()
    assert forum.title == "A mistaken title"

    # History lists the earlier version; reverting to it through the admin brings it back.
    history = client.get(reverse("admin:forums_forum_history", args=[forum.pk]))
    assert history.status_code == 200
    listing = history.content.decode()
    assert "A mistaken title" in listing
    assert original_title in listing
    assert 'style="' not in listing, "inline styles break under our CSP"
    earlier = forum.history.filter(title=original_title).latest("history_date")
    revert_url = reverse("admin:forums_forum_simple_history", args=[forum.pk, earlier.history_id])
    revert_page = client.get(revert_url)
    assert revert_page.status_code == 200
    revert_form = revert_page.context["adminform"].form
    revert_data = {
        name: value
        for name, value in revert_form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    revert_data.update(_management_forms(revert_page))
    assert client.post(revert_url, revert_data).status_code == 302

    forum.refresh_from_db()
    assert forum.title == original_title
    assert forum.history.count() >= 3


@pytest.mark.django_db
def test_every_content_model_has_a_history_page_that_respects_the_policy(admin_client, demo):
    from django.contrib import admin

    checked = 0
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in {"core", "directory", "forums", "standards", "evaluations"}:
            continue
        obj = model.objects.first()
        if obj is None:  # the demo has no drafting roles or milestones
            continue
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert 'style="' not in response.content.decode(), url
        checked += 1
    assert checked >= 14


def _management_forms(response) -> dict:
    """The inline formsets' management data as the rendered page carries it."""
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for index, inline_form in enumerate(formset.initial_forms):
            for name, value in inline_form.initial.items():
                if value is not None and not isinstance(value, list):
                    data[f"{formset.prefix}-{index}-{name}"] = getattr(value, "pk", value)
            data[f"{formset.prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
    return data
