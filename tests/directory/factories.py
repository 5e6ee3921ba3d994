"""Builders for organizations and people: each makes a valid record with overridable fields."""

from directory.models import Organization, OrganizationKind, Person
from tests.core.factories import next_number


def make_organization(**fields) -> Organization:
    n = next_number()
    fields.setdefault("name", f"Organization {n}")
    fields.setdefault("slug", f"organization-{n}")
    fields.setdefault("kind", OrganizationKind.COMPANY)
    return Organization.objects.create(**fields)


def make_person(**fields) -> Person:
    n = next_number()
    fields.setdefault("name", f"Person {n}")
    fields.setdefault("slug", f"person-{n}")
    return Person.objects.create(**fields)
