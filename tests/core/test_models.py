"""The base every content model stands on (core.models): sources, the publishable base
(public() and visible_to(), made_public_at), and readable names for every record."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from core.models import Source, Visibility
from directory.models import Organization
from forums.models import Forum
from standards.models import DraftingRole, Standard
from tests.evaluations.factories import make_batch
from tests.forums.factories import make_forum, make_series
from tests.standards.factories import make_milestone, make_standard
from tests.support import refused_by_database

pytestmark = pytest.mark.django_db


CONTENT_APPS = ["core", "directory", "forums", "standards", "evaluations"]


def test_a_source_url_is_recorded_once_but_many_sources_may_lack_one():
    Source.objects.create(title="Article", url="https://example.com/a")
    refused_by_database(
        lambda: Source.objects.create(title="Same article", url="https://example.com/a")
    )
    Source.objects.create(title="A printed notice", url="")
    Source.objects.create(title="Another printed notice", url="")
    assert Source.objects.filter(url="").count() == 2


# --- Publishing ---------------------------------------------------------------------------


PUBLISHABLE_BUILDERS = {
    "forum": make_forum,
    "standard": make_standard,
    "batch": make_batch,
}


@pytest.fixture(params=PUBLISHABLE_BUILDERS)
def build(request):
    return PUBLISHABLE_BUILDERS[request.param]


class TestPublished:
    def test_published_leaves_drafts_out(self, build):
        published, draft = build(published=True), build(published=False)
        model = type(published)
        assert list(model.objects.public()) == [published]
        assert draft in model.objects.all()

    def test_anonymous_and_ordinary_users_see_published_records_only(
        self, build, django_user_model
    ):
        published = build(published=True)
        build(published=False)
        model = type(published)
        reader = django_user_model.objects.create_user("reader", password="x")
        assert list(model.objects.visible_to(AnonymousUser())) == [published]
        assert list(model.objects.visible_to(reader)) == [published]

    def test_active_staff_preview_drafts_but_inactive_staff_do_not(self, build, django_user_model):
        published, draft = build(published=True), build(published=False)
        model = type(published)
        staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
        gone = django_user_model.objects.create_user(
            "gone", password="x", is_staff=True, is_active=False
        )
        assert set(model.objects.visible_to(staff)) == {published, draft}
        assert list(model.objects.visible_to(gone)) == [published]

    def test_published_combines_with_other_filters(self):
        kept = make_forum(city="Weihai")
        make_forum(city="Weihai", published=False)
        make_forum(city="Beijing")
        assert list(Forum.objects.filter(city="Weihai").public()) == [kept]

    def test_drafts_are_the_default(self):
        forum = Forum.objects.create(
            series=make_series(), title="New", slug="new", start_date=datetime.date(2026, 1, 1)
        )
        assert forum.visibility == Visibility.DRAFT
        assert not forum.is_public
        assert forum.made_public_at is None


class TestPublishedAt:
    def test_stamped_when_first_published_and_kept_after_unpublish_and_republish(self, build):
        record = build(published=False)
        assert record.made_public_at is None

        before = timezone.now()
        record.visibility = Visibility.PUBLIC
        record.save()
        record.refresh_from_db()
        first = record.made_public_at
        assert first is not None
        assert before <= first <= timezone.now()

        record.visibility = Visibility.DRAFT
        record.save()
        record.refresh_from_db()
        assert record.made_public_at == first
        assert record.visibility == Visibility.DRAFT

        record.visibility = Visibility.PUBLIC
        record.save()
        record.refresh_from_db()
        assert record.made_public_at == first

    def test_stamped_when_created_published(self, build):
        assert build(published=True).made_public_at is not None

    def test_stamped_when_saving_only_the_status(self, build):
        # The admin's publish action saves with update_fields; the stamp must reach the row.
        record = build(published=False)
        record.visibility = Visibility.PUBLIC
        record.save(update_fields=["visibility"])
        record.refresh_from_db()
        assert record.made_public_at is not None


# --- Records: names ---------------------------------------------------------------------------


class TestRecords:
    def test_every_content_model_has_a_readable_name(self, demo):
        """No record shows as “Model object (1)” in the admin, lists or CSV."""
        standard = Standard.objects.get(slug="t-cnesa-1006-2025")
        make_milestone(standard=standard)
        DraftingRole.objects.create(standard=standard, organization=Organization.objects.first())
        standard.slug = "t-cnesa-1006-2025-renamed"  # leaves a SlugRedirect behind
        standard.save()
        for app_label in CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                if hasattr(model, "instance_type"):  # a record's history, not a record
                    continue
                obj = model.objects.first()
                assert obj is not None, f"the demo has no {model.__name__}"
                assert "object (" not in str(obj), model.__name__
                assert str(obj).strip(), model.__name__
