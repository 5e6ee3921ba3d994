"""The batch change form costs the same number of queries for 3 results as for 60:
each inline row's organization is read with the row, never one lookup per widget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.factories import make_organization
from tests.evaluations.factories import make_batch, make_result

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


def test_the_results_changelist_lists_the_latest_entered_first(client, admin_user):
    client.force_login(admin_user)
    batch = make_batch()
    first = make_result(batch=batch, organization=make_organization(name="First entered"))
    last = make_result(batch=batch, organization=make_organization(name="Last entered"))
    body = client.get("/admin/evaluations/evaluationresult/").content.decode()
    assert body.index(str(last.organization)) < body.index(str(first.organization))
