"""CSV import of organizations and people (core/csv_import.py does the reading).

A row finds its stored record by its URL (the column our export writes), else by its
name: for organizations through match_organizations (name, alias or native name,
case and width folded), for people by the exact name. A parent organization is
matched the same way; one that matches nothing is listed and the row refused, never
created.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from core.csv_import import CsvImporter, ImportColumn, ImportPlan, RowPlan, field_parser
from directory.matching import folded, match_organizations
from directory.models import Organization, OrganizationKind, Person


def slug_from_url(url: str) -> str:
    """The record's slug from its public URL: the last part of the path."""
    parts = [part for part in urlsplit(url.strip()).path.split("/") if part]
    return parts[-1] if parts else ""


def parse_kind(value: str) -> str:
    """A kind by its label (as exported) or its stored value; an empty cell is refused
    (it once silently meant “Company” and changed a stored organization's kind)."""
    if not value:
        raise ValidationError("a kind is required (leave the column out to keep it as stored).")
    for stored, label in OrganizationKind.choices:
        if folded(value) in (folded(stored), folded(str(label))):
            return stored
    labels = ", ".join(f"“{label}”" for _, label in OrganizationKind.choices)
    raise ValidationError(f"“{value}” is not a kind; one of {labels}.")


def parse_aliases(value: str) -> str:
    """Other names as exported (“a; b”) or one a line, stored one a line."""
    names = [name.strip() for line in value.splitlines() for name in line.split(";")]
    return "\n".join(name for name in names if name)


def free_slugs(model, names: list[str]) -> dict[str, str]:
    """A slug for each new record's name that no stored record has, in one query."""
    bases = {name: slugify(name)[:190] or model._meta.model_name for name in names}
    candidates = {f"{base}-{n}" if n > 1 else base for base in bases.values() for n in range(1, 21)}
    taken = set(model._base_manager.filter(slug__in=candidates).values_list("slug", flat=True))
    slugs = {}
    for name, base in bases.items():
        for n in range(1, 21):
            slug = f"{base}-{n}" if n > 1 else base
            if slug not in taken:
                taken.add(slug)
                slugs[name] = slug
                break
    return slugs


class RecordByUrlOrName(CsvImporter):
    """Rows found by their URL's slug, else by name (`match_names`)."""

    def match_names(self, names: list[str]) -> tuple[dict[str, object], dict[str, list]]:
        raise NotImplementedError

    def prepare(self, plan: ImportPlan, cells_of: list[dict[str, str]]) -> None:
        slugs = {slug_from_url(c["URL"]) for c in cells_of if c.get("URL")}
        names = [c.get("Name", "") for c in cells_of if not c.get("URL")]
        found, ambiguous = self.match_names(names)
        wanted = {o.pk for o in found.values()}
        stored = self.model._base_manager.filter(slug__in=slugs) | self.model._base_manager.filter(
            pk__in=wanted
        )
        stored = {o.pk: o for o in self.with_related(stored)}
        self._by_slug = {o.slug: o for o in stored.values()}
        self._by_name = {folded(name): stored[o.pk] for name, o in found.items()}
        self._ambiguous = {folded(name) for name in ambiguous}
        names = [c.get("Name", "") for c in cells_of if c.get("Name")]
        self._slugs = free_slugs(self.model, names)

    def with_related(self, queryset):
        return queryset

    def check_row(self, plan: ImportPlan, row: RowPlan, cells: dict[str, str]) -> None:
        name = cells.get("Name", "")
        noun = self.model._meta.verbose_name
        if url := cells.get("URL"):
            row.instance = self._by_slug.get(slug_from_url(url))
            if row.instance is None:
                row.reject(f"URL: no {noun} at “{url}” (leave the URL empty for a new one).")
        elif folded(name) in self._ambiguous:
            row.reject(f"Name: “{name}” is the name of several {noun}s; give the row's URL.")
        else:
            row.instance = self._by_name.get(folded(name))
        row.title = name or (str(row.instance) if row.instance else "")
        if row.instance is None and row.status != "rejected":
            row.extra["key"] = ("name", folded(name))

    def new_instance(self, row: RowPlan):
        return self.model(slug=self._slugs.get(row.values.get("name", ""), ""))


class OrganizationImporter(RecordByUrlOrName):
    model = Organization
    columns = [
        ImportColumn("Name", "name", field_parser(Organization, "name"), required=True),
        ImportColumn("Native name", "native_name", field_parser(Organization, "native_name")),
        ImportColumn("Other names", "aliases", parse_aliases),
        ImportColumn(
            "Kind",
            "kind",
            parse_kind,
            shown=lambda value: str(dict(OrganizationKind.choices).get(value, value)),
        ),
        ImportColumn("Region", "region", field_parser(Organization, "region")),
        ImportColumn("Parent organization", None),
        ImportColumn("Website", "website", field_parser(Organization, "website")),
        ImportColumn("URL", None),
    ]

    def match_names(self, names):
        matches = match_organizations(names)
        return matches.found, matches.ambiguous

    def with_related(self, queryset):
        return queryset.select_related("parent")

    def prepare(self, plan, cells_of):
        super().prepare(plan, cells_of)
        parents = [c["Parent organization"] for c in cells_of if c.get("Parent organization")]
        self._parents = match_organizations(parents)
        self._parents_found = {folded(k): v for k, v in self._parents.found.items()}
        self._parents_ambiguous = {folded(k) for k in self._parents.ambiguous}
        if self._parents.unmatched:
            plan.unmatched["Parent organization"] = self._parents.unmatched

    def check_row(self, plan, row, cells):
        super().check_row(plan, row, cells)
        if "Parent organization" not in cells:
            return
        name = cells["Parent organization"]
        if not name:
            row.values["parent"] = None
        elif folded(name) in self._parents_ambiguous:
            row.reject(f"Parent organization: “{name}” names several organizations.")
        elif folded(name) not in self._parents_found:
            row.reject(
                f"Parent organization: no organization is called “{name}” "
                "(by name, other name or native name). Add it first; the import creates none."
            )
        else:
            parent = self._parents_found[folded(name)]
            if row.instance is not None and parent.pk == row.instance.pk:
                row.reject("Parent organization: an organization cannot be its own parent.")
            row.values["parent"] = parent

    def stored_value(self, instance, attribute):
        if attribute == "aliases":
            return "\n".join(instance.alias_list)
        return super().stored_value(instance, attribute)

    def compare(self, row, headers):
        if "parent" in row.values and row.instance is not None and row.status != "rejected":
            old, new = row.instance.parent, row.values["parent"]
            if (old.pk if old else None) != (new.pk if new else None):
                row.extra["changes"] = [("Parent organization", str(old or ""), str(new or ""))]
        super().compare(row, headers)


class PersonImporter(RecordByUrlOrName):
    model = Person
    columns = [
        ImportColumn("Name", "name", field_parser(Person, "name"), required=True),
        ImportColumn("Native name", "native_name", field_parser(Person, "native_name")),
        ImportColumn("Honorific", "honorific", field_parser(Person, "honorific")),
        ImportColumn("URL", None),
    ]

    def match_names(self, names):
        """People by their exact name (case and width folded), native name too."""
        keys = {folded(n): n.strip() for n in names if n.strip()}
        found, ambiguous = {}, {}
        if not keys:
            return found, ambiguous
        candidates = {}
        typed = list(keys.values())
        for person in Person.objects.filter(name__in=typed) | Person.objects.filter(
            native_name__in=typed
        ):
            for spelling in (person.name, person.native_name):
                if spelling and folded(spelling) in keys:
                    candidates.setdefault(folded(spelling), {})[person.pk] = person
        for key, people in candidates.items():
            if len(people) == 1:
                found[keys[key]] = next(iter(people.values()))
            else:
                ambiguous[keys[key]] = list(people.values())
        return found, ambiguous
