"""CSV import of standards, with their milestones (core/csv_import.py does the reading).

The file is the one our standards export writes. A row finds its standard by its URL
(the export's last column), else by its code, normalized as the model stores it
(full-width forms, dashes and spacing folded); else the row is a new standard, saved
as a draft. The issuing body and the drafting organizations are matched by name,
other name or native name (match_organizations), the committee by name, native name
or code; what matches nothing, or several records, is listed and the row refused:
the import creates no organization or committee.

The standards export has no milestone column, so milestones come in an optional
"Milestones" cell: "2025-09-25 public comment; 2026-01-15 published" (a date and a
status, by label or value, separated by "; "). A milestone not yet stored is added;
the import never removes one. "Mandate" is worked out from the code: read and ignored.
"""

import datetime

from django.core.exceptions import ValidationError

from core.csv_import import CsvImporter, ImportColumn, ImportPlan, RowPlan, field_parser
from directory.imports import free_slugs, slug_from_url
from directory.matching import folded, match_organizations
from standards.codes import normalize_code
from standards.exports import standard_csv
from standards.models import (
    Committee,
    DraftingRole,
    Standard,
    StandardLevel,
    StandardStatus,
    StatusMilestone,
)

TO_BE_IMPLEMENTED = "To be implemented"  # how the export writes 即将实施: published


def choice(choices, noun: str, extra: dict[str, str] | None = None):
    """A required choice read by its label (as exported) or its stored value."""

    def parse(value: str) -> str:
        if not value:
            raise ValidationError(f"a {noun} is required.")
        for spelling, stored in (extra or {}).items():
            if folded(value) == folded(spelling):
                return stored
        for stored, label in choices:
            if folded(value) in (folded(stored), folded(str(label))):
                return stored
        labels = ", ".join(f"“{label}”" for _, label in choices)
        raise ValidationError(f"“{value}” is not a {noun}; one of {labels}.")

    return parse


def parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"“{value}” is not a date; write it as YYYY-MM-DD.") from None


parse_level = choice(StandardLevel.choices, "level")
parse_status = choice(
    StandardStatus.choices, "status", {TO_BE_IMPLEMENTED: StandardStatus.PUBLISHED}
)


def parse_milestones(value: str) -> list[tuple[datetime.date, str]]:
    """“2025-09-25 public comment; 2026-01-15 published” as (date, status) pairs."""
    milestones = []
    for part in (p.strip() for p in value.replace("\n", ";").split(";")):
        if not part:
            continue
        date, _, status = part.partition(" ")
        try:
            milestones.append((parse_date(date), parse_status(status.strip())))
        except ValidationError as error:
            raise ValidationError(
                f"“{part}”: {' '.join(error.messages)} Write each milestone as "
                "“YYYY-MM-DD status”, separated by “; ”."
            ) from None
    return milestones


def split_names(value: str) -> list[str]:
    return [name.strip() for name in value.replace("\n", ";").split(";") if name.strip()]


def label_of(choices):
    return lambda value: str(dict(choices).get(value, value or ""))


READ = [
    ImportColumn("Code", "code", field_parser(Standard, "code")),
    ImportColumn("Title", "title", field_parser(Standard, "title"), required=True),
    ImportColumn("Native title", "native_title", field_parser(Standard, "native_title")),
    ImportColumn("Level", "level", parse_level, shown=label_of(StandardLevel.choices)),
    ImportColumn("Status", "status", parse_status, shown=label_of(StandardStatus.choices)),
    ImportColumn("ISO/IEC stage", "iso_stage", field_parser(Standard, "iso_stage")),
    ImportColumn("Issuing body", None),
    ImportColumn("Committee", None),
    ImportColumn("Published on", "published_on", parse_date),
    ImportColumn("Effective on", "effective_on", parse_date),
    ImportColumn("Withdrawn on", "withdrawn_on", parse_date),
    ImportColumn("Drafting organizations", None),
    ImportColumn("Milestones", None),
    ImportColumn("URL", None),
]
READ_HEADERS = {column.header for column in READ}


class StandardImporter(CsvImporter):
    model = Standard
    help = (
        "A row with a URL updates the standard at that URL; without one, the standard "
        "with that code (compared normalized: full-width forms, dashes and spaces folded), "
        "else a new standard, saved as a draft. Issuing body and drafting organizations "
        "(separated by “; ”) are matched by name, other name or native name, the committee "
        "by name, native name or code; the import creates none. The standards export has "
        "no milestone column: add milestones in a “Milestones” column, e.g. "
        "“2025-09-25 public comment; 2026-01-15 published”; milestones not yet stored are "
        "added, none is removed. “Mandate” follows from the code and is ignored."
    )
    columns = READ + [
        ImportColumn(header, None)
        for header in standard_csv.headers()
        if header not in READ_HEADERS
    ]

    def prepare(self, plan: ImportPlan, cells_of: list[dict[str, str]]) -> None:
        slugs = {slug_from_url(c["URL"]) for c in cells_of if c.get("URL")}
        codes = {normalize_code(c["Code"]) for c in cells_of if c.get("Code")} - {""}
        stored = Standard._base_manager.filter(slug__in=slugs) | Standard._base_manager.filter(
            code_normalized__in=codes
        )
        stored = list(
            stored.select_related("issuing_body", "committee").prefetch_related(
                "drafting_roles__organization", "milestones"
            )
        )
        self._by_slug = {s.slug: s for s in stored}
        self._by_code = {s.code_normalized: s for s in stored if s.code_normalized}
        self._prepare_organizations(plan, cells_of)
        self._prepare_committees(plan, cells_of)
        self._slugs = free_slugs(Standard, [c.get("Code") or c.get("Title", "") for c in cells_of])

    def _prepare_organizations(self, plan, cells_of) -> None:
        names = [c.get("Issuing body", "") for c in cells_of]
        names += [n for c in cells_of for n in split_names(c.get("Drafting organizations", ""))]
        matches = match_organizations(names)
        self._orgs = {folded(k): v for k, v in matches.found.items()}
        self._orgs_ambiguous = {folded(k) for k in matches.ambiguous}
        self._unmatched_orgs = {folded(n) for n in matches.unmatched}
        for header in ("Issuing body", "Drafting organizations"):
            listed = []
            for c in cells_of:
                for name in split_names(c.get(header, "")):
                    if folded(name) in self._unmatched_orgs and name not in listed:
                        listed.append(name)
            if listed:
                plan.unmatched[header] = listed

    def _prepare_committees(self, plan, cells_of) -> None:
        """Committees by name, else native name, else code (the export writes the name)."""
        self._committees: list[dict[str, list[Committee]]] = [{}, {}, {}]
        if not any(c.get("Committee") for c in cells_of):
            return
        for committee in Committee.objects.all():
            spellings = (committee.name, committee.native_name, committee.code)
            for by_spelling, spelling in zip(self._committees, spellings, strict=True):
                if spelling:
                    by_spelling.setdefault(folded(spelling), []).append(committee)
        unmatched = []
        for c in cells_of:
            name = c.get("Committee", "")
            if name and not self._committee_matches(name) and name not in unmatched:
                unmatched.append(name)
        if unmatched:
            plan.unmatched["Committee"] = unmatched

    def _committee_matches(self, name: str) -> list[Committee]:
        for by_spelling in self._committees:
            if found := by_spelling.get(folded(name)):
                return found
        return []

    def _organization(self, row: RowPlan, header: str, name: str):
        if folded(name) in self._orgs_ambiguous:
            row.reject(f"{header}: “{name}” names several organizations.")
        elif folded(name) not in self._orgs:
            row.reject(
                f"{header}: no organization is called “{name}” (by name, other name or "
                "native name). Add it first; the import creates none."
            )
        else:
            return self._orgs[folded(name)]
        return None

    def _find(self, row: RowPlan, cells: dict[str, str]) -> None:
        if url := cells.get("URL"):
            row.instance = self._by_slug.get(slug_from_url(url))
            if row.instance is None:
                row.reject(f"URL: no standard at “{url}” (leave the URL empty for a new one).")
        elif code := normalize_code(cells.get("Code", "")):
            row.instance = self._by_code.get(code)
            if row.instance is None:
                row.extra["key"] = ("code", code)
        if row.instance is None and row.status != "rejected":
            for header in ("Level", "Status"):
                if header not in cells:
                    row.reject(f"{header}: a new standard needs one (the column is missing).")

    def _related(self, row: RowPlan, cells: dict[str, str]) -> None:
        stored = row.instance
        changes = row.extra.setdefault("changes", [])
        if "Issuing body" in cells:
            name = cells["Issuing body"]
            body = self._organization(row, "Issuing body", name) if name else None
            row.values["issuing_body"] = body
            if stored and stored.issuing_body_id != (body.pk if body else None):
                changes.append(("Issuing body", str(stored.issuing_body or ""), str(body or "")))
        if "Committee" in cells:
            name, committee = cells["Committee"], None
            found = self._committee_matches(name) if name else []
            if name and len(found) != 1:
                row.reject(
                    f"Committee: “{name}” names several committees."
                    if found
                    else f"Committee: no committee is called “{name}” (by name, native name "
                    "or code). Add it first; the import creates none."
                )
            committee = found[0] if len(found) == 1 else None
            row.values["committee"] = committee
            if stored and stored.committee_id != (committee.pk if committee else None):
                changes.append(("Committee", str(stored.committee or ""), str(committee or "")))
        self._drafters_and_milestones(row, cells, changes)

    def _drafters_and_milestones(self, row: RowPlan, cells: dict[str, str], changes) -> None:
        stored = row.instance
        if "Drafting organizations" in cells:
            names = split_names(cells["Drafting organizations"])
            drafters = [self._organization(row, "Drafting organizations", n) for n in names]
            drafters = list({o.pk: o for o in drafters if o}.values())
            row.extra["drafters"] = drafters
            old = sorted(r.organization.name for r in stored.drafting_roles.all()) if stored else []
            if stored and old != sorted(o.name for o in drafters):
                changes.append(
                    ("Drafting organizations", "; ".join(old), "; ".join(o.name for o in drafters))
                )
        if "Milestones" in cells:
            try:
                milestones = parse_milestones(cells["Milestones"])
            except ValidationError as error:
                row.reject(f"Milestones: {' '.join(error.messages)}")
                return
            have = {(m.date, m.status) for m in stored.milestones.all()} if stored else set()
            added = [m for m in dict.fromkeys(milestones) if m not in have]
            row.extra["milestones"] = added
            if added and stored:
                shown = "; ".join(f"{d:%Y-%m-%d} {StandardStatus(s).label}" for d, s in added)
                changes.append(("Milestones", "", f"added: {shown}"))

    def check_row(self, plan: ImportPlan, row: RowPlan, cells: dict[str, str]) -> None:
        row.title = " ".join(p for p in (cells.get("Code", ""), cells.get("Title", "")) if p)
        self._find(row, cells)
        if row.status == "rejected":
            return
        self._related(row, cells)
        stored = row.instance
        published = row.values.get("published_on", stored.published_on if stored else None)
        effective = row.values.get("effective_on", stored.effective_on if stored else None)
        if published and effective and effective < published:
            row.reject("Effective on: the effective date cannot be before the publication date.")
        if row.status != "rejected" and "key" not in row.extra and row.instance is None:
            row.extra["key"] = ("title", folded(cells.get("Title", "")))

    def stored_value(self, instance, attribute):
        if attribute == "status" and instance.is_to_be_implemented:
            return StandardStatus.PUBLISHED
        return super().stored_value(instance, attribute)

    def new_instance(self, row: RowPlan):
        name = row.values.get("code") or row.values.get("title", "")
        return Standard(slug=self._slugs.get(name, ""))

    def after_save(self, row: RowPlan, instance, reason: str) -> None:
        if "drafters" in row.extra:
            wanted = {o.pk: o for o in row.extra["drafters"]}
            roles = list(instance.drafting_roles.all()) if row.instance else []
            for role in roles:
                if role.organization_id not in wanted:
                    role._change_reason = reason
                    role.delete()
            kept = {role.organization_id for role in roles}
            for order, organization in enumerate(wanted.values()):
                if organization.pk not in kept:
                    role = DraftingRole(standard=instance, organization=organization, order=order)
                    role._change_reason = reason
                    role.save()
        if row.extra.get("milestones"):
            for date, status in row.extra["milestones"]:
                milestone = StatusMilestone(standard=instance, date=date, status=status)
                milestone._change_reason = reason
                milestone.save()
            instance._change_reason = reason
            instance.sync_status_from_milestones()
