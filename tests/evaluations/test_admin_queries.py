"""The batch change form costs the same number of queries for 3 results as for 60:
each inline row's organization is read with the row, never one lookup per widget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.admin import LatestRelatedListFilter
from evaluations.admin import EvaluationResultAdmin
from evaluations.models import EvaluationResult
from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_program, make_result

pytestmark = pytest.mark.django_db


def change_form_queries(client, batch) -> tuple[int, str]:
    url = f"/admin/evaluations/evaluationbatch/{batch.pk}/change/"
    client.get(url)  # warm up: content types, permissions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def batch_with(results: int):
    batch = make_batch()
    for number in range(results):
        make_result(batch=batch, organization=make_organization(name=f"Maker {number:03d}"))
    return batch


def test_queries_do_not_grow_with_the_inline_rows(client, admin_user):
    client.force_login(admin_user)
    small, _ = change_form_queries(client, batch_with(3))
    large, large_body = change_form_queries(client, batch_with(60))
    assert large == small, f"{small} queries for 3 results, {large} for 60"
    # Each row still shows its organization, selected, by name.
    for number in range(60):
        assert f"Maker {number:03d}</option>" in large_body
    assert large < 15


def test_the_results_changelist_lists_the_newest_batch_first_in_the_order_entered(
    client, admin_user
):
    client.force_login(admin_user)
    older, newer = make_batch(), make_batch()
    first = make_result(batch=newer, organization=make_organization(name="First entered"), order=1)
    second = make_result(
        batch=newer, organization=make_organization(name="Second entered"), order=2
    )
    earlier = make_result(batch=older, organization=make_organization(name="Earlier batch"))
    body = client.get("/admin/evaluations/evaluationresult/").content.decode()
    positions = [body.index(f"{result.organization}</a>") for result in (first, second, earlier)]
    assert positions == sorted(positions)


def test_a_filter_by_forum_or_program_offers_the_latest_records_not_all(client, admin_user):
    """The sidebar's size does not grow with the forums and programs it points at; a
    program chosen from further back stays listed, selected."""
    client.force_login(admin_user)
    programs = [make_program(name=f"Program {number:02d}") for number in range(35)]
    url = "/admin/evaluations/evaluationresult/"
    body = client.get(url).content.decode()
    listed = [program for program in programs if f">{program.name}</a>" in body]
    assert listed == programs[-LatestRelatedListFilter.limit :]
    oldest = programs[0]
    body = client.get(f"{url}?batch__program__id__exact={oldest.pk}").content.decode()
    assert f">{oldest.name}</a>" in body
    assert 'class="selected"' in body
    # A value that is no key is the admin's own "invalid lookup" answer, not a 500.
    assert client.get(f"{url}?batch__program__id__exact=abc").status_code in (200, 302)


def changelist_queries(client, url: str) -> int:
    client.get(url)  # warm up: content types, permissions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_results_changelist_costs_the_same_queries_with_more_batches(client, admin_user):
    """The batch filter names each of its latest batches by program and number: read
    with the batches, not one program lookup per batch offered."""
    client.force_login(admin_user)
    url = "/admin/evaluations/evaluationresult/"
    make_result(batch=make_batch())
    few = changelist_queries(client, url)
    for _ in range(LatestRelatedListFilter.limit + 5):
        make_result(batch=make_batch())
    many = changelist_queries(client, url)
    assert many == few, f"{few} queries with 1 batch, {many} with 36"


def test_the_changelist_pages_through_a_bound_and_says_so(client, admin_user, monkeypatch):
    """Like the public lists: 200 pages deep (here 2), counted no further, the count as
    "N+", and the export button offering every row."""
    monkeypatch.setattr("core.pagination.MAX_PAGES", 2)
    monkeypatch.setattr(EvaluationResultAdmin, "list_per_page", 2)
    batch = make_batch()
    for number in range(6):
        make_result(batch=batch, organization=make_organization(name=f"Maker {number}"))
    client.force_login(admin_user)
    url = "/admin/evaluations/evaluationresult/"
    body = client.get(url).content.decode()
    assert "4+ evaluation results: the pages reach the first 4" in body
    assert "Export all 4+ as CSV" in body
    assert client.get(f"{url}?p=2").status_code == 200
    # Past the bound: the admin's "invalid page" redirect, not a 500.
    assert client.get(f"{url}?p=3").status_code == 302
    # The export still has every row.
    export = client.get("/admin/evaluations/evaluationresult/export-csv/")
    assert export.status_code == 200
    assert b"".join(export.streaming_content).count(b"Maker ") == 6


def test_the_selection_box_is_the_one_django_renders(admin_user):
    from django.contrib.admin import ModelAdmin, site

    result = make_result(organization=make_organization(name='Quote " & <Co>'))
    ours = site.get_model_admin(EvaluationResult).action_checkbox(result)
    assert ours == ModelAdmin.action_checkbox(site.get_model_admin(EvaluationResult), result)
