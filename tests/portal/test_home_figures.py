"""The home page's figures count whole tables once per change to the record, not per visit."""

import re

import pytest
from django.core.cache import cache

from core.models import Visibility
from tests.forums.factories import make_forum

pytestmark = pytest.mark.django_db


def forums_figure(client) -> str:
    body = client.get("/").content.decode()
    return re.search(r"<strong>([^<]+)</strong> <a href=\"/forums/\">forum", body).group(1)


def test_figures_are_counted_once_then_read_until_the_record_changes(
    settings, client, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself rendered every time
    make_forum()
    assert forums_figure(client) == "1"
    from portal.views import home_figures

    with django_assert_max_num_queries(1):  # the content version; no count
        assert home_figures()["forums"] == 1

    draft = make_forum(published=False)
    assert forums_figure(client) == "1"
    draft.visibility = Visibility.PUBLIC
    draft.save()
    assert forums_figure(client) == "2"


def test_figures_survive_a_cleared_cache(settings, client):
    settings.PAGE_CACHE_SECONDS = 0
    make_forum()
    assert forums_figure(client) == "1"
    cache.clear()
    assert forums_figure(client) == "1"
