"""No lost updates in the admin: a form saved over a newer version is refused.

Every content row carries a revision that each save moves on; a change form carries
the revision it was loaded from, and its save is one UPDATE limited to that revision.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext

from core.models import RevisionConflict, Source, Visibility
from forums.models import Forum, Session
from standards.models import Standard, StandardStatus
from tests.forums.factories import make_forum, make_session
from tests.security.admin_pages import admin_url, inline_prefix, run_action, submitted
from tests.standards.factories import make_milestone, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(django_user_model, editor):
    other = django_user_model.objects.create_user("second", password="x", is_staff=True)
    other.groups.set(editor.groups.all())
    return other


@pytest.fixture
def forum():
    forum = make_forum(title="Weihai forum", city="Weihai")
    make_session(forum=forum, title="Opening ceremony")
    return forum


def opened(client, user, record):
    """The record's change form as this user's browser has it: url and form data."""
    client.force_login(user)
    url = admin_url(type(record), "change", record.pk)
    page = client.get(url)
    assert page.status_code == 200
    return url, submitted(page), page


def conflict_messages(response) -> list[str]:
    assert response.status_code == 200, "refused: the form is shown again"
    return list(response.context["adminform"].form.non_field_errors())


class TestTwoEditorsOneForm:
    def test_the_second_is_told_what_changed_and_the_first_edit_survives(
        self, client, editor, second_editor, forum
    ):
        url, first, _ = opened(client, editor, forum)
        _, second, _ = opened(client, second_editor, forum)

        client.force_login(editor)
        first["title"] = "Weihai forum, 4th edition"
        assert client.post(url, first).status_code == 302

        client.force_login(second_editor)
        second["city"] = "Qingdao"
        response = client.post(url, second)

        messages = conflict_messages(response)
        assert messages[0].startswith("Someone else saved this forum after you opened it")
        assert "Nothing was saved." in messages[0]
        assert "Title: stored now “Weihai forum, 4th edition”, yours “Weihai forum”." in messages
        assert not any(message.startswith("City:") for message in messages)
        assert "Title: stored now" in response.content.decode()
        forum.refresh_from_db()
        assert (forum.title, forum.city) == ("Weihai forum, 4th edition", "Weihai")

    def test_saving_again_after_reading_the_differences_keeps_the_second_editors_values(
        self, client, editor, second_editor, forum
    ):
        url, first, _ = opened(client, editor, forum)
        _, second, _ = opened(client, second_editor, forum)
        client.force_login(editor)
        first["title"] = "Weihai forum, 4th edition"
        client.post(url, first)

        client.force_login(second_editor)
        second["city"] = "Qingdao"
        refused = client.post(url, second)
        assert refused.status_code == 200
        again = submitted(refused)
        again["title"] = "Weihai forum, 4th edition"  # the editor takes the newer title
        assert client.post(url, again).status_code == 302
        forum.refresh_from_db()
        assert (forum.title, forum.city) == ("Weihai forum, 4th edition", "Qingdao")

    def test_a_change_made_only_in_the_parts_is_reported_too(
        self, client, editor, second_editor, forum
    ):
        url, first, page = opened(client, editor, forum)
        _, second, _ = opened(client, second_editor, forum)
        client.force_login(editor)
        first[f"{inline_prefix(page, Session)}-0-title"] = "Opening"
        assert client.post(url, first).status_code == 302

        client.force_login(second_editor)
        second["city"] = "Qingdao"
        messages = conflict_messages(client.post(url, second))
        assert "Forum's own fields are as you saw them: the change was in its parts." in messages
        forum.refresh_from_db()
        assert forum.city == "Weihai"
        assert forum.sessions.get().title == "Opening"

    def test_a_row_of_the_inline_saved_elsewhere_meanwhile_is_refused(
        self, client, editor, second_editor, forum
    ):
        session = forum.sessions.get()
        url, form, page = opened(client, second_editor, forum)
        # Meanwhile the first editor renames the session on its own page.
        session_url, session_form, _ = opened(client, editor, session)
        session_form["title"] = "Opening ceremony and keynote"
        assert client.post(session_url, session_form).status_code == 302

        client.force_login(second_editor)
        prefix = inline_prefix(page, Session)
        form[f"{prefix}-0-title"] = "Opening session"
        response = client.post(url, form)
        assert response.status_code == 200
        row_errors = [
            str(error)
            for inline in response.context["inline_admin_formsets"]
            for row in inline.formset.forms
            for error in row.non_field_errors()
        ]
        assert (
            "Title: stored now “Opening ceremony and keynote”, yours “Opening session”."
            in row_errors
        )
        assert forum.sessions.get().title == "Opening ceremony and keynote"


class TestOrdinaryEditing:
    def test_a_single_edit_saves_and_moves_the_revision_on(self, client, editor, forum):
        url, form, _ = opened(client, editor, forum)
        before = forum.revision
        form["title"] = "Weihai forum, 4th edition"
        assert client.post(url, form).status_code == 302
        forum.refresh_from_db()
        assert forum.title == "Weihai forum, 4th edition"
        assert forum.revision == before + 1
        # Opened again, the form starts from the new revision and saves again.
        url, form, _ = opened(client, editor, forum)
        form["city"] = "Qingdao"
        assert client.post(url, form).status_code == 302
        forum.refresh_from_db()
        assert (forum.title, forum.city) == ("Weihai forum, 4th edition", "Qingdao")

    def test_an_inline_only_change_saves(self, client, editor, forum):
        url, form, page = opened(client, editor, forum)
        form[f"{inline_prefix(page, Session)}-0-title"] = "Opening"
        assert client.post(url, form).status_code == 302
        assert forum.sessions.get().title == "Opening"

    def test_a_new_record_with_parts_is_added(self, client, editor):
        client.force_login(editor)
        page = client.get(admin_url(Standard, "add"))
        data = submitted(page)
        data.update(code="T/CNESA 1009—2026", title="New", slug="t-cnesa-1009-2026")
        data.update(level="group", status="drafting")
        response = client.post(admin_url(Standard, "add"), data)
        assert response.status_code == 302
        assert Standard.objects.get(slug="t-cnesa-1009-2026").revision == 0

    def test_a_standard_whose_status_follows_its_milestones_saves_twice_cleanly(
        self, client, editor
    ):
        standard = make_standard(status=StandardStatus.DRAFTING)
        make_milestone(standard=standard, status=StandardStatus.PUBLIC_COMMENT)
        url, form, _ = opened(client, editor, standard)
        form["title"] = "Renamed"
        assert client.post(url, form).status_code == 302
        standard.refresh_from_db()
        assert (standard.title, standard.status) == ("Renamed", StandardStatus.PUBLIC_COMMENT)

    def test_publishing_from_the_changelist_makes_an_open_form_stale(
        self, client, editor, second_editor
    ):
        draft = make_forum(published=False, title="Draft forum")
        url, form, _ = opened(client, second_editor, draft)
        client.force_login(editor)
        run_action(client, Forum, "publish", [draft])
        draft.refresh_from_db()
        assert draft.visibility == Visibility.PUBLIC
        assert draft.revision == 1

        client.force_login(second_editor)
        form["title"] = "Draft forum, renamed"
        messages = conflict_messages(client.post(url, form))
        assert "Visibility: stored now “Public”, yours “Draft”." in messages
        draft.refresh_from_db()
        assert (draft.title, draft.visibility) == ("Draft forum", Visibility.PUBLIC)


class TestHistory:
    def test_each_version_keeps_its_revision_and_a_revert_still_works(self, client, editor, forum):
        url, form, _ = opened(client, editor, forum)
        form["title"] = "A mistaken title"
        assert client.post(url, form).status_code == 302
        assert list(forum.history.order_by("history_date").values_list("revision", "title")) == [
            (0, "Weihai forum"),
            (1, "A mistaken title"),
        ]
        earlier = forum.history.get(revision=0)
        revert_url = admin_url(Forum, "simple_history", forum.pk, earlier.history_id)
        revert = client.get(revert_url)
        assert revert.context["adminform"].form["revision"].value() == 1, "the stored revision"
        assert client.post(revert_url, submitted(revert)).status_code == 302
        forum.refresh_from_db()
        assert (forum.title, forum.revision) == ("Weihai forum", 2)

    def test_a_revert_over_a_newer_save_is_refused(self, client, editor, forum):
        url, form, _ = opened(client, editor, forum)
        form["title"] = "A mistaken title"
        client.post(url, form)
        earlier = forum.history.get(revision=0)
        revert_url = admin_url(Forum, "simple_history", forum.pk, earlier.history_id)
        revert = submitted(client.get(revert_url))
        url, form, _ = opened(client, editor, forum)
        form["city"] = "Qingdao"
        client.post(url, form)

        response = client.post(revert_url, revert)
        assert response.status_code == 200
        assert "City: stored now “Qingdao”, yours “Weihai”." in list(
            response.context["adminform"].form.non_field_errors()
        )
        forum.refresh_from_db()
        assert (forum.title, forum.city) == ("A mistaken title", "Qingdao")


class TestTheGuardedUpdate:
    def test_a_stale_save_is_one_update_that_writes_nothing(self, forum):
        stale = Forum.objects.get(pk=forum.pk)
        Forum.objects.get(pk=forum.pk).save()  # someone else's save: revision 1
        stale.title = "Overwritten"
        stale.expect_revision(0)
        with (
            CaptureQueriesContext(connection) as queries,
            pytest.raises(RevisionConflict),
            transaction.atomic(),  # the failed save leaves the test's transaction usable
        ):
            stale.save()
        updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
        assert len(updates) == 1, updates
        where = updates[0].split(" WHERE ")[1]
        assert f'"id" = {forum.pk}' in where
        assert '"revision" = 0' in where
        forum.refresh_from_db()
        assert (forum.title, forum.revision) == ("Weihai forum", 1)

    def test_saves_without_a_form_still_move_the_revision_on(self, forum):
        stale = Forum.objects.get(pk=forum.pk)
        Forum.objects.get(pk=forum.pk).save()
        stale.save()  # no expectation: counted by the database, not from the stale copy
        stale.save(update_fields=["title"])
        forum.refresh_from_db()
        assert forum.revision == stale.revision == 3


@pytest.mark.django_db(transaction=True)
def test_a_save_that_loses_the_race_after_its_check_is_refused_too(client, editor, forum, request):
    """Someone else commits between the form's check and its UPDATE (PostgreSQL, where
    a second connection can commit while the admin's transaction is open)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time: a racing save fails as 'locked'")
    url, form, _ = opened(client, editor, forum)

    def commit_elsewhere():
        Forum.objects.filter(pk=forum.pk).update(
            title="Saved meanwhile", revision=F("revision") + 1
        )
        connections.close_all()

    def race(sender, instance, **kwargs):
        if instance.pk == forum.pk and instance.title == "Mine":
            pre_save.disconnect(race, sender=Forum)
            other = threading.Thread(target=commit_elsewhere)
            other.start()
            other.join()

    pre_save.connect(race, sender=Forum)
    request.addfinalizer(lambda: pre_save.disconnect(race, sender=Forum))
    form["title"] = "Mine"
    response = client.post(url, form)
    assert "Title: stored now “Saved meanwhile”, yours “Mine”." in conflict_messages(response)
    forum.refresh_from_db()
    assert forum.title == "Saved meanwhile"


def test_the_revision_is_no_column_of_an_export(admin_client):
    Source.objects.create(title="Notice")
    response = admin_client.get("/admin/core/source/export-csv/")
    header = b"".join(response.streaming_content).decode("utf-8").splitlines()[0]
    assert "Title" in header
    assert "Revision" not in header
