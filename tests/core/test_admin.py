"""The editors' admin: every page renders, editors' rights, actions, and bad input."""

import datetime

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
from django.utils.html import escape

from core.models import Source, Visibility
from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from forums.models import Forum, OrganizerRole, Session, Talk
from standards.models import (
    Committee,
    DraftingRole,
    Standard,
    StandardStatus,
    StatusMilestone,
)
from tests.factories import (
    make_batch,
    make_forum,
    make_organization,
    make_standard,
)

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"core", "directory", "forums", "standards", "evaluations"}
REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
ALL_MODELS = [model for model, _ in REGISTERED]
CONTENT_MODELS = [model for model in ALL_MODELS if model._meta.app_label in CONTENT_APPS]
# User management and login records (auth, axes): superusers only.
OTHER_MODELS = [model for model in ALL_MODELS if model._meta.app_label not in CONTENT_APPS]
PUBLISHABLE = [Forum, Standard, EvaluationBatch]


def label(model) -> str:
    return model._meta.label_lower


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def first(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model.__name__} to open"
    return obj


@pytest.fixture
def content(demo):
    """The demo, plus a second record wherever a model had one or none."""
    lab = Organization.objects.get(slug="sai-laboratory")
    miit = Organization.objects.get(slug="ministry-of-industry-and-information-technology")
    standard = Standard.objects.get(slug="t-cnesa-1006-2025")
    Standard.objects.filter(pk=standard.pk).update(issuing_body=lab)
    make_standard(
        code="GB/T 44265-2024",
        title="Electrical energy storage",
        issuing_body=miit,
        committee=Committee.objects.get(),
    )
    for status, day in [(StandardStatus.PUBLIC_COMMENT, 1), (StandardStatus.PUBLISHED, 2)]:
        StatusMilestone.objects.create(
            standard=standard, status=status, date=datetime.date(2025, 6, day)
        )
    DraftingRole.objects.create(standard=standard, organization=lab, is_lead=True)
    DraftingRole.objects.create(standard=standard, organization=miit)
    Committee.objects.create(name="SAC/TC 203", slug="sac-tc-203", organization=miit)
    Source.objects.create(title="Sodium standards notice", publication="CESI")
    make_forum(title="2024 Sodium Ion Battery Forum", slug="2024-forum", city="Beijing")


@pytest.fixture
def superuser(admin_user):
    return admin_user


@pytest.fixture(params=["superuser", "editor"])
def staff(request, content):
    """Each test runs once as a superuser and once as a member of the Editor group."""
    return request.getfixturevalue(request.param)


# --- Every page renders ------------------------------------------------------------------


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


# --- Admin features editors rely on --------------------------------------------------------


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


def test_autocomplete_finds_a_standard_by_its_code_however_typed(client, content, editor):
    client.force_login(editor)
    for term in ["t/cnesa 1006-2025", "T／CNESA 1006–2025", "1006-2025"]:
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "evaluations",
                "model_name": "evaluationprogram",
                "field_name": "basis_standard",
                "term": term,
            },
        )
        assert [row["text"] for row in response.json()["results"]] == [
            "T/CNESA 1006—2025 General Specifications for Sodium Ion Batteries"
        ], term


class TestSearch:
    def search(self, client, model, term):
        response = client.get(admin_url(model, "changelist"), {"q": term})
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    def test_standard_code_written_differently(self, client, content, editor):
        client.force_login(editor)
        standard = Standard.objects.get(slug="t-cnesa-1006-2025")
        for term in ["t/cnesa 1006-2025", "T/CNESA 1006—2025", "１００６－２０２５", "1006"]:
            assert self.search(client, Standard, term) == [standard], term
        assert self.search(client, Standard, "9999-2025") == []

    def test_organizations_by_native_name_and_alias(self, client, content, editor):
        client.force_login(editor)
        organization = make_organization(
            name="Weihai Sodium Co., Ltd.", native_name="威海钠电有限公司", aliases="WSC\nWeiNa"
        )
        assert self.search(client, Organization, "威海钠电") == [organization]
        assert self.search(client, Organization, "WeiNa") == [organization]
        lab = Organization.objects.get(slug="sai-laboratory")
        assert lab in self.search(client, Organization, "SAI Laboratory")

    def test_results_by_the_organization_alias(self, client, content, editor):
        client.force_login(editor)
        found = self.search(client, EvaluationResult, "Haicheng Energy Storage")
        assert [r.organization.slug for r in found] == ["xiamen-haicheng-energy-storage-technology"]

    def test_forums_by_native_title(self, client, content, editor):
        client.force_login(editor)
        forum = Forum.objects.get(slug="2025-weihai-sodium-ion-battery-forum")
        Forum.objects.filter(pk=forum.pk).update(native_title="2025钠离子电池产业链与标准发展论坛")
        assert self.search(client, Forum, "钠离子电池") == [forum]


# --- Who may do what --------------------------------------------------------------------------


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


def record_with_parts(model, *, published: bool):
    """A forum with a session, a standard with a milestone, or a batch with a result."""
    if model is Forum:
        forum = make_forum(published=published)
        Session.objects.create(forum=forum, title="Opening ceremony", kind="opening_ceremony")
        return forum
    if model is Standard:
        standard = make_standard(published=published)
        StatusMilestone.objects.create(standard=standard, status=StandardStatus.DRAFTING)
        return standard
    batch = make_batch(published=published)
    EvaluationResult.objects.create(batch=batch, organization=make_organization(), outcome="passed")
    return batch


def published_record(model):
    return record_with_parts(model, published=True)


def draft_record(model):
    return record_with_parts(model, published=False)


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


def test_editor_cannot_delete_a_session_of_a_published_forum(client, editor):
    published_session = published_record(Forum).sessions.get()
    draft_session = draft_record(Forum).sessions.get()
    client.force_login(editor)
    url = admin_url(Session, "delete", published_session.pk)
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Session.objects.filter(pk=published_session.pk).exists()
    url = admin_url(Session, "delete", draft_session.pk)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Session.objects.filter(pk=draft_session.pk).exists()


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


# --- Anonymous visitors -------------------------------------------------------------------------


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


# --- Bad input gets an error message, never a 500 ------------------------------------------------


def submitted(response) -> dict:
    """The form on an add or change page as a browser submits it when nothing is touched."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


def inline_prefix(response, model) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.opts.model is model:
            return inline.formset.prefix
    raise AssertionError(f"no {model.__name__} inline")


def add_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{start + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def errors_of(response) -> dict:
    """Every error on the page, by field name ('__all__' for the form's own)."""
    if "adminform" not in (response.context or {}):
        return {}
    found = {
        name: list(messages) for name, messages in response.context["adminform"].form.errors.items()
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for form in formset.forms:
            for name, messages in form.errors.items():
                found.setdefault(f"{formset.prefix}:{name}", []).extend(messages)
        if formset.non_form_errors():
            found[f"{formset.prefix}:__all__"] = list(formset.non_form_errors())
    return found


def assert_refused(response, field: str, message: str):
    """The page answers 200, shows the message, and ties it to the field."""
    assert response.status_code == 200, response.status_code
    errors = errors_of(response)
    assert any(message in error for error in errors.get(field, [])), errors
    assert escape(message) in response.content.decode()


@pytest.fixture
def forum_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(Forum, "add")
    page = client.get(url)
    data = submitted(page)
    data.update(
        series=str(first(Forum).series_id),
        title="2026 Sodium Ion Battery Forum",
        slug="2026-sodium-ion-battery-forum",
        start_date="2026-09-24",
        end_date="2026-09-26",
        city="Weihai",
    )
    return url, data


@pytest.fixture
def standard_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(Standard, "add")
    data = submitted(client.get(url))
    data.update(
        code="T/CNESA 1007—2025",
        title="Sodium ion batteries for energy storage",
        slug="t-cnesa-1007-2025",
        level="group",
        status="drafting",
    )
    return url, data


@pytest.fixture
def batch_form(client, content, staff):
    client.force_login(staff)
    url = admin_url(EvaluationBatch, "add")
    page = client.get(url)
    data = submitted(page)
    program = EvaluationProgram.objects.get(slug="sodium-ion-battery-evaluation")
    data.update(program=str(program.pk), number="7", announced_on="2026-03-01")
    return url, data, inline_prefix(page, EvaluationResult)


class TestBadInput:
    def test_a_good_forum_is_saved(self, client, forum_form):
        url, data = forum_form
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        forum = Forum.objects.get(slug="2026-sodium-ion-battery-forum")
        assert forum.end_date == datetime.date(2026, 9, 26)
        assert forum.visibility == Visibility.DRAFT

    def test_forum_end_date_before_start_date(self, client, forum_form):
        url, data = forum_form
        data["end_date"] = "2026-09-23"
        assert_refused(
            client.post(url, data), "end_date", "The end date cannot be before the start date."
        )
        assert Forum.objects.count() == 2

    def test_nul_character_in_a_title(self, client, forum_form):
        url, data = forum_form
        data["title"] = "2026 Sodium\x00 Forum"
        assert_refused(client.post(url, data), "title", "Null characters are not allowed.")
        assert Forum.objects.count() == 2

    def test_nul_character_in_long_text(self, client, forum_form):
        url, data = forum_form
        data["summary"] = "Opened\x00 in Weihai."
        assert_refused(client.post(url, data), "summary", "Null characters are not allowed.")
        assert Forum.objects.count() == 2

    def test_title_longer_than_allowed(self, client, forum_form):
        url, data = forum_form
        data["title"] = "钠" * 301
        assert_refused(
            client.post(url, data), "title", "Ensure this value has at most 300 characters"
        )
        assert Forum.objects.count() == 2

    def test_slug_already_taken(self, client, forum_form):
        url, data = forum_form
        data["slug"] = "2025-weihai-sodium-ion-battery-forum"
        assert_refused(client.post(url, data), "slug", "Forum with this Slug already exists.")
        assert Forum.objects.count() == 2

    def test_negative_attendance(self, client, forum_form):
        url, data = forum_form
        data["attendees"] = "-1"
        assert_refused(
            client.post(url, data), "attendees", "Ensure this value is greater than or equal to 0."
        )
        assert Forum.objects.count() == 2

    def test_duplicate_edition_in_a_series(self, client, forum_form):
        url, data = forum_form
        data["edition_number"] = "4"
        assert_refused(
            client.post(url, data),
            "__all__",
            "This series already has an edition with that number.",
        )
        assert Forum.objects.count() == 2

    def test_a_good_standard_is_saved(self, client, standard_form):
        url, data = standard_form
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        assert Standard.objects.get(slug="t-cnesa-1007-2025").code == "T/CNESA 1007—2025"

    def test_duplicate_standard_code(self, client, standard_form):
        url, data = standard_form
        data["code"] = "T/CNESA 1006—2025"
        assert_refused(client.post(url, data), "code", "This code is already used by")
        assert Standard.objects.count() == 2

    @pytest.mark.parametrize("written", ["t/cnesa 1006-2025", "T／CNESA １００６–2025"])
    def test_the_same_code_written_differently(self, client, standard_form, written):
        url, data = standard_form
        data["code"] = written
        response = client.post(url, data)
        assert_refused(
            response,
            "code",
            "This code is already used by “T/CNESA 1006—2025 General Specifications for "
            "Sodium Ion Batteries” (written differently).",
        )
        assert Standard.objects.count() == 2

    def test_a_code_too_long_once_normalized(self, client, standard_form):
        # NFKC spreads some characters over several: “㎏” is “kg”. Still fits as written.
        url, data = standard_form
        data["code"] = "T/" + "㎏" * 60
        assert_refused(client.post(url, data), "code", "at most 100 characters")
        assert Standard.objects.count() == 2

    def test_effective_date_before_publication(self, client, standard_form):
        url, data = standard_form
        data.update(published_on="2025-05-01", effective_on="2025-04-01")
        assert_refused(
            client.post(url, data),
            "__all__",
            "The effective date cannot be before the publication date.",
        )
        assert Standard.objects.count() == 2

    def test_bad_iso_stage(self, client, standard_form):
        url, data = standard_form
        data["iso_stage"] = "30.2"
        assert_refused(client.post(url, data), "iso_stage", "two pairs of digits")

    def test_a_good_batch_with_results_is_saved(self, client, batch_form):
        url, data, prefix = batch_form
        add_rows(
            data,
            prefix,
            [
                {"organization": str(make_organization().pk), "outcome": "passed", "order": "0"},
                {"organization": str(make_organization().pk), "outcome": "passed", "order": "1"},
            ],
        )
        response = client.post(url, data)
        assert response.status_code == 302, errors_of(response)
        batch = EvaluationBatch.objects.get(program__slug="sodium-ion-battery-evaluation", number=7)
        assert batch.slug == "sodium-ion-battery-evaluation-batch-7"
        assert batch.results.count() == 2

    def test_duplicate_batch_number_in_a_program(self, client, batch_form):
        url, data, _ = batch_form
        data["number"] = "6"
        response = client.post(url, data)
        # On the number itself, and not also on the slug the editor left empty.
        assert_refused(response, "number", "This program already has a batch with that number.")
        assert "slug" not in response.context["adminform"].form.errors
        assert EvaluationBatch.objects.count() == 3

    def test_duplicate_result_rows_in_the_results_inline(self, client, batch_form):
        url, data, prefix = batch_form
        organization = str(make_organization().pk)
        row = {
            "organization": organization,
            "product": "NaCR 32140",
            "outcome": "passed",
            "order": "0",
        }
        add_rows(data, prefix, [row, dict(row)])
        response = client.post(url, data)
        assert_refused(
            response,
            f"{prefix}:__all__",
            "Please correct the duplicate data for organization and product, which must be unique.",
        )
        assert EvaluationBatch.objects.count() == 3
        assert EvaluationResult.objects.count() == 9

    def test_a_result_row_duplicating_a_saved_one(self, client, content, staff):
        client.force_login(staff)
        batch = EvaluationBatch.objects.get(number=6)
        url = admin_url(EvaluationBatch, "change", batch.pk)
        page = client.get(url)
        prefix = inline_prefix(page, EvaluationResult)
        existing = batch.results.order_by("order").first()
        data = add_rows(
            submitted(page),
            prefix,
            [{"organization": str(existing.organization_id), "outcome": "passed", "order": "9"}],
        )
        response = client.post(url, data)
        assert_refused(
            response,
            f"{prefix}:__all__",
            "This batch already has a result for that organization and product.",
        )
        assert batch.results.count() == 3

    def test_a_withdrawal_reason_without_its_date(self, client, batch_form):
        url, data, prefix = batch_form
        add_rows(
            data,
            prefix,
            [
                {
                    "organization": str(make_organization().pk),
                    "outcome": "passed",
                    "withdrawal_reason": "Retested",
                    "order": "0",
                }
            ],
        )
        assert_refused(
            client.post(url, data),
            f"{prefix}:__all__",
            "Give the date of the withdrawal along with its reason.",
        )
        assert EvaluationBatch.objects.count() == 3

    def test_a_speaker_row_naming_nobody(self, client, content, staff):
        client.force_login(staff)
        talk = Talk.objects.filter(kind="keynote_report").get()
        url = admin_url(Talk, "change", talk.pk)
        page = client.get(url)
        prefix = inline_prefix(page, talk.speakers.model)
        data = add_rows(submitted(page), prefix, [{"position": "Professor", "order": "1"}])
        assert_refused(
            client.post(url, data), f"{prefix}:__all__", "Name a person, an organization, or both."
        )
        assert talk.speakers.count() == 1

    def test_an_organizer_listed_twice_in_the_same_role(self, client, content, staff):
        client.force_login(staff)
        forum = Forum.objects.get(slug="2025-weihai-sodium-ion-battery-forum")
        url = admin_url(Forum, "change", forum.pk)
        page = client.get(url)
        prefix = inline_prefix(page, OrganizerRole)
        host = forum.organizer_roles.get(role="host")
        data = add_rows(
            submitted(page),
            prefix,
            [{"organization": str(host.organization_id), "role": "host", "order": "5"}],
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert f"{prefix}:__all__" in errors_of(response)
        assert forum.organizer_roles.count() == 3

    def test_nul_characters_in_a_search_are_not_an_error(self, client, content, staff):
        client.force_login(staff)
        for model in [Forum, Standard, Organization, EvaluationResult]:
            response = client.get(admin_url(model, "changelist"), {"q": "sodium\x00"})
            assert response.status_code == 200
