"""What the admin tests of every app share: the registered models, the demo content with
a second record of each kind, and forms submitted as a browser submits them.

Its fixtures (`content`, `superuser`, `staff`) are loaded for the whole suite by
tests/conftest.py.
"""

import datetime
import importlib

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils.html import escape

from core.models import Source
from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationResult
from forums.models import Forum, Session
from standards.models import (
    Committee,
    DraftingRole,
    Standard,
    StandardStatus,
    StatusMilestone,
)
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch
from tests.forums.factories import make_forum
from tests.standards.factories import make_standard

CONTENT_APPS = {"core", "directory", "forums", "standards", "evaluations"}


def editor_group() -> Group:
    """The Editor group as core's migration makes it (core/migrations/0002_editor_group.py).

    A transactional test (the browser tests, the backup test) empties the database, the
    migration's rows included. Spread over xdist workers, other tests can run after it
    in the same process: they find the group made again, with the same permissions.
    """
    migration = importlib.import_module("core.migrations.0002_editor_group")
    group, created = Group.objects.get_or_create(name=migration.EDITOR_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=migration.CONTENT_APPS,
                codename__regex=r"^(add|change|delete|view)_",
            )
        )
    return group


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


class AdminSearch:
    """What a changelist search finds, for the per-app search tests."""

    def search(self, client, model, term):
        response = client.get(admin_url(model, "changelist"), {"q": term})
        assert response.status_code == 200
        return list(response.context["cl"].result_list)


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
