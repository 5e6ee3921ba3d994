"""URLs that last: a former slug answers 301 with the current one, on every detail page."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.models import SlugRedirect, Visibility
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch
from tests.forums.factories import make_forum
from tests.standards.factories import make_standard

pytestmark = pytest.mark.django_db

DETAIL_PAGES = [
    (make_organization, "/organizations/{}/"),
    (make_person, "/people/{}/"),
    (make_forum, "/forums/{}/"),
    (make_standard, "/standards/{}/"),
    (make_batch, "/evaluations/{}/"),
]


def rename(record, slug):
    record.slug = slug
    record.save()


@pytest.mark.parametrize(("make", "url"), DETAIL_PAGES)
def test_a_renamed_record_s_old_url_redirects_permanently_to_the_new_one(client, make, url):
    record = make(slug="old-name")
    rename(record, "new-name")

    response = client.get(url.format("old-name"))

    assert response.status_code == 301
    assert response["Location"] == url.format("new-name")
    assert client.get(url.format("new-name")).status_code == 200


@pytest.mark.parametrize(("make", "url"), DETAIL_PAGES)
def test_every_slug_of_a_chain_leads_straight_to_the_current_one(client, make, url):
    record = make(slug="first")
    rename(record, "second")
    rename(record, "third")

    for old in ["first", "second"]:
        response = client.get(url.format(old))
        assert (response.status_code, response["Location"]) == (301, url.format("third"))


def test_a_slug_taken_again_belongs_to_its_new_record(client):
    moved = make_organization(slug="huana", name="Huana Xinneng")
    rename(moved, "shanxi-huana")
    make_organization(slug="huana", name="Another Huana")

    response = client.get("/organizations/huana/")

    assert response.status_code == 200
    assert "Another Huana" in response.text


def test_a_slug_taken_again_and_then_given_up_leads_to_the_record_that_had_it_last(client):
    first = make_organization(slug="huana")
    rename(first, "first-huana")
    second = make_organization(slug="huana")
    rename(second, "second-huana")

    response = client.get("/organizations/huana/")

    assert response["Location"] == "/organizations/second-huana/"


def test_an_old_slug_of_a_draft_is_404_for_the_public_and_redirects_staff(client, admin_client):
    standard = make_standard(slug="draft-old", published=False)
    rename(standard, "draft-new")

    assert client.get("/standards/draft-old/").status_code == 404
    response = admin_client.get("/standards/draft-old/")
    assert (response.status_code, response["Location"]) == (301, "/standards/draft-new/")


def test_while_a_new_draft_holds_a_slug_readers_still_reach_the_public_record_that_had_it(
    client, admin_client
):
    public = make_standard(slug="shared")
    rename(public, "renamed")
    make_standard(slug="shared", published=False, code="")

    assert client.get("/standards/shared/")["Location"] == "/standards/renamed/"
    assert admin_client.get("/standards/shared/").status_code == 200


def test_an_unknown_slug_is_still_404(client):
    assert client.get("/organizations/never-existed/").status_code == 404


def test_a_deleted_record_s_old_slugs_lead_nowhere(client):
    batch = make_batch(slug="old-batch", visibility=Visibility.DRAFT)
    rename(batch, "new-batch")
    batch.delete()

    assert not SlugRedirect.objects.exists()
    assert client.get("/evaluations/old-batch/").status_code == 404


def test_saving_without_changing_the_slug_writes_no_redirect():
    organization = make_organization()
    organization.name = "Renamed, slug kept"
    organization.save()

    assert not SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(organization)
    ).exists()


def test_renaming_in_the_admin_keeps_the_old_url(admin_client, client):
    from tests.admin_support import admin_url, submitted

    organization = make_organization(slug="sai-lab", name="SAI Laboratory")
    page = admin_client.get(admin_url(type(organization), "change", organization.pk))
    data = {**submitted(page), "slug": "sai-laboratory"}
    assert (
        admin_client.post(
            admin_url(type(organization), "change", organization.pk), data
        ).status_code
        == 302
    )

    assert client.get("/organizations/sai-lab/")["Location"] == "/organizations/sai-laboratory/"
