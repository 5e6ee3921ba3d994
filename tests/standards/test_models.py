"""Standards: their codes stored and kept unique however written, drafters, visibility,
the derived “to be implemented” status and the status kept from milestones."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import Visibility
from standards.codes import normalize_code
from standards.models import DraftingRole, Standard, StandardStatus
from tests.directory.factories import make_organization
from tests.standards.factories import make_milestone, make_standard
from tests.support import refused_by_database

pytestmark = pytest.mark.django_db


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


class TestDrafterConstraints:
    def test_a_drafter_is_listed_once_per_standard(self):
        standard, organization = make_standard(), make_organization()
        DraftingRole.objects.create(standard=standard, organization=organization)
        refused_by_database(
            lambda: DraftingRole.objects.create(standard=standard, organization=organization)
        )


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


class TestChildrenFollowTheirParent:
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


class TestRecords:
    def test_names_read_as_people_write_them(self):
        standard = make_standard(code="T/CNESA 1006—2025", title="General Specifications")
        assert str(standard) == "T/CNESA 1006—2025 General Specifications"
        assert str(make_standard(code="", title="Untitled draft")) == "Untitled draft"

    def test_public_records_link_to_their_pages(self):
        standard = make_standard(slug="t-cnesa-1006-2025")
        assert standard.get_absolute_url() == "/standards/t-cnesa-1006-2025/"

    def test_statuses_are_labelled_choices(self):
        assert make_standard(status=StandardStatus.SUBMITTED).get_status_display() == (
            "Submitted for approval"
        )
