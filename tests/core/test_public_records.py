"""One way to say "public": every content model's public() agrees with its is_public,
whether the record is public on its own, through its parent, or always."""

import pytest
from django.apps import apps

from core.models import PublicRecord, Visibility, reverse_model
from evaluations.models import EvaluationBatch, EvaluationResult
from forums.models import Forum, OrganizerRole, PersonRole, Session, Talk, TalkSpeaker
from standards.models import DraftingRole, Standard, StatusMilestone
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch, make_result
from tests.forums.factories import (
    make_forum,
    make_organizer_role,
    make_person_role,
    make_session,
    make_speaker,
    make_talk,
)
from tests.standards.factories import make_drafting_role, make_milestone, make_standard

pytestmark = pytest.mark.django_db


def test_every_content_model_says_where_its_visibility_lives():
    from core.models import TimestampedModel

    content_models = [
        model
        for model in apps.get_models()
        if issubclass(model, TimestampedModel) and not model.__name__.startswith("Historical")
    ]
    assert content_models
    for model in content_models:
        if model._meta.label == "core.Source":
            continue  # citations are shown wherever a record that cites them is
        assert issubclass(model, PublicRecord), model


def build_world():
    """A public and a draft parent of each kind, with one child row under each."""
    world = {}
    for public in (True, False):
        forum = make_forum(published=public)
        session = make_session(forum=forum)
        talk = make_talk(forum=forum, session=session)
        standard = make_standard(published=public)
        batch = make_batch(published=public)
        world[public] = [
            forum,
            session,
            talk,
            make_speaker(talk=talk, person=make_person()),
            make_organizer_role(forum=forum),
            make_person_role(forum=forum),
            standard,
            make_milestone(standard=standard),
            make_drafting_role(standard=standard),
            batch,
            make_result(batch=batch),
        ]
    return world


MODELS = [
    Forum,
    Session,
    Talk,
    TalkSpeaker,
    OrganizerRole,
    PersonRole,
    Standard,
    StatusMilestone,
    DraftingRole,
    EvaluationBatch,
    EvaluationResult,
]


def test_public_agrees_with_is_public_for_every_model():
    world = build_world()
    for model in MODELS:
        public_ids = set(model.objects.public().values_list("pk", flat=True))
        for public, records in world.items():
            for record in records:
                if isinstance(record, model):
                    assert record.is_public is public, record
                    assert (record.pk in public_ids) is public, record


def test_a_child_follows_its_parent_when_the_parent_changes():
    world = build_world()
    forum, talk = world[False][0], world[False][2]
    speaker = world[False][3]
    forum.visibility = Visibility.PUBLIC
    forum.save()
    assert TalkSpeaker.objects.public().filter(pk=speaker.pk).exists()
    assert Talk.objects.public().filter(pk=talk.pk).exists()


def test_public_condition_works_from_another_query():
    world = build_world()
    organization = make_organization()
    make_result(batch=world[True][9], organization=organization)
    make_result(batch=world[False][9], organization=organization)
    from directory.models import Organization

    with_public_results = Organization.objects.filter(
        EvaluationResult.public_condition("evaluation_results__")
    ).distinct()
    assert organization in with_public_results
    assert organization.evaluation_results.public().count() == 1


def test_always_public_records():
    organization, person = make_organization(), make_person()
    assert organization.is_public and person.is_public
    assert organization.__class__.objects.public().filter(pk=organization.pk).exists()


def test_reverse_model_reaches_a_higher_app_without_importing_it():
    assert reverse_model(Forum, "batches_announced") is EvaluationBatch
    assert reverse_model(Standard, "evaluation_batches") is EvaluationBatch
