"""The read-only JSON API: public records only, the pages' filters, cursor pages, former
slugs, throttling, CORS, and no 500 for any query string."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import Visibility
from evaluations.models import EvaluationResult, Outcome
from standards.models import StandardLevel, StandardStatus
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program
from tests.forums.factories import make_forum
from tests.portal.test_drafts import drafts  # noqa: F401 -- the fixture
from tests.standards.factories import make_milestone, make_standard

LISTS = [
    "/api/forums/",
    "/api/sessions/",
    "/api/talks/",
    "/api/standards/",
    "/api/programs/",
    "/api/batches/",
    "/api/results/",
    "/api/organizations/",
    "/api/people/",
]


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def every_record(client, url) -> list[dict]:
    """Every record of a list, following its `next` cursors."""
    records = []
    while url:
        page = get_json(client, url)
        records += page["results"]
        url = page["next"]
    return records


def body_of(client, url) -> str:
    return json.dumps(every_record(client, url), ensure_ascii=False)


@pytest.mark.django_db
class TestDraftsNeverInTheApi:
    @pytest.mark.parametrize("url", LISTS)
    def test_no_list_names_a_draft(self, client, drafts, url):  # noqa: F811
        body = body_of(client, url)
        for secret in ("Secret", "secret-", "T/HIDDEN", "1999-01"):
            assert secret not in body, f"{secret!r} leaked into {url}"

    @pytest.mark.parametrize(
        "url",
        [
            "/api/forums/secret-summit/",
            "/api/standards/secret-specification/",
            "/api/batches/secret-batch/",
        ],
    )
    def test_a_draft_is_not_found_even_for_staff(self, client, drafts, editor, url):  # noqa: F811
        assert client.get(url).status_code == 404
        client.force_login(editor)
        assert client.get(url).status_code == 404

    def test_children_of_drafts_are_not_found(self, client, drafts):  # noqa: F811
        forum = drafts["forum"]
        assert client.get(f"/api/sessions/{forum.sessions.get().pk}/").status_code == 404
        assert client.get(f"/api/talks/{forum.talks.get().pk}/").status_code == 404
        result = drafts["batch"].results.get()
        assert client.get(f"/api/results/{result.pk}/").status_code == 404

    def test_links_to_drafts_are_null_or_left_out(self, client, drafts):  # noqa: F811
        batch = get_json(client, "/api/batches/open-batch/")
        assert batch["announced_at"] is None
        assert batch["basis_standard"] is None
        standard = get_json(client, "/api/standards/open-standard/")
        assert standard["replaced_by"] == []
        program = get_json(client, f"/api/programs/{drafts['batch'].program.slug}/")
        assert program["basis_standard"] is None

    def test_the_public_records_are_there(self, client, drafts):  # noqa: F811
        slugs = [record["slug"] for record in every_record(client, "/api/forums/")]
        assert slugs == ["open-forum"]
        batch = get_json(client, "/api/batches/open-batch/")
        assert batch["result_count"] == 1
        assert batch["html_url"] == "http://testserver/evaluations/open-batch/"


@pytest.mark.django_db
class TestRecords:
    def test_a_standard_with_its_milestones_and_links(self, client):
        issuer = make_organization(name="Issuer", slug="issuer")
        standard = make_standard(
            code="T/CNESA 1006—2025",
            slug="t-cnesa-1006-2025",
            issuing_body=issuer,
            status=StandardStatus.PUBLISHED,
        )
        make_milestone(standard=standard, status=StandardStatus.PUBLIC_COMMENT)
        record = get_json(client, "/api/standards/t-cnesa-1006-2025/")
        assert record["code"] == "T/CNESA 1006—2025"
        assert record["url"] == "http://testserver/api/standards/t-cnesa-1006-2025/"
        assert record["issuing_body"] == "http://testserver/api/organizations/issuer/"
        assert record["milestones"] == [
            {"status": "public_comment", "date": "2025-03-01", "iso_stage": "", "note": ""}
        ]
        # The link leads to the organization's record.
        assert get_json(client, record["issuing_body"])["name"] == "Issuer"

    def test_a_former_slug_answers_301_to_the_current_url(self, client):
        forum = make_forum(slug="old-name")
        forum.slug = "new-name"
        forum.save()
        response = client.get("/api/forums/old-name/")
        assert response.status_code == 301
        assert response["Location"] == "/api/forums/new-name/"
        assert get_json(client, response["Location"])["slug"] == "new-name"

    def test_unknown_slug_and_number_are_404(self, client, db):
        assert client.get("/api/forums/no-such-forum/").status_code == 404
        assert client.get("/api/results/999999/").status_code == 404
        assert client.get("/api/results/not-a-number/").status_code == 404

    def test_only_reading_is_allowed(self, client, db):
        make_forum(slug="a-forum")
        assert client.post("/api/forums/", {}).status_code == 405
        assert client.delete("/api/forums/a-forum/").status_code == 405
        assert client.put("/api/forums/a-forum/").status_code == 405


@pytest.mark.django_db
class TestFilters:
    def test_the_standards_list_filters_as_its_page_does(self, client):
        make_standard(code="T/A 1—2025", level=StandardLevel.GROUP, title="Sodium cells")
        make_standard(code="GB/T 2—2024", level=StandardLevel.NATIONAL, title="Sodium packs")
        codes = {r["code"] for r in every_record(client, "/api/standards/?level=national")}
        assert codes == {"GB/T 2—2024"}
        # The page's search: by a code as a reader types it.
        codes = {r["code"] for r in every_record(client, "/api/standards/?q=1-2025")}
        assert codes == {"T/A 1—2025"}

    def test_results_by_outcome_program_and_organization(self, client):
        program = make_program(slug="low-temperature")
        batch = make_batch(program=program, number=1)
        passed, failed = make_organization(slug="passer"), make_organization(slug="failer")
        EvaluationResult.objects.create(batch=batch, organization=passed, outcome=Outcome.PASSED)
        EvaluationResult.objects.create(batch=batch, organization=failed, outcome=Outcome.FAILED)
        other = make_batch(program=make_program(slug="cycle-life"), number=1)
        EvaluationResult.objects.create(batch=other, organization=failed, outcome=Outcome.PASSED)

        def organizations(query):
            return sorted(r["organization_name"] for r in every_record(client, query))

        assert organizations("/api/results/?outcome=passed&program=low-temperature") == [
            passed.name
        ]
        assert len(organizations("/api/results/?organization=failer")) == 2
        assert len(organizations(f"/api/results/?batch_slug={other.slug}")) == 1
        orgs = {r["slug"] for r in every_record(client, "/api/organizations/?has_results=true")}
        assert orgs == {"passer", "failer"}

    @pytest.mark.parametrize(
        "query",
        ["level=planetary", "year=abc", "year=99999", "program=no-such-program", "sort=title"],
    )
    def test_an_invalid_filter_answers_400_saying_which(self, client, db, query):
        url = "/api/results/" if query.startswith("program") else "/api/standards/"
        response = client.get(f"{url}?{query}")
        if query == "sort=title":  # not an API parameter: the order is the cursor's
            assert response.status_code == 200
            return
        assert response.status_code == 400
        assert query.split("=")[0] in response.json()

    def test_drafts_are_no_filter_value(self, client, drafts):  # noqa: F811
        # A draft forum's slug filters nothing: it is not a value the API knows.
        response = client.get("/api/sessions/?forum=secret-summit")
        assert response.status_code == 400
        assert "Secret" not in response.content.decode()


@pytest.mark.django_db
class TestCursorPagination:
    def test_pages_follow_each_other_without_gaps_or_repeats(self, client):
        forums = [make_forum(slug=f"forum-page-{i}") for i in range(7)]
        first = get_json(client, "/api/forums/?page_size=3")
        assert len(first["results"]) == 3
        assert first["previous"] is None
        seen = [r["slug"] for r in every_record(client, "/api/forums/?page_size=3")]
        assert seen == [forum.slug for forum in forums]
        second = get_json(client, first["next"])
        assert [r["slug"] for r in second["results"]] == [f.slug for f in forums[3:6]]
        back = get_json(client, second["previous"])
        assert back["results"] == first["results"]

    def test_a_cursor_stays_valid_while_records_are_added(self, client):
        for i in range(4):
            make_forum(slug=f"early-{i}")
        first = get_json(client, "/api/forums/?page_size=2")
        make_forum(slug="added-later")
        rest = [r["slug"] for r in every_record(client, first["next"])]
        assert rest == ["early-2", "early-3", "added-later"]

    def test_page_size_is_bounded(self, client):
        for i in range(3):
            make_forum(slug=f"sized-{i}")
        assert len(get_json(client, "/api/forums/?page_size=1")["results"]) == 1
        assert len(get_json(client, "/api/forums/?page_size=100000")["results"]) == 3
        assert len(get_json(client, "/api/forums/?page_size=abc")["results"]) == 3

    def test_a_forged_cursor_is_404(self, client, db):
        assert client.get("/api/forums/?cursor=bm9wZQ==").status_code in (200, 404)
        assert client.get("/api/forums/?cursor=%00%ff").status_code == 404


@pytest.mark.django_db
class TestThrottling:
    def test_anonymous_clients_get_429_past_the_rate(self, client, settings):
        settings.API_ANONYMOUS_RATE = "3/minute"
        for _ in range(3):
            assert client.get("/api/forums/").status_code == 200
        response = client.get("/api/forums/")
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        assert response["Access-Control-Allow-Origin"] == "*"

    def test_counted_per_address_not_per_forwarded_header(self, client, settings):
        settings.API_ANONYMOUS_RATE = "2/minute"
        for claimed in ("10.0.0.1", "10.0.0.2"):
            assert client.get("/api/forums/", HTTP_X_FORWARDED_FOR=claimed).status_code == 200
        # A new X-Forwarded-For claim is not a new client.
        response = client.get("/api/forums/", HTTP_X_FORWARDED_FOR="10.0.0.3")
        assert response.status_code == 429
        # Another address is.
        assert client.get("/api/forums/", REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
class TestCors:
    def test_get_carries_the_allow_origin_header(self, client):
        response = client.get("/api/forums/", HTTP_ORIGIN="https://example.org")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response

    def test_preflight_allows_get_only(self, client, db):
        allowed = client.options(
            "/api/forums/",
            HTTP_ORIGIN="https://example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
        assert allowed.status_code == 204
        assert allowed["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
        refused = client.options(
            "/api/forums/",
            HTTP_ORIGIN="https://example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE",
        )
        assert refused.status_code == 405

    def test_not_outside_the_api(self, client, db):
        response = client.get("/forums/", HTTP_ORIGIN="https://example.org")
        assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
class TestDescription:
    def test_root_links_every_list_and_the_description(self, client):
        root = get_json(client, "/api/")
        for url in LISTS:
            assert f"http://testserver{url}" in root.values()
        assert root["openapi"] == "http://testserver/api/openapi.json"

    def test_openapi_describes_every_list_with_the_pages_filters(self, client):
        schema = get_json(client, "/api/openapi.json")
        assert schema["openapi"].startswith("3.")
        for url in LISTS:
            assert url in schema["paths"]
        names = {p["name"] for p in schema["paths"]["/api/results/"]["get"]["parameters"]}
        assert {"cursor", "q", "program", "outcome", "organization_kind", "year"} <= names
        assert "sort" not in names

    def test_reference_and_dictionary_pages_render(self, client):
        reference = client.get("/api/reference/").content.decode()
        assert "/api/standards/{slug}/" in reference
        assert "<script" not in reference and "style=" not in reference
        dictionary = client.get("/data/").content.decode()
        assert 'id="csv-standards-standard_list"' in dictionary
        assert "To be implemented" in dictionary  # a computed column's value
        assert "Group (association)" in dictionary  # a choice label
        assert 'id="api-standard"' in dictionary
        assert "<script" not in dictionary

    def test_download_csv_links_the_dictionary(self, client, db):
        page = client.get("/standards/").content.decode()
        assert 'href="/data/#csv-standards-standard_list"' in page


HOSTILE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from(LISTS),
    name=st.sampled_from(
        ["q", "year", "cursor", "page_size", "program", "series", "kind", "region", "forum", "x"]
    ),
    value=HOSTILE,
)
def test_hostile_query_strings_never_500(client, settings, url, name, value):
    settings.API_ANONYMOUS_RATE = "100000/minute"
    response = client.get(url, {name: value})
    assert response.status_code in (200, 400, 404), (url, name, value)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_a_nul_in_every_parameter_is_never_500(client, url):
    for name in ("q", "cursor", "program", "series", "forum", "organization", "region", "kind"):
        assert client.get(url, {name: "a\x00b"}).status_code in (200, 400, 404)


@pytest.mark.django_db
def test_visibility_path_is_the_public_one(client):
    """A batch returned to draft leaves the API with its results at once."""
    batch = make_batch(program=make_program(), number=3)
    EvaluationResult.objects.create(
        batch=batch, organization=make_organization(), outcome=Outcome.PASSED
    )
    assert len(every_record(client, "/api/results/")) == 1
    batch.visibility = Visibility.DRAFT
    batch.save()
    assert every_record(client, "/api/results/") == []
    assert client.get(f"/api/batches/{batch.slug}/").status_code == 404


@pytest.mark.django_db
def test_paths_outside_the_resources_are_json_404s_and_slashes_are_added(client):
    for path in ("/api/no-such-resource/", "/api/results/%1E%0A/", "/api/forums/a%0Ab/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found."}, path
    assert client.get("/api/forums").status_code == 301
    assert client.get("/api/forums")["Location"] == "/api/forums/"


@pytest.mark.django_db
def test_regions_filter_the_api_and_the_page_after_the_description_is_built(client):
    """The description builds the filters' form fields; the region menu's choices are
    the data's, so each list must still offer the regions in use."""
    make_organization(slug="in-shandong", region="Shandong, China")
    make_organization(slug="in-jiangsu", region="Jiangsu, China")
    assert client.get("/api/openapi.json").status_code == 200
    api = every_record(client, "/api/organizations/?region=Shandong%2C+China")
    assert [record["slug"] for record in api] == ["in-shandong"]
    page = client.get("/organizations/?region=Shandong%2C+China")
    assert page.status_code == 200
    assert "/organizations/in-shandong/" in page.content.decode()
    assert "/organizations/in-jiangsu/" not in page.content.decode()


@pytest.mark.django_db
def test_records_link_their_filtered_lists(client):
    program = make_program(slug="general")
    batch = make_batch(program=program, number=6, slug="general-batch-6")
    company = make_organization(slug="a-company")
    EvaluationResult.objects.create(batch=batch, organization=company, outcome=Outcome.PASSED)
    make_batch(program=make_program(slug="other"), number=1)

    program_record = get_json(client, "/api/programs/general/")
    assert [b["slug"] for b in every_record(client, program_record["batches"])] == [
        "general-batch-6"
    ]
    batch_record = get_json(client, "/api/batches/general-batch-6/")
    results = every_record(client, batch_record["results"])
    assert [r["organization_name"] for r in results] == [company.name]
    company_record = get_json(client, "/api/organizations/a-company/")
    assert len(every_record(client, company_record["results"])) == 1
    forum = get_json(client, f"/api/forums/{make_forum().slug}/")
    assert every_record(client, forum["sessions"]) == []
    assert every_record(client, forum["talks"]) == []
