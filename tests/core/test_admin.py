"""The editors' admin as every app shares it (core.admin): every page renders, search,
filters, autocomplete, editors' rights, deleting, publishing, and logging in.

What is particular to one app's admin (its search fields, its forms' bad input) is
tested in that app's folder.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Visibility
from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationResult
from forums.models import Forum, Session, Talk
from standards.models import Standard
from tests.admin_support import (
    ALL_MODELS,
    CONTENT_APPS,
    CONTENT_MODELS,
    OTHER_MODELS,
    PUBLISHABLE,
    REGISTERED,
    admin_url,
    draft_record,
    errors_of,
    first,
    label,
    published_record,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=label)
def test_every_content_admin_page_renders(client, staff, model):
    client.force_login(staff)
    obj = first(model)
    urls = [
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=sodium",
        admin_url(model, "changelist") + "?q=t/cnesa+1006-2025",
        admin_url(model, "changelist") + "?q=%E2%80%9Cquoted%E2%80%9D+%27+%25+%E2%80%94",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", OTHER_MODELS, ids=label)
def test_user_management_pages_render_for_a_superuser(client, superuser, editor, model):
    client.force_login(superuser)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser
    urls = [admin_url(model, "changelist"), admin_url(model, "changelist") + "?q=editor"]
    if model_admin.has_add_permission(request):
        urls.append(admin_url(model, "add"))
    if obj := model._default_manager.order_by("pk").first():
        urls.append(admin_url(model, "change", obj.pk))
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=label)
def test_searching_finds_the_record_by_what_its_list_shows(client, superuser, content, model):
    """A search for a word of a record's own fields finds that record."""
    client.force_login(superuser)
    model_admin = admin.site._registry[model]
    obj = first(model)
    term = None
    for path in model_admin.search_fields:
        value = model.objects.filter(pk=obj.pk).values_list(path.lstrip("^=@"), flat=True)[0]
        if isinstance(value, str) and value.strip():
            term = value.split()[0]
            break
    assert term, f"{model.__name__} has no searchable text"
    response = client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert obj in response.context["cl"].result_list


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=label)
def test_every_filter_choice_and_date_drill_down_renders(client, superuser, content, model):
    client.force_login(superuser)
    url = admin_url(model, "changelist")
    response = client.get(url)
    changelist = response.context["cl"]
    query_strings = {
        choice["query_string"]
        for spec in changelist.filter_specs
        for choice in spec.choices(changelist)
    }
    if model_admin_date := admin.site._registry[model].date_hierarchy:
        query_strings.add(f"?{model_admin_date}__year=2025")
        query_strings.add(f"?{model_admin_date}__year=2025&{model_admin_date}__month=9")
    for query_string in query_strings:
        assert client.get(url + query_string).status_code == 200, query_string


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=label)
def test_a_changelist_costs_the_same_queries_for_one_row_as_for_all(
    client, superuser, content, model
):
    """Related columns are fetched with the rows (list_select_related), not one by one."""
    client.force_login(superuser)
    url = admin_url(model, "changelist")
    pks = [str(pk) for pk in model.objects.order_by("pk").values_list("pk", flat=True)]
    assert len(pks) >= 2, f"add a second {model.__name__} to the fixture"

    def queries_for(selected):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"id__in": ",".join(selected)})
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == len(selected)
        return len(captured)

    assert queries_for(pks) == queries_for(pks[:1])


def test_unchanged_change_forms_save_cleanly(client, content, superuser):
    """Opening any record and pressing Save keeps it as it was: no spurious errors."""
    client.force_login(superuser)
    for model in CONTENT_MODELS:
        obj = first(model)
        url = admin_url(model, "change", obj.pk)
        response = client.post(url, submitted(client.get(url)))
        assert response.status_code == 302, (model.__name__, errors_of(response))


@pytest.mark.parametrize(
    ("model", "inline_models"),
    [
        (Forum, {"OrganizerRole", "Session", "PersonRole"}),
        (Session, {"Talk"}),
        (Talk, {"TalkSpeaker"}),
        (Standard, {"DraftingRole", "StatusMilestone"}),
        (EvaluationBatch, {"EvaluationResult"}),
    ],
    ids=["forum", "session", "talk", "standard", "batch"],
)
def test_records_are_edited_with_their_parts_inline(
    client, content, superuser, model, inline_models
):
    client.force_login(superuser)
    response = client.get(admin_url(model, "change", first(model).pk))
    shown = {inline.opts.model.__name__ for inline in response.context["inline_admin_formsets"]}
    assert inline_models <= shown


@pytest.mark.parametrize("model", [Forum, Standard, EvaluationBatch, Organization, Session])
def test_view_on_site_leads_to_the_public_page(client, content, superuser, model):
    client.force_login(superuser)
    obj = first(model)
    response = client.get(admin_url(model, "change", obj.pk))
    assert "View on site" in response.content.decode()
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(model).pk, obj.pk]
    )
    redirect = client.get(shortcut)
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(obj.get_absolute_url())
    assert client.get(obj.get_absolute_url()).status_code == 200


def _superuser_request():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=label)
def test_related_records_are_chosen_by_search_not_from_a_full_list(model):
    """Every relation on an admin form, inlines included, is an autocomplete box."""
    request = _superuser_request()
    model_admin = admin.site._registry[model]
    forms = [model_admin.get_form(request)]
    forms += [
        inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
    ]
    for form in forms:
        for name, field in form.base_fields.items():
            if isinstance(field, ModelChoiceField) and name != form._meta.model._meta.pk.name:
                widget = getattr(field.widget, "widget", field.widget)
                assert isinstance(widget, AutocompleteMixin), f"{form._meta.model.__name__}.{name}"


def autocomplete_cases():
    for model, model_admin in REGISTERED:
        owners = [model_admin, *[inline(model, admin.site) for inline in model_admin.inlines]]
        for owner in owners:
            for field_name in owner.autocomplete_fields:
                yield owner.model, field_name


AUTOCOMPLETE_CASES = sorted(set(autocomplete_cases()), key=lambda c: (label(c[0]), c[1]))


def test_every_autocomplete_answers(client, staff):
    """Each autocomplete box on every admin form and inline offers the demo's records."""
    assert len(AUTOCOMPLETE_CASES) > 30
    client.force_login(staff)
    failures = []
    for model, field_name in AUTOCOMPLETE_CASES:
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field_name,
                "term": "",
            },
        )
        if response.status_code != 200 or not response.json()["results"]:
            failures.append((label(model), field_name, response.status_code))
    assert failures == []


@pytest.mark.parametrize("model", OTHER_MODELS, ids=label)
def test_editors_cannot_manage_users_groups_or_login_records(client, content, editor, model):
    client.force_login(editor)
    obj = model._default_manager.order_by("pk").first() or model(pk=1)
    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "delete", obj.pk),
    ]:
        assert client.get(url).status_code == 403, url


def test_the_editor_group_grants_content_rights_and_nothing_about_users(editor):
    group = Group.objects.get(name="Editor")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    for model in CONTENT_MODELS:
        for action in ["add", "change", "delete", "view"]:
            assert (model._meta.app_label, f"{action}_{model._meta.model_name}") in granted
    assert not {app for app, _ in granted} - CONTENT_APPS
    assert not editor.is_superuser
    assert not editor.has_perm("auth.change_user")


def test_the_editor_index_lists_all_content_and_no_user_management(client, content, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    listed = {
        (app["app_label"], model["object_name"])
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert listed == {(m._meta.app_label, m.__name__) for m in CONTENT_MODELS}


@pytest.mark.parametrize("model", PUBLISHABLE, ids=label)
class TestDeleting:
    def delete_selected(self, client, model, objects, confirm=True):
        data = {"action": "delete_selected", "_selected_action": [obj.pk for obj in objects]}
        if confirm:
            data["post"] = "yes"
        return client.post(admin_url(model, "changelist"), data)

    def test_editor_cannot_delete_a_published_record(self, client, editor, model):
        record = published_record(model)
        client.force_login(editor)
        url = admin_url(model, "delete", record.pk)
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=record.pk).exists()

    def test_editor_delete_selected_refuses_published_records(self, client, editor, model):
        published, draft = published_record(model), draft_record(model)
        client.force_login(editor)
        confirmation = self.delete_selected(client, model, [published, draft], confirm=False)
        assert confirmation.status_code == 200
        assert "permission to delete" in confirmation.content.decode()
        assert self.delete_selected(client, model, [published, draft]).status_code == 403
        assert model.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2

    def test_editor_can_delete_a_draft_with_its_parts(self, client, editor, model):
        draft = draft_record(model)
        client.force_login(editor)
        response = client.post(admin_url(model, "delete", draft.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not model.objects.filter(pk=draft.pk).exists()

    def test_editor_can_delete_selected_drafts(self, client, editor, model):
        drafts = [draft_record(model), draft_record(model)]
        client.force_login(editor)
        assert self.delete_selected(client, model, drafts).status_code == 302
        assert not model.objects.filter(pk__in=[d.pk for d in drafts]).exists()

    def test_superuser_can_delete_a_published_record(self, client, superuser, model):
        record = published_record(model)
        client.force_login(superuser)
        response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not model.objects.filter(pk=record.pk).exists()

    def test_inline_rows_of_a_published_record_have_no_delete_box_for_editors(
        self, client, editor, superuser, model
    ):
        record = published_record(model)
        url = admin_url(model, "change", record.pk)
        client.force_login(editor)
        assert not any(
            inline.formset.can_delete for inline in client.get(url).context["inline_admin_formsets"]
        )
        client.force_login(superuser)
        assert all(
            inline.formset.can_delete for inline in client.get(url).context["inline_admin_formsets"]
        )


@pytest.mark.parametrize("model", PUBLISHABLE, ids=label)
def test_publish_and_unpublish_actions(client, editor, model):
    record, already = draft_record(model), published_record(model)
    client.force_login(editor)
    url = admin_url(model, "changelist")

    response = client.post(
        url, {"action": "publish", "_selected_action": [record.pk, already.pk]}, follow=True
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"Published: 1 {model._meta.verbose_name}."]
    record.refresh_from_db()
    assert record.visibility == Visibility.PUBLIC
    stamped = record.made_public_at
    assert stamped is not None

    response = client.post(
        url, {"action": "unpublish", "_selected_action": [record.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"Returned to draft: 1 {model._meta.verbose_name}."
    ]
    record.refresh_from_db()
    assert record.visibility == Visibility.DRAFT
    assert record.made_public_at == stamped

    client.post(url, {"action": "publish", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.is_public
    assert record.made_public_at == stamped


@pytest.mark.parametrize("model", PUBLISHABLE, ids=label)
def test_changelist_shows_and_filters_the_visibility(client, editor, model):
    draft, published = draft_record(model), published_record(model)
    client.force_login(editor)
    response = client.get(admin_url(model, "changelist"), {"visibility__exact": "draft"})
    assert list(response.context["cl"].result_list) == [draft]
    assert published.pk not in [obj.pk for obj in response.context["cl"].result_list]
    assert "visibility" in response.context["cl"].list_display


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_url(
    client, content, admin_user
):
    urls = [reverse("admin:index"), reverse("admin:autocomplete")]
    for model in ALL_MODELS:
        obj = model._default_manager.order_by("pk").first()
        pk = obj.pk if obj else 1
        urls += [
            admin_url(model, "changelist"),
            admin_url(model, "add"),
            admin_url(model, "change", pk),
            admin_url(model, "delete", pk),
            admin_url(model, "history", pk),
        ]
    for url in urls:
        for response in [client.get(url), client.post(url, {})]:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login") + "?next="), url
    assert Forum.objects.count() == 2


class TestBadInput:
    def test_nul_characters_in_a_search_are_not_an_error(self, client, content, staff):
        client.force_login(staff)
        for model in [Forum, Standard, Organization, EvaluationResult]:
            response = client.get(admin_url(model, "changelist"), {"q": "sodium\x00"})
            assert response.status_code == 200
