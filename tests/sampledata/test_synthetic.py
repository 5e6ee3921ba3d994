"""`manage.py generate_data` (sampledata.synthetic): synthetic data, marked and removable."""

import csv
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import ContentVersion, Source, Visibility
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from forums.models import (
    Forum,
    ForumSeries,
    OrganizerRole,
    PersonRole,
    Session,
    Talk,
    TalkSpeaker,
)
from sampledata.synthetic import SESSION_PLAN, SYNTHETIC_PREFIX, SYNTHETIC_SOURCE_TITLE, plan
from standards.codes import normalize_code
from standards.models import Committee, DraftingRole, Standard, StatusMilestone
from tests.factories import make_batch, make_result

SCALE = 0.002
SLUGGED = [
    Organization,
    Person,
    ForumSeries,
    Forum,
    Committee,
    Standard,
    EvaluationProgram,
    EvaluationBatch,
]
SOURCED = [
    Organization,
    Person,
    Forum,
    Committee,
    Standard,
    StatusMilestone,
    EvaluationProgram,
    EvaluationBatch,
    EvaluationResult,
]
EVERY_MODEL = [
    *SLUGGED,
    OrganizerRole,
    Session,
    Talk,
    TalkSpeaker,
    PersonRole,
    DraftingRole,
    StatusMilestone,
    EvaluationResult,
]
CONTENT_APPS = {"core", "directory", "forums", "standards", "evaluations"}


def generate(scale: float = SCALE, seed: int = 7) -> str:
    out = io.StringIO()
    call_command("generate_data", scale=scale, seed=seed, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def remove() -> str:
    out = io.StringIO()
    call_command("generate_data", remove=True, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def every_row() -> dict[str, set]:
    """The primary keys of every table the content apps own, history and links included."""
    return {
        model._meta.label: set(model.objects.values_list("pk", flat=True))
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in CONTENT_APPS
    }


@pytest.mark.django_db
class TestGenerate:
    def test_fills_every_model_in_the_planned_proportions(self):
        generate()
        expected = plan(SCALE)
        for model in EVERY_MODEL:
            assert model.objects.exists(), model
        assert Organization.objects.count() == expected["organizations"]
        assert Person.objects.count() == expected["people"]
        assert Forum.objects.count() == expected["forums"]
        assert Standard.objects.count() == expected["standards"]
        assert EvaluationProgram.objects.count() == expected["programs"]
        assert EvaluationBatch.objects.count() == expected["batches"]
        assert EvaluationResult.objects.count() == expected["results"]
        # The issue's proportions: five organizations a person, a hundred results a batch.
        assert expected["organizations"] == 5 * expected["people"]
        assert expected["results"] == 100 * expected["batches"]
        for forum in Forum.objects.all():
            assert forum.sessions.count() == len(SESSION_PLAN)
            assert forum.talks.count() >= 10
            assert forum.organizer_roles.count() >= 3
        for standard in Standard.objects.all():
            assert standard.milestones.exists()
            assert standard.drafting_roles.filter(is_lead=True).count() == 1
        for program in EvaluationProgram.objects.all():
            numbers = sorted(program.batches.values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1))

    def test_scale_one_plans_the_issue_counts(self):
        expected = plan(1)
        assert expected["organizations"] == 10_000
        assert expected["people"] == 2_000
        assert expected["forums"] == 200
        assert expected["standards"] == 5_000
        assert expected["programs"] == 50
        assert expected["batches"] == 2_000
        assert expected["results"] == 200_000

    def test_every_row_is_marked(self):
        generate()
        source = Source.objects.get(title=SYNTHETIC_SOURCE_TITLE)
        for model in SLUGGED:
            assert not model.objects.exclude(slug__startswith=SYNTHETIC_PREFIX).exists(), model
        for model in SOURCED:
            assert not model.objects.exclude(source=source).exists(), model

    def test_rows_are_valid_and_varied(self):
        generate(scale=0.01)
        for standard in Standard.objects.all():
            assert standard.code_normalized == normalize_code(standard.code)
        published = Visibility.PUBLIC
        for model in (Forum, Standard, EvaluationBatch):
            assert not model.objects.filter(
                visibility=published, made_public_at__isnull=True
            ).exists()
            assert model.objects.filter(visibility=published).exists()
        assert Standard.objects.filter(visibility=Visibility.DRAFT).exists()
        assert EvaluationBatch.objects.filter(visibility=Visibility.DRAFT).exists()
        codes = list(Standard.objects.values_list("code", flat=True))
        assert any(code.startswith("T/") and "—" in code for code in codes)
        assert any(code.startswith("GB/T ") for code in codes)
        assert Organization.objects.exclude(native_name="").exists()
        assert Organization.objects.filter(native_name="").exists()
        assert Organization.objects.order_by().values("kind").distinct().count() >= 5
        assert Organization.objects.filter(parent__isnull=False).exists()
        assert EvaluationResult.objects.order_by().values("outcome").distinct().count() == 4
        assert Standard.objects.order_by().values("status").distinct().count() >= 6
        assert Standard.objects.order_by().values("level").distinct().count() >= 5

    def test_the_same_seed_gives_the_same_data(self):
        generate(seed=3)
        first = sorted(Organization.objects.values_list("slug", "name", "native_name"))
        remove()
        generate(seed=3)
        assert sorted(Organization.objects.values_list("slug", "name", "native_name")) == first

    def test_retires_cached_pages_once(self):
        before = ContentVersion.current()[0]
        generate()
        assert ContentVersion.current()[0] == before + 1
        remove()
        assert ContentVersion.current()[0] == before + 2

    def test_refuses_to_add_to_existing_synthetic_data(self):
        generate()
        with pytest.raises(CommandError, match="--remove"):
            generate()

    def test_refuses_a_scale_that_is_not_positive(self):
        with pytest.raises(CommandError, match="positive"):
            generate(scale=0)


@pytest.mark.django_db
class TestRemove:
    def test_removes_exactly_the_synthetic_rows(self, demo):
        before = every_row()
        generate()
        assert every_row() != before
        output = remove()
        assert "Removed" in output
        assert every_row() == before
        assert not Source.objects.filter(title=SYNTHETIC_SOURCE_TITLE).exists()

    def test_with_nothing_to_remove_says_so(self, demo):
        before = every_row()
        assert "No synthetic data" in remove()
        assert every_row() == before

    def test_keeps_everything_when_real_records_refer_to_synthetic_ones(self, demo):
        generate()
        synthetic_organization = Organization.objects.filter(slug__startswith=SYNTHETIC_PREFIX)[0]
        real_result = make_result(batch=make_batch(), organization=synthetic_organization)
        before = every_row()
        with pytest.raises(CommandError, match="Real records refer to synthetic ones"):
            remove()
        assert every_row() == before
        real_result.delete()
        remove()
        assert not Organization.objects.filter(slug__startswith=SYNTHETIC_PREFIX).exists()


@pytest.mark.django_db
def test_public_pages_answer_with_synthetic_data(client, demo):
    generate()
    published = Visibility.PUBLIC
    forum = Forum.objects.filter(slug__startswith=SYNTHETIC_PREFIX, visibility=published)
    standard = Standard.objects.filter(slug__startswith=SYNTHETIC_PREFIX, visibility=published)
    batch = EvaluationBatch.objects.filter(
        slug__startswith=SYNTHETIC_PREFIX, visibility=published
    ).first()
    organization = batch.results.first().organization
    person = TalkSpeaker.objects.filter(
        person__slug__startswith=SYNTHETIC_PREFIX, talk__forum__visibility=published
    ).first()
    urls = [
        "/",
        "/forums/",
        "/forums/?page=2",
        "/standards/",
        "/standards/?level=group",
        "/evaluations/",
        "/evaluations/results/",
        "/evaluations/results/?outcome=passed&page=3",
        "/organizations/",
        "/organizations/?kind=company&page=2",
        "/search/?q=sodium",
        "/search/?q=T%2FCNESA",
        "/sitemap.xml",
        batch.get_absolute_url(),
        organization.get_absolute_url(),
    ]
    if forum.exists():
        urls.append(forum.first().get_absolute_url())
    if standard.exists():
        urls.append(standard.first().get_absolute_url())
    if person is not None:
        urls.append(person.person.get_absolute_url())
    for url in urls:
        # A page past the end of small data redirects to the last one, as a browser follows.
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert all(status == 301 for _url, status in response.redirect_chain), url

    response = client.get("/evaluations/results/?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    public_results = EvaluationResult.objects.filter(batch__visibility=published)
    assert len(rows) == 1 + public_results.count()
