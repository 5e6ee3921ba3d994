"""What was ever public is deleted by superusers only, whatever its state now.

Readers may have cited it; taking it back to draft first must not open a way to
delete it. Its parts (a forum's sessions, a standard's milestones, a batch's results)
share its past.
"""

import pytest

from core.models import Visibility
from forums.models import Session
from tests.directory.factories import make_person
from tests.forums.factories import make_forum, make_session, make_talk
from tests.security.admin_pages import (
    PUBLISHABLE,
    admin_url,
    inline_prefix,
    parts_of,
    record_with_part,
    run_action,
    submitted,
)

pytestmark = pytest.mark.django_db


def label(model) -> str:
    return model._meta.label_lower


def unpublished(client, model, *, user):
    """A record published, then returned to draft through the admin's action."""
    record = record_with_part(model, published=True)
    client.force_login(user)
    assert run_action(client, model, "unpublish", [record]).status_code == 302
    record.refresh_from_db()
    assert record.visibility == Visibility.DRAFT
    assert record.was_ever_public
    return record


@pytest.mark.parametrize("model", PUBLISHABLE, ids=label)
class TestUnpublishThenDelete:
    def test_an_editor_cannot_delete_it(self, client, editor, model):
        record = unpublished(client, model, user=editor)
        url = admin_url(model, "delete", record.pk)
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=record.pk).exists()
        assert parts_of(record).count() == 1

    def test_nor_with_the_changelist_delete_action(self, client, editor, model):
        record = unpublished(client, model, user=editor)
        never_public = record_with_part(model, published=False)
        confirmation = run_action(client, model, "delete_selected", [record, never_public])
        assert confirmation.status_code == 200
        assert "permission to delete" in confirmation.content.decode()
        deleting = run_action(client, model, "delete_selected", [record, never_public], post="yes")
        assert deleting.status_code == 403
        assert model.objects.filter(pk__in=[record.pk, never_public.pk]).count() == 2

    def test_its_parts_cannot_be_deleted_from_its_form(self, client, editor, model):
        record = unpublished(client, model, user=editor)
        url = admin_url(model, "change", record.pk)
        page = client.get(url)
        assert not any(
            inline.formset.can_delete for inline in page.context["inline_admin_formsets"]
        )
        # Ticking a delete box the page does not show changes nothing either.
        data = submitted(page)
        part = parts_of(record).get()
        data[f"{inline_prefix(page, type(part))}-0-DELETE"] = "on"
        assert client.post(url, data).status_code == 302
        assert parts_of(record).filter(pk=part.pk).exists()

    def test_a_superuser_can_delete_it(self, client, admin_user, model):
        record = unpublished(client, model, user=admin_user)
        response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not model.objects.filter(pk=record.pk).exists()

    def test_a_draft_never_public_is_still_the_editors_to_delete(self, client, editor, model):
        draft = record_with_part(model, published=False)
        client.force_login(editor)
        assert not draft.was_ever_public
        response = client.post(admin_url(model, "delete", draft.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not model.objects.filter(pk=draft.pk).exists()


def test_a_session_of_a_forum_once_public_is_kept_from_editors(client, editor, admin_user):
    forum = make_forum(published=True)
    session = make_session(forum=forum)
    talk = make_talk(forum=forum, session=session)
    forum.visibility = Visibility.DRAFT
    forum.save()
    client.force_login(editor)

    assert client.post(admin_url(Session, "delete", session.pk), {"post": "yes"}).status_code == 403
    # The session's own talks inline: no delete box for an editor, one for a superuser.
    page = client.get(admin_url(Session, "change", session.pk))
    assert not any(inline.formset.can_delete for inline in page.context["inline_admin_formsets"])
    assert Session.objects.filter(pk=session.pk).exists()
    assert session.talks.filter(pk=talk.pk).exists()

    client.force_login(admin_user)
    page = client.get(admin_url(Session, "change", session.pk))
    assert all(inline.formset.can_delete for inline in page.context["inline_admin_formsets"])
    assert client.post(admin_url(Session, "delete", session.pk), {"post": "yes"}).status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


def test_a_child_reaches_the_record_it_takes_its_visibility_from():
    forum = make_forum(published=False)
    speaker = make_talk(forum=forum, speaker=make_person()).speakers.get()
    assert speaker.visibility_owner() == forum
    assert forum.visibility_owner() == forum
    assert not speaker.was_ever_public
    forum.visibility = Visibility.PUBLIC
    forum.save()
    forum.visibility = Visibility.DRAFT
    forum.save()
    speaker = type(speaker).objects.get(pk=speaker.pk)
    assert not speaker.is_public
    assert speaker.was_ever_public
