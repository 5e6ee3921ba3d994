"""The people index: everyone the record names, searchable by English or native name."""

import pytest

from directory.models import Person
from tests.directory.factories import make_person
from tests.support import count_text, hrefs, link_to, read_csv_records, row_links, sitemap_locations


@pytest.mark.django_db
class TestPeopleIndex:
    def test_lists_the_demo_speakers_by_name_with_links(self, client, demo):
        response = client.get("/people/")
        assert response.status_code == 200
        links = row_links(response)
        assert "/people/wang-jianchao/" in links
        assert "/people/liu-wei/" in links

    def test_sorted_by_name_and_reversible(self, client, db):
        for name, slug in [("Zhang San", "zhang-san"), ("An Li", "an-li"), ("Ma Lin", "ma-lin")]:
            make_person(name=name, slug=slug)
        assert row_links(client.get("/people/")) == [
            "/people/an-li/",
            "/people/ma-lin/",
            "/people/zhang-san/",
        ]
        assert row_links(client.get("/people/?sort=-name")) == [
            "/people/zhang-san/",
            "/people/ma-lin/",
            "/people/an-li/",
        ]

    def test_search_by_name_and_native_name(self, client, db):
        make_person(name="Li Jinghong", native_name="李景虹", slug="li-jinghong")
        make_person(name="Wang Jianchao", native_name="王建超", slug="wang-jianchao")
        assert row_links(client.get("/people/?q=jinghong")) == ["/people/li-jinghong/"]
        assert row_links(client.get("/people/?q=王建超")) == ["/people/wang-jianchao/"]
        response = client.get("/people/?q=nobody")
        assert row_links(response) == []
        assert "Nothing matches" in response.content.decode()

    def test_no_person_hidden_by_the_public_rule_is_listed(self, client, db):
        make_person(name="Shown Person", slug="shown")
        make_person(name="Hidden Person", slug="hidden")

        public = set(Person.objects.public().values_list("slug", flat=True))
        assert {link.split("/")[2] for link in row_links(client.get("/people/"))} == public

    def test_csv_has_exactly_the_filtered_rows(self, client, db):
        make_person(name="Li Jinghong", native_name="李景虹", slug="li-jinghong")
        make_person(name="Wang Jianchao", slug="wang-jianchao")
        response = client.get("/people/?q=li")
        assert link_to(response, "?q=li&format=csv")
        records = read_csv_records(client.get("/people/?q=li&format=csv"))
        assert [record["Name"] for record in records] == ["Li Jinghong"]
        assert records[0]["Native name"] == "李景虹"

    def test_count_and_bad_input(self, client, db):
        make_person(name="Li Jinghong", slug="li-jinghong")
        assert count_text(client.get("/people/")).startswith("1 person")
        assert client.get("/people/?q=" + "x" * 10_000).status_code == 400
        assert client.get("/people/?sort=bogus").status_code == 400
        assert client.get("/people/?q=%00").status_code in {301, 400}

    def test_linked_from_the_navigation_and_person_breadcrumbs(self, client, demo):
        assert "/people/" in hrefs(client.get("/"))
        assert "/people/" in hrefs(client.get("/people/wang-jianchao/"))

    def test_in_the_sitemap(self, client, demo):
        assert any(location.endswith("/people/") for location in sitemap_locations(client))
