"""Drafts across the whole public site: staff see them with a banner; for anyone else
they are not found, and no list, search, sitemap, CSV or other page names or links them."""

import datetime
import re

import pytest

from evaluations.models import EvaluationResult, Outcome
from forums.models import OrganizerRoleKind, PersonRoleKind, Session, SessionKind
from standards.models import StandardStatus
from tests.directory.factories import make_organization, make_person
from tests.evaluations.factories import make_batch, make_program
from tests.forums.factories import (
    make_forum,
    make_organizer_role,
    make_person_role,
    make_speaker,
    make_talk,
)
from tests.standards.factories import make_drafting_role, make_standard
from tests.support import count_text, hrefs, link_to, sitemap_documents, text_of


@pytest.fixture
def drafts(db):
    """A draft of every publishable kind, each tied to published records readers can see."""
    organization = make_organization(name="Open Company", slug="open-company")
    person = make_person(name="Open Person", slug="open-person")
    draft_forum = make_forum(
        title="Secret summit",
        slug="secret-summit",
        published=False,
        # 1999: a year no factory's date reaches, so "1999-01" on a page is this leak.
        start_date=datetime.date(1999, 1, 1),
    )
    draft_standard = make_standard(
        code="T/HIDDEN 9-2030",
        title="Secret specification",
        slug="secret-specification",
        published=False,
        issuing_body=organization,
        status=StandardStatus.WITHDRAWN,
    )
    # Programs are not drafts themselves: they are public once entered.
    draft_program = make_program(basis_standard=draft_standard)
    draft_batch = make_batch(
        program=draft_program,
        number=7,
        slug="secret-batch",
        published=False,
        announced_on=datetime.date(1999, 1, 2),
        announced_at=draft_forum,
    )
    EvaluationResult.objects.create(
        batch=draft_batch, organization=organization, product="Secret cell", outcome=Outcome.PASSED
    )
    make_drafting_role(standard=draft_standard, organization=organization)
    make_organizer_role(forum=draft_forum, organization=organization, role=OrganizerRoleKind.HOST)
    session = Session.objects.create(
        forum=draft_forum, title="Secret session", kind=SessionKind.SUB_FORUM
    )
    session.organizations.add(organization)
    talk = make_talk(forum=draft_forum, session=session, title="Secret talk")
    make_speaker(talk=talk, person=person, organization=organization, position="Secret position")
    make_person_role(
        forum=draft_forum, person=person, organization=organization, role=PersonRoleKind.MODERATOR
    )

    # Published records that point at the drafts.
    public_forum = make_forum(title="Open forum", slug="open-forum")
    public_standard = make_standard(
        code="T/OPEN 1-2025", title="Open standard", slug="open-standard"
    )
    public_standard.replaced_by.add(draft_standard)
    public_batch = make_batch(
        program=make_program(name="Open program", slug="open-program"),
        number=1,
        slug="open-batch",
        announced_at=draft_forum,
        basis_standard=draft_standard,
    )
    EvaluationResult.objects.create(
        batch=public_batch, organization=organization, outcome=Outcome.PASSED
    )
    make_batch(
        program=public_batch.program,
        number=2,
        slug="secret-sibling",
        published=False,
        announced_at=public_forum,
    )
    public_talk = make_talk(forum=public_forum, title="Open talk")
    public_talk.standards_discussed.add(draft_standard)
    return {
        "forum": draft_forum,
        "standard": draft_standard,
        "batch": draft_batch,
        "organization": organization,
        "person": person,
        "public_forum": public_forum,
        "public_standard": public_standard,
        "public_batch": public_batch,
    }


def assert_no_secret(response):
    body = response.content.decode()
    for secret in ("Secret", "secret-", "T/HIDDEN", "1999-01"):
        assert secret not in body, f"{secret!r} leaked into {response.request['PATH_INFO']}"


DRAFT_URLS = [
    "/forums/secret-summit/",
    "/standards/secret-specification/",
    "/evaluations/secret-batch/",
]


@pytest.mark.django_db
class TestDrafts:
    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_anonymous_readers_get_404(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()

    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_non_staff_users_get_404(self, client, drafts, url, django_user_model):
        client.force_login(django_user_model.objects.create_user("reader", password="x"))
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("url", DRAFT_URLS)
    def test_staff_see_the_page_with_a_draft_banner(self, client, drafts, editor, url):
        client.force_login(editor)
        response = client.get(url)
        assert response.status_code == 200
        banner = re.search(
            r'<div class="banner banner-draft" role="status">(.*?)</div>\s*</div>',
            response.content.decode(),
            re.S,
        )
        assert banner
        assert "Draft — only staff can see this page." in banner.group(1)

    def test_published_pages_have_no_draft_banner(self, client, drafts, editor):
        client.force_login(editor)
        for url in ("/forums/open-forum/", "/standards/open-standard/", "/evaluations/open-batch/"):
            assert "banner-draft" not in client.get(url).content.decode()

    def test_staff_preview_links_the_draft_forum_and_standard(self, client, drafts, editor):
        client.force_login(editor)
        response = client.get("/evaluations/secret-batch/")
        assert link_to(response, "/forums/secret-summit/")
        assert link_to(response, "/standards/secret-specification/")

    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/forums/",
            "/standards/",
            "/evaluations/",
            "/evaluations/results/",
            "/evaluations/results/?organization=open-company",
            "/organizations/",
            "/organizations/?has_results=true",
            "/standards/?status=withdrawn",
            "/forums/?year=1999",
        ],
    )
    def test_lists_and_home_leave_drafts_out(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_secret(response)

    def test_lists_count_only_published_rows(self, client, drafts):
        assert count_text(client.get("/forums/")) == "1 forum"
        assert count_text(client.get("/standards/")) == "1 standard"
        assert count_text(client.get("/evaluations/")) == "1 batch"
        assert count_text(client.get("/evaluations/results/")) == "1 result"
        assert "withdrawn" not in client.get("/").content.decode().lower().split("<svg")[1]

    @pytest.mark.parametrize(
        "query", ["Secret", "secret", "T/HIDDEN", "hidden 9", "9-2030", "Secret talk"]
    )
    def test_search_leaves_drafts_out(self, client, drafts, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        links = hrefs(response)
        assert not [href for href in links if "secret" in href]

    @pytest.mark.parametrize(
        "url",
        [
            "/forums/?format=csv",
            "/standards/?format=csv",
            "/evaluations/?format=csv",
            "/evaluations/results/?format=csv",
            "/organizations/?format=csv",
        ],
    )
    def test_public_csv_leaves_drafts_out(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        for secret in ("Secret", "secret-", "T/HIDDEN", "1999-01"):
            assert secret not in body, f"{secret!r} leaked into {url}"

    def test_sitemap_leaves_drafts_out(self, client, drafts):
        body = "".join(sitemap_documents(client))
        assert "/forums/open-forum/" in body
        assert "/standards/open-standard/" in body
        assert "/evaluations/open-batch/" in body
        assert "secret-" not in body

    @pytest.mark.parametrize(
        "url",
        [
            "/organizations/open-company/",
            "/people/open-person/",
            "/forums/open-forum/",
            "/standards/open-standard/",
            "/evaluations/open-batch/",
        ],
    )
    def test_published_pages_never_link_or_name_drafts(self, client, drafts, url):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_secret(response)

    def test_organization_and_person_pages_still_show_what_is_public(self, client, drafts):
        organization = client.get("/organizations/open-company/")
        assert link_to(organization, "/evaluations/open-batch/")
        person = client.get("/people/open-person/")
        assert "No talks recorded." in text_of(person)
        assert "No forum roles recorded." in text_of(person)
