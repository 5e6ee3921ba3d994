"""Organizations and people: names, links, aliases and kinds."""

import pytest

from directory.models import Organization, OrganizationKind
from tests.directory.factories import make_organization, make_person

pytestmark = pytest.mark.django_db


class TestRecords:
    def test_names_read_as_people_write_them(self):
        organization = make_organization(name="SAI Laboratory")
        assert str(organization) == "SAI Laboratory"

    def test_public_records_link_to_their_pages(self):
        organization = make_organization(slug="sai-laboratory")
        person = make_person(slug="li-jinghong")
        assert organization.get_absolute_url() == "/organizations/sai-laboratory/"
        assert person.get_absolute_url() == "/people/li-jinghong/"

    def test_aliases_are_one_per_line(self):
        organization = make_organization(aliases="SAI Laboratory\n\n  CESI SAI  \n")
        assert organization.alias_list == ["SAI Laboratory", "CESI SAI"]

    def test_kinds_are_labelled_choices(self):
        organization = make_organization(kind=OrganizationKind.LABORATORY)
        assert organization.get_kind_display() == "Laboratory"
        assert Organization._meta.get_field("kind").choices == OrganizationKind.choices
