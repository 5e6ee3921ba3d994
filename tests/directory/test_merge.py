"""Merging duplicate organizations: everything moves to the survivor, in one transaction."""

import pytest
from django.db import IntegrityError

from directory.models import Organization
from directory.services import organization_merge, organization_merge_plan
from evaluations.models import EvaluationResult
from forums.models import OrganizerRole, PersonRole, TalkSpeaker
from standards.models import DraftingRole
from tests.admin_support import admin_url
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result
from tests.forums.factories import (
    make_forum,
    make_organizer_role,
    make_person_role,
    make_session,
    make_speaker,
)
from tests.standards.factories import make_committee, make_drafting_role, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    survivor = make_organization(
        name="Shanxi Huana Xinneng Technology Co., Ltd.", slug="shanxi-huana", aliases="Huana"
    )
    duplicate = make_organization(
        name="Huana Xinneng",
        native_name="华纳新能",
        slug="huana-xinneng",
        region="Shanxi, China",
        aliases="Huana New Energy\nhuana",
    )
    return survivor, duplicate


def everything_held_by(organization):
    """One row of every kind that can name an organization."""
    session = make_session()
    session.organizations.add(organization)
    return {
        "result": make_result(organization=organization),
        "speaker": make_speaker(organization=organization),
        "organizer_role": make_organizer_role(organization=organization),
        "person_role": make_person_role(organization=organization),
        "drafting_role": make_drafting_role(organization=organization),
        "convened": make_session(convened_by=organization),
        "session": session,
        "committee": make_committee(organization=organization),
        "operated": make_program(operator=organization),
        "tested": make_program(laboratory=organization),
        "child": make_organization(parent=organization),
        "issued": make_standard(issuing_body=organization),
    }


def test_every_reference_moves_to_the_survivor_and_the_duplicate_is_gone(pair):
    survivor, duplicate = pair
    held = everything_held_by(duplicate)

    organization_merge(survivor=survivor, merged=[duplicate])

    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    for row in held.values():
        row.refresh_from_db()
    assert held["result"].organization == survivor
    assert held["speaker"].organization == survivor
    assert held["organizer_role"].organization == survivor
    assert held["person_role"].organization == survivor
    assert held["drafting_role"].organization == survivor
    assert held["convened"].convened_by == survivor
    assert list(held["session"].organizations.all()) == [survivor]
    assert held["committee"].organization == survivor
    assert held["operated"].operator == survivor
    assert held["tested"].laboratory == survivor
    assert held["child"].parent == survivor
    assert held["issued"].issuing_body == survivor


def test_the_other_names_become_aliases_and_empty_fields_are_filled(pair):
    survivor, duplicate = pair

    organization_merge(survivor=survivor, merged=[duplicate])

    survivor.refresh_from_db()
    # The case-insensitive twin "huana" of the survivor's own alias is not repeated.
    assert survivor.alias_list == ["Huana", "Huana Xinneng", "Huana New Energy"]
    assert survivor.native_name == "华纳新能"
    assert survivor.region == "Shanxi, China"
    assert survivor.name == "Shanxi Huana Xinneng Technology Co., Ltd."


def test_the_merged_organization_s_url_redirects_to_the_survivor(client, pair):
    survivor, duplicate = pair
    organization_merge(survivor=survivor, merged=[duplicate])

    response = client.get("/organizations/huana-xinneng/")

    assert (response.status_code, response["Location"]) == (301, "/organizations/shanxi-huana/")


def test_slugs_that_led_to_the_merged_organization_now_lead_to_the_survivor(client, pair):
    survivor, duplicate = pair
    duplicate.slug = "huana-xinneng-2"
    duplicate.save()

    organization_merge(survivor=survivor, merged=[duplicate])

    for old in ["huana-xinneng", "huana-xinneng-2"]:
        assert client.get(f"/organizations/{old}/")["Location"] == "/organizations/shanxi-huana/"


def test_both_histories_say_what_happened(pair):
    survivor, duplicate = pair
    result = make_result(organization=duplicate)
    duplicate_id = duplicate.pk

    organization_merge(survivor=survivor, merged=[duplicate])

    assert survivor.history.first().history_change_reason == (
        "Merged “Huana Xinneng” into this organization"
    )
    last = Organization.history.filter(id=duplicate_id).first()
    assert last.history_type == "-"
    assert last.history_change_reason == (
        "Merged into “Shanxi Huana Xinneng Technology Co., Ltd.” (shanxi-huana)"
    )
    assert result.history.first().history_change_reason == (
        "Merged from “Huana Xinneng” into “Shanxi Huana Xinneng Technology Co., Ltd.”"
    )


def test_a_result_in_the_same_batch_keeps_the_survivor_s_and_drops_the_duplicate(pair):
    survivor, duplicate = pair
    batch = make_batch()
    kept = make_result(batch=batch, organization=survivor, outcome="passed")
    dropped = make_result(batch=batch, organization=duplicate, outcome="passed")
    other_product = make_result(batch=batch, organization=duplicate, product="NFPP-200Ah")

    plan = organization_merge_plan(survivor=survivor, merged=[duplicate])
    assert [row for _, row in plan.clashes] == [dropped]

    organization_merge(survivor=survivor, merged=[duplicate])

    assert list(batch.results.order_by("pk")) == [kept, other_product]
    deleted = EvaluationResult.history.filter(id=dropped.pk, history_type="-").get()
    assert deleted.history_change_reason.startswith("Duplicate dropped: Merged from “Huana")
    assert len(deleted.history_change_reason) <= 100  # it fits simple-history's column


def test_clashing_roles_and_session_links_are_kept_once(pair):
    survivor, duplicate = pair
    forum = make_forum()
    standard = make_standard()
    session = make_session(forum=forum)
    session.organizations.add(survivor, duplicate)
    make_organizer_role(forum=forum, organization=survivor)
    make_organizer_role(forum=forum, organization=duplicate)
    make_drafting_role(standard=standard, organization=survivor)
    make_drafting_role(standard=standard, organization=duplicate)

    organization_merge(survivor=survivor, merged=[duplicate])

    assert list(session.organizations.all()) == [survivor]
    assert OrganizerRole.objects.filter(forum=forum).count() == 1
    assert DraftingRole.objects.filter(standard=standard).count() == 1


def test_three_into_one_the_first_merged_wins_a_clash_among_the_merged(pair):
    survivor, duplicate = pair
    third = make_organization(name="HUANA", slug="huana-caps")
    batch = make_batch()
    first_result = make_result(batch=batch, organization=duplicate)
    make_result(batch=batch, organization=third)

    organization_merge(survivor=survivor, merged=[duplicate, third])

    assert list(batch.results.all()) == [first_result]
    first_result.refresh_from_db()
    assert first_result.organization == survivor


def test_a_survivor_that_was_a_child_of_the_merged_one_is_not_its_own_parent(pair):
    survivor, duplicate = pair
    survivor.parent = duplicate
    survivor.save()

    organization_merge(survivor=survivor, merged=[duplicate])

    survivor.refresh_from_db()
    assert survivor.parent is None


def test_a_failure_midway_changes_nothing(pair, monkeypatch):
    survivor, duplicate = pair
    result = make_result(organization=duplicate)
    speaker = make_speaker(organization=duplicate)

    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(TalkSpeaker, "save", fail)
    with pytest.raises(IntegrityError):
        organization_merge(survivor=survivor, merged=[duplicate])

    result.refresh_from_db()
    speaker.refresh_from_db()
    assert result.organization == duplicate and speaker.organization == duplicate
    assert Organization.objects.filter(pk=duplicate.pk).exists()


def test_merging_an_organization_into_itself_is_refused(pair):
    survivor, _ = pair
    with pytest.raises(ValueError, match="at least one"):
        organization_merge(survivor=survivor, merged=[survivor])


# --- In the admin ------------------------------------------------------------------------


def merge_url(*organizations):
    return admin_url(Organization, "merge") + "?ids=" + ",".join(str(o.pk) for o in organizations)


@pytest.mark.parametrize("user", ["admin_user", "editor"])
def test_an_editor_picks_duplicates_sees_what_moves_and_confirms(client, pair, user, request):
    survivor, duplicate = pair
    make_result(organization=duplicate)
    make_person_role(organization=duplicate)
    client.force_login(request.getfixturevalue(user))

    chosen = client.post(
        admin_url(Organization, "changelist"),
        {"action": "merge_selected", "_selected_action": [survivor.pk, duplicate.pk]},
    )
    assert chosen.status_code == 302
    choose = client.get(chosen["Location"])
    assert "Which organization stays?" in choose.text
    assert "Huana Xinneng (华纳新能)" in choose.text

    preview = client.get(chosen["Location"] + f"&survivor={survivor.pk}")
    assert "1 evaluation results (organization)" in preview.text
    assert "1 person roles (organization)" in preview.text
    assert "Huana New Energy" in preview.text
    assert Organization.objects.filter(pk=duplicate.pk).exists()  # nothing done yet

    done = client.post(
        admin_url(Organization, "merge"),
        {"ids": f"{survivor.pk},{duplicate.pk}", "survivor": survivor.pk},
        follow=True,
    )
    assert "Merged “Huana Xinneng” into “Shanxi Huana Xinneng" in done.text
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert PersonRole.objects.get().organization == survivor


def test_the_merge_needs_the_delete_permission(client, pair, django_user_model):
    from django.contrib.auth.models import Permission

    survivor, duplicate = pair
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(codename__in=["view_organization", "change_organization"])
    )
    client.force_login(clerk)

    changelist = client.get(admin_url(Organization, "changelist"))
    assert "merge_selected" not in changelist.text
    assert client.get(merge_url(survivor, duplicate)).status_code == 403
    response = client.post(
        admin_url(Organization, "merge"),
        {"ids": f"{survivor.pk},{duplicate.pk}", "survivor": survivor.pk},
    )
    assert response.status_code == 403
    assert Organization.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.parametrize(
    "query", ["", "?ids=", "?ids=abc", "?ids=1", "?ids=999999,999998", "?ids=%00,1"]
)
def test_fewer_than_two_organizations_get_a_clear_message(admin_client, query):
    response = admin_client.get(admin_url(Organization, "merge") + query, follow=True)
    assert "Select two or more organizations to merge." in response.text


def test_a_survivor_outside_the_selection_is_refused(admin_client, pair):
    survivor, duplicate = pair
    other = make_organization()
    response = admin_client.post(
        admin_url(Organization, "merge"),
        {"ids": f"{survivor.pk},{duplicate.pk}", "survivor": other.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert Organization.objects.count() == 3
