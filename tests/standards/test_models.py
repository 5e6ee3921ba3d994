"""The domain model: constraints, standard codes, publishing and derived status."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Source, Visibility
from directory.models import Organization, OrganizationKind
from evaluations.models import EvaluationBatch, EvaluationResult, Outcome
from forums.models import Forum, OrganizerRole, OrganizerRoleKind, Talk, TalkSpeaker
from standards.codes import DASHES, Mandate, mandate_for_code, normalize_code
from standards.models import DraftingRole, Standard, StandardStatus
from tests.factories import (
    make_batch,
    make_forum,
    make_milestone,
    make_organization,
    make_person,
    make_program,
    make_result,
    make_series,
    make_session,
    make_standard,
    make_talk,
)

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["core", "directory", "forums", "standards", "evaluations"]


def refused_by_database(create):
    """Assert the database itself refuses the write (not just Python validation)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# --- Database constraints -------------------------------------------------------------


class TestStandardCodeConstraints:
    def test_the_same_code_twice_is_refused(self):
        make_standard(code="GB/T 44265-2024")
        refused_by_database(lambda: make_standard(code="GB/T 44265-2024"))
        assert Standard.objects.filter(code="GB/T 44265-2024").count() == 1

    @pytest.mark.parametrize(
        "written_differently",
        [
            "t/cnesa 1006-2025",  # case and hyphen-minus
            "T/CNESA 1006–2025",  # en dash
            "T／CNESA 1006—2025",  # full-width slash
            "T/CNESA １００６—２０２５",  # full-width digits
            "T/CNESA1006 — 2025",  # spacing moved
        ],
    )
    def test_the_same_code_written_differently_is_refused(self, written_differently):
        make_standard(code="T/CNESA 1006—2025")
        refused_by_database(lambda: make_standard(code=written_differently))
        assert Standard.objects.count() == 1

    def test_many_standards_may_still_lack_a_code(self):
        make_standard(code="")
        make_standard(code="")
        assert Standard.objects.filter(code="", code_normalized="").count() == 2

    def test_different_codes_coexist(self):
        make_standard(code="T/CNESA 1006—2025")
        make_standard(code="T/CNESA 1007—2025")
        assert Standard.objects.count() == 2

    def test_effective_date_before_publication_is_refused(self):
        refused_by_database(
            lambda: make_standard(
                published_on=datetime.date(2025, 5, 1), effective_on=datetime.date(2025, 4, 30)
            )
        )


class TestBatchAndResultConstraints:
    def test_batch_number_is_unique_within_its_program(self):
        program = make_program()
        make_batch(program=program, number=6)
        refused_by_database(lambda: make_batch(program=program, number=6))
        assert EvaluationBatch.objects.filter(program=program).count() == 1

    def test_the_same_number_in_another_program_is_allowed(self):
        # The sixth general batch and a sixth low-temperature batch are different batches.
        make_batch(program=make_program(), number=6)
        make_batch(program=make_program(), number=6)
        assert EvaluationBatch.objects.filter(number=6).count() == 2

    def test_one_result_per_organization_and_product_in_a_batch(self):
        batch, organization = make_batch(), make_organization()
        make_result(batch=batch, organization=organization, product="NaCR 32140")
        refused_by_database(
            lambda: make_result(batch=batch, organization=organization, product="NaCR 32140")
        )

    def test_one_organization_level_result_per_batch(self):
        batch, organization = make_batch(), make_organization()
        make_result(batch=batch, organization=organization)
        refused_by_database(lambda: make_result(batch=batch, organization=organization))
        assert EvaluationResult.objects.filter(batch=batch).count() == 1

    def test_an_organization_may_have_results_for_several_products_and_batches(self):
        organization = make_organization()
        batch = make_batch()
        make_result(batch=batch, organization=organization, product="Cell A")
        make_result(batch=batch, organization=organization, product="Cell B")
        make_result(batch=make_batch(), organization=organization, product="Cell A")
        assert organization.evaluation_results.count() == 3

    def test_a_withdrawal_reason_needs_its_date(self):
        refused_by_database(lambda: make_result(withdrawal_reason="Retested, did not pass"))
        withdrawn = make_result(
            withdrawal_reason="Retested", withdrawn_on=datetime.date(2025, 12, 1)
        )
        assert withdrawn.is_withdrawn


class TestForumConstraints:
    def test_end_date_before_start_date_is_refused(self):
        refused_by_database(
            lambda: make_forum(
                start_date=datetime.date(2025, 9, 25), end_date=datetime.date(2025, 9, 24)
            )
        )
        assert not Forum.objects.exists()

    def test_a_one_day_forum_may_end_on_its_start_date_or_have_no_end_date(self):
        make_forum(start_date=datetime.date(2025, 9, 25), end_date=datetime.date(2025, 9, 25))
        make_forum(start_date=datetime.date(2025, 9, 25), end_date=None)
        assert Forum.objects.count() == 2

    @pytest.mark.parametrize("field", ["attendees", "attending_organizations", "online_viewers"])
    def test_attendance_figures_cannot_be_negative(self, field):
        refused_by_database(lambda: make_forum(**{field: -1}))
        assert make_forum(**{field: 0}).pk

    def test_edition_number_is_unique_within_a_series(self):
        series = make_series()
        make_forum(series=series, edition_number=4)
        refused_by_database(lambda: make_forum(series=series, edition_number=4))
        # Unknown editions (no number) do not clash with each other.
        make_forum(series=series, edition_number=None)
        make_forum(series=series, edition_number=None)
        assert series.editions.count() == 3

    def test_slugs_are_unique(self):
        make_forum(slug="weihai-2025")
        refused_by_database(lambda: make_forum(slug="weihai-2025"))

    def test_an_organization_has_one_role_of_a_kind_per_forum(self):
        forum, organization = make_forum(), make_organization()
        OrganizerRole.objects.create(
            forum=forum, organization=organization, role=OrganizerRoleKind.HOST
        )
        refused_by_database(
            lambda: OrganizerRole.objects.create(
                forum=forum, organization=organization, role=OrganizerRoleKind.HOST
            )
        )

    def test_a_speaker_is_a_person_or_an_organization(self):
        talk = make_talk()
        refused_by_database(lambda: TalkSpeaker.objects.create(talk=talk))
        TalkSpeaker.objects.create(talk=talk, organization=make_organization())
        assert talk.speakers.count() == 1

    def test_a_person_speaks_once_per_talk(self):
        talk, person = make_talk(), make_person()
        TalkSpeaker.objects.create(talk=talk, person=person)
        refused_by_database(lambda: TalkSpeaker.objects.create(talk=talk, person=person))

    def test_a_drafter_is_listed_once_per_standard(self):
        standard, organization = make_standard(), make_organization()
        DraftingRole.objects.create(standard=standard, organization=organization)
        refused_by_database(
            lambda: DraftingRole.objects.create(standard=standard, organization=organization)
        )


def test_a_source_url_is_recorded_once_but_many_sources_may_lack_one():
    Source.objects.create(title="Article", url="https://example.com/a")
    refused_by_database(
        lambda: Source.objects.create(title="Same article", url="https://example.com/a")
    )
    Source.objects.create(title="A printed notice", url="")
    Source.objects.create(title="Another printed notice", url="")
    assert Source.objects.filter(url="").count() == 2


# --- Standard codes ----------------------------------------------------------------------


class TestNormalizeCode:
    @pytest.mark.parametrize(
        "written",
        [
            "T/CNESA 1006—2025",  # em dash, as the article writes it
            "T/CNESA 1006–2025",  # en dash
            "T/CNESA 1006-2025",  # hyphen-minus
            "t/cnesa 1006-2025",  # lower case
            "T／CNESA 1006—2025",  # full-width slash
            "Ｔ／ＣＮＥＳＡ　１００６－２０２５",  # full-width letters, digits, dash and space
            "T/CNESA １００６—２０２５",  # full-width digits only
            "  T / CNESA 1006 — 2025 ",  # extra and moved spacing
            "T/CNESA\t1006\u00a0—\n2025",  # tabs, no-break space, newline
        ],
    )
    def test_every_way_of_writing_the_code_folds_to_one_form(self, written):
        assert normalize_code(written) == "t/cnesa1006-2025"

    @pytest.mark.parametrize("dash", list(DASHES))
    def test_every_dash_kind_becomes_a_hyphen(self, dash):
        assert normalize_code(f"GB/T 44265{dash}2024") == "gb/t44265-2024"

    def test_different_codes_stay_different(self):
        assert normalize_code("T/CNESA 1006—2025") != normalize_code("T/CNESA 1006—2024")
        assert normalize_code("GB/T 1006") != normalize_code("GB/Z 1006")

    def test_empty_code_stays_empty(self):
        assert normalize_code("") == ""
        assert normalize_code("   ") == ""


class TestStoredCode:
    def test_code_is_kept_as_written_with_its_normalized_form_beside_it(self):
        standard = make_standard(code="T/CNESA 1006—2025")
        standard.refresh_from_db()
        assert standard.code == "T/CNESA 1006—2025"
        assert standard.code_normalized == "t/cnesa1006-2025"

    def test_lookup_by_the_normalized_form_finds_the_code_however_typed(self):
        standard = make_standard(code="T/CNESA 1006—2025")
        make_standard(code="T/CNESA 1007—2025")
        for typed in ["t/cnesa 1006-2025", "T／CNESA １００６–2025", "1006-2025", "t/cnesa 1006"]:
            found = Standard.objects.filter(code_normalized__contains=normalize_code(typed))
            assert list(found) == [standard], typed

    def test_changing_the_code_updates_the_normalized_form_even_with_update_fields(self):
        standard = make_standard(code="T/CNESA 1006—2025")
        standard.code = "GB/T 44265—2024"
        standard.save(update_fields=["code"])
        standard.refresh_from_db()
        assert standard.code_normalized == "gb/t44265-2024"

    def test_clean_reports_a_clash_written_differently_on_the_code_field(self):
        existing = make_standard(code="T/CNESA 1006—2025", title="General Specifications")
        clash = Standard(code="t/cnesa 1006-2025", title="Copy", slug="copy", level="group")
        with pytest.raises(ValidationError) as raised:
            clash.full_clean()
        assert "code" in raised.value.message_dict
        assert str(existing) in raised.value.message_dict["code"][0]

    def test_clean_accepts_the_standard_own_code_when_editing_it(self):
        standard = make_standard(code="T/CNESA 1006—2025")
        standard.code = "t/cnesa 1006-2025"
        standard.full_clean()
        standard.save()
        assert Standard.objects.get().code == "t/cnesa 1006-2025"


class TestMandate:
    @pytest.mark.parametrize(
        ("code", "mandate"),
        [
            ("GB 31241-2022", Mandate.MANDATORY),
            ("GB 38031—2025", Mandate.MANDATORY),
            ("GB/T 44265-2024", Mandate.RECOMMENDED),
            ("gb/t 44265-2024", Mandate.RECOMMENDED),
            ("ＧＢ／Ｔ 44265—2024", Mandate.RECOMMENDED),
            ("GB/Z 42288-2022", Mandate.GUIDANCE),
            ("T/CNESA 1006—2025", Mandate.GROUP),
            ("T／CIAPS 0012-2022", Mandate.GROUP),
            ("IEC 62660-1:2018", Mandate.INTERNATIONAL),
            ("IEC/TS 63193", Mandate.INTERNATIONAL),
            ("ISO 12405-4:2018", Mandate.INTERNATIONAL),
            ("QC/T 1234-2025", Mandate.INDUSTRY),
            ("SJ/T 11796-2022", Mandate.INDUSTRY),
            ("DB37/T 4567-2023", Mandate.LOCAL),
            ("Q/HN 001-2024", Mandate.ENTERPRISE),
            ("", ""),
            ("Draft 3", ""),
        ],
    )
    def test_mandate_follows_the_code(self, code, mandate):
        assert mandate_for_code(code) == mandate

    def test_the_standard_reports_the_mandate_of_its_code(self):
        assert make_standard(code="GB/T 44265-2024").mandate == Mandate.RECOMMENDED
        assert make_standard(code="").mandate == ""


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


class TestChildrenFollowTheirParent:
    def test_sessions_talks_roles_and_speakers_follow_their_forum(self):
        forum = make_forum(published=False)
        session = make_session(forum=forum)
        talk = make_talk(session=session, speaker=make_person())
        role = OrganizerRole.objects.create(
            forum=forum, organization=make_organization(), role=OrganizerRoleKind.HOST
        )
        children = [session, talk, talk.speakers.get(), role]
        assert not any(child.is_public for child in children)

        forum.visibility = Visibility.PUBLIC
        forum.save()
        for child in children:
            child.refresh_from_db()
        assert all(child.is_public for child in children)

    def test_results_follow_their_batch(self):
        result = make_result(batch=make_batch(published=False))
        assert not result.is_public
        batch = result.batch
        batch.visibility = Visibility.PUBLIC
        batch.save()
        result.refresh_from_db()
        assert result.is_public

    def test_milestones_and_drafters_follow_their_standard(self):
        standard = make_standard(published=False)
        milestone = make_milestone(standard=standard)
        drafter = DraftingRole.objects.create(standard=standard, organization=make_organization())
        assert not milestone.is_public
        assert not drafter.is_public
        standard.visibility = Visibility.PUBLIC
        standard.save()
        milestone.refresh_from_db()
        drafter.refresh_from_db()
        assert milestone.is_public
        assert drafter.is_public


# --- Standard lifecycle ----------------------------------------------------------------------


class TestToBeImplemented:
    def today(self):
        return timezone.localdate()

    def test_published_with_an_effective_date_ahead_is_to_be_implemented(self):
        standard = make_standard(
            status=StandardStatus.PUBLISHED,
            published_on=self.today() - datetime.timedelta(days=30),
            effective_on=self.today() + datetime.timedelta(days=1),
        )
        assert standard.is_to_be_implemented
        assert standard.status_label == "To be implemented"

    @pytest.mark.parametrize("days_ahead", [0, -1, None])
    def test_not_once_the_effective_date_has_come_or_when_unknown(self, days_ahead):
        effective_on = None if days_ahead is None else self.today() + datetime.timedelta(days_ahead)
        standard = make_standard(status=StandardStatus.PUBLISHED, effective_on=effective_on)
        assert not standard.is_to_be_implemented
        assert standard.status_label == "Published"

    @pytest.mark.parametrize(
        "status", [StandardStatus.DRAFTING, StandardStatus.IN_FORCE, StandardStatus.WITHDRAWN]
    )
    def test_only_a_published_standard_can_be_to_be_implemented(self, status):
        standard = make_standard(
            status=status, effective_on=self.today() + datetime.timedelta(days=90)
        )
        assert not standard.is_to_be_implemented
        assert standard.status_label == standard.get_status_display()


class TestSyncStatusFromMilestones:
    def test_the_latest_dated_milestone_sets_the_status_whatever_the_entry_order(self):
        standard = make_standard(status=StandardStatus.PROPOSED)
        # Entered out of order: the later date wins, not the later entry.
        make_milestone(
            standard=standard, status=StandardStatus.PUBLIC_COMMENT, date=datetime.date(2025, 6, 1)
        )
        make_milestone(
            standard=standard,
            status=StandardStatus.PROJECT_APPROVED,
            date=datetime.date(2025, 1, 10),
        )
        standard.sync_status_from_milestones()
        standard.refresh_from_db()
        assert standard.status == StandardStatus.PUBLIC_COMMENT

    def test_on_the_same_date_the_later_entry_wins(self):
        standard = make_standard(status=StandardStatus.PROPOSED)
        day = datetime.date(2025, 9, 1)
        make_milestone(standard=standard, status=StandardStatus.SUBMITTED, date=day)
        make_milestone(standard=standard, status=StandardStatus.PUBLISHED, date=day)
        standard.sync_status_from_milestones()
        standard.refresh_from_db()
        assert standard.status == StandardStatus.PUBLISHED

    def test_without_milestones_or_change_nothing_is_saved(self):
        standard = make_standard(status=StandardStatus.DRAFTING)
        stamp = Standard.objects.get(pk=standard.pk).updated_at
        standard.sync_status_from_milestones()
        make_milestone(standard=standard, status=StandardStatus.DRAFTING)
        standard.sync_status_from_milestones()
        standard.refresh_from_db()
        assert standard.status == StandardStatus.DRAFTING
        assert standard.updated_at == stamp


# --- Records: names, links, slugs ------------------------------------------------------------


class TestRecords:
    def test_names_read_as_people_write_them(self):
        organization = make_organization(name="SAI Laboratory")
        standard = make_standard(code="T/CNESA 1006—2025", title="General Specifications")
        program = make_program(name="Low-temperature performance evaluation")
        batch = make_batch(program=program, number=1)
        assert str(organization) == "SAI Laboratory"
        assert str(standard) == "T/CNESA 1006—2025 General Specifications"
        assert str(make_standard(code="", title="Untitled draft")) == "Untitled draft"
        assert str(batch) == "Low-temperature performance evaluation — batch 1"
        assert str(make_result(batch=batch, organization=organization)) == "SAI Laboratory: Passed"
        assert (
            str(
                make_result(
                    batch=batch, organization=organization, outcome=Outcome.FAILED, product="Cell X"
                )
            )
            == "SAI Laboratory — Cell X: Did not pass"
        )
        role = OrganizerRole.objects.create(
            forum=make_forum(), organization=organization, role=OrganizerRoleKind.CO_ORGANIZER
        )
        assert str(role) == "SAI Laboratory — Co-organizer"

    def test_public_records_link_to_their_pages(self):
        organization = make_organization(slug="sai-laboratory")
        person = make_person(slug="li-jinghong")
        forum = make_forum(slug="weihai-2025")
        standard = make_standard(slug="t-cnesa-1006-2025")
        batch = make_batch(program=make_program(slug="low-temperature"), number=1)
        session = make_session(forum=forum)
        talk = make_talk(session=session)
        result = make_result(batch=batch)
        assert organization.get_absolute_url() == "/organizations/sai-laboratory/"
        assert person.get_absolute_url() == "/people/li-jinghong/"
        assert forum.get_absolute_url() == "/forums/weihai-2025/"
        assert standard.get_absolute_url() == "/standards/t-cnesa-1006-2025/"
        assert batch.get_absolute_url() == "/evaluations/low-temperature-batch-1/"
        assert session.get_absolute_url() == f"/forums/weihai-2025/#session-{session.pk}"
        assert talk.get_absolute_url() == f"/forums/weihai-2025/#talk-{talk.pk}"
        assert result.get_absolute_url() == (
            f"/evaluations/low-temperature-batch-1/#result-{result.pk}"
        )

    def test_a_batch_without_a_slug_gets_one_from_its_program_and_number(self):
        batch = EvaluationBatch.objects.create(
            program=make_program(slug="sodium-ion-battery-evaluation"), number=6
        )
        assert batch.slug == "sodium-ion-battery-evaluation-batch-6"

    def test_a_talk_under_a_session_belongs_to_its_forum(self):
        session = make_session()
        talk = Talk.objects.create(session=session, title="Keynote")
        assert talk.forum == session.forum

    def test_a_talk_cannot_sit_in_another_forum_session(self):
        talk = make_talk(forum=make_forum())
        talk.session = make_session(forum=make_forum())
        with pytest.raises(ValidationError) as raised:
            talk.full_clean()
        assert "session" in raised.value.message_dict

    def test_aliases_are_one_per_line(self):
        organization = make_organization(aliases="SAI Laboratory\n\n  CESI SAI  \n")
        assert organization.alias_list == ["SAI Laboratory", "CESI SAI"]

    def test_kinds_and_statuses_are_labelled_choices(self):
        organization = make_organization(kind=OrganizationKind.LABORATORY)
        assert organization.get_kind_display() == "Laboratory"
        assert make_standard(status=StandardStatus.SUBMITTED).get_status_display() == (
            "Submitted for approval"
        )
        assert Organization._meta.get_field("kind").choices == OrganizationKind.choices

    def test_every_content_model_has_a_readable_name(self, demo):
        """No record shows as “Model object (1)” in the admin, lists or CSV."""
        standard = Standard.objects.get(slug="t-cnesa-1006-2025")
        make_milestone(standard=standard)
        DraftingRole.objects.create(standard=standard, organization=Organization.objects.first())
        for app_label in CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                if hasattr(model, "instance_type"):  # a record's history, not a record
                    continue
                obj = model.objects.first()
                assert obj is not None, f"the demo has no {model.__name__}"
                assert "object (" not in str(obj), model.__name__
                assert str(obj).strip(), model.__name__
