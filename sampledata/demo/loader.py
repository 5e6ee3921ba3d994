"""Read the demo data file and create the records it describes that are missing.

Create-only: a record that already exists is left exactly as it is, so a change an
editor made is never undone, and a second run changes no row at all. A record is found
by its entry's key in the ledger of what earlier runs made (sampledata.models.DemoRecord),
so an editor may change even the fields it was first matched by; an entry the ledger
lacks (or whose record was deleted) is matched by its slug, or by the natural key the
data file names for records without one, as before the ledger existed.
"""

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, TextChoices

from core.models import Source, Visibility
from directory.models import Organization, OrganizationKind, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import (
    Forum,
    ForumSeries,
    OrganizerRole,
    OrganizerRoleKind,
    PersonRole,
    PersonRoleKind,
    Session,
    SessionKind,
    Talk,
    TalkKind,
    TalkSpeaker,
)
from sampledata.models import DemoRecord
from standards.models import Committee, CommitteeKind, Standard, StandardLevel, StandardStatus

DEMO_FILE = Path(__file__).with_name("weihai-2025.toml")

SECTIONS = {
    "source",
    "organizations",
    "people",
    "forum_series",
    "forums",
    "sessions",
    "talks",
    "person_roles",
    "committees",
    "standards",
    "evaluation_programs",
    "evaluation_batches",
}
FORUM_FIELDS = {
    "edition_number",
    "title",
    "start_date",
    "city",
    "region",
    "attendees",
    "attendees_is_lower_bound",
    "attending_organizations",
    "attending_organizations_is_lower_bound",
    "online_viewers",
    "online_viewers_is_lower_bound",
    "summary",
}


class DemoFileError(Exception):
    """The data file says something the loader cannot turn into records."""


def read(path: Path = DEMO_FILE) -> dict:
    with path.open("rb") as file:
        data = tomllib.load(file)
    if unknown := data.keys() - SECTIONS:
        raise DemoFileError(f"{path.name}: unknown sections {', '.join(sorted(unknown))}")
    return data


def load(path: Path = DEMO_FILE) -> "Report":
    """Create the file's missing records, in one transaction; what was created and skipped."""
    data = read(path)
    with transaction.atomic():
        return DemoLoader(data).run()


def fields(where: str, entry: dict, required: Iterable[str], optional: Iterable[str] = ()):
    """The entry, once it has every required field and no field the section lacks."""
    required, allowed = set(required), {*required, *optional}
    if missing := required - entry.keys():
        raise DemoFileError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown := entry.keys() - allowed:
        raise DemoFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return entry


def choice(choices: type[TextChoices], value: str, where: str):
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(choices.values)
        raise DemoFileError(f"{where}: {value!r} is not one of {allowed}") from None


@dataclass
class Report:
    """What a run created and what it left alone because it already existed."""

    created: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    records: list[tuple[bool, Model]] = field(default_factory=list)

    def summary(self) -> str:
        created, skipped = self.created.total(), self.skipped.total()
        records = "record" if created == 1 else "records"
        if not skipped:
            return f"Created {created} {records}; 0 skipped."
        exist = "exists" if skipped == 1 else "exist"
        return f"Created {created} {records}; skipped {skipped} that already {exist}."

    def by_model(self) -> list[str]:
        """One line per kind of record: how many were created and skipped."""
        lines = []
        for name in dict.fromkeys([*self.created, *self.skipped]):
            counts = [(self.created[name], "created"), (self.skipped[name], "skipped")]
            lines.append(f"{name}: " + ", ".join(f"{n} {verb}" for n, verb in counts if n))
        return lines


class Ledger:
    """What earlier runs made, by the key of the data file's entry: DemoRecord rows."""

    def __init__(self):
        self.rows = {row.key: row for row in DemoRecord.objects.all()}

    def find(self, key: str, model: type[Model]) -> Model | None:
        """The record the ledger names for the key, if it still exists."""
        row = self.rows.get(key)
        if row is None or row.content_type_id != ContentType.objects.get_for_model(model).pk:
            return None
        return model.objects.filter(pk=row.object_id).first()

    def record(self, key: str, obj: Model) -> None:
        """Note the key's record; writes nothing when the ledger already says so."""
        content_type = ContentType.objects.get_for_model(obj)
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = DemoRecord.objects.create(
                key=key, content_type=content_type, object_id=obj.pk
            )
        elif (row.content_type_id, row.object_id) != (content_type.pk, obj.pk):
            row.content_type, row.object_id = content_type, obj.pk
            row.save(update_fields=["content_type", "object_id"])


class CreateOnly:
    """Find the record of an entry by its key or lookup, or create it if missing.

    `key` names the entry as the data file does (its slugs and keys, never a value an
    editor may change); `lookup` is how a record that the ledger lacks is matched.
    """

    def __init__(self):
        self.report = Report()
        self.ledger = Ledger()
        self.keys: set[str] = set()

    def __call__(self, key: str, model: type[Model], lookup: dict, values=None, links=None):
        if key in self.keys:
            raise DemoFileError(f"two entries are the same demo record {key!r}")
        self.keys.add(key)
        name = model._meta.verbose_name_plural.capitalize()
        existing = self.ledger.find(key, model)
        if existing is None:
            existing = model.objects.filter(**lookup).first()
        if existing is not None:
            self.ledger.record(key, existing)
            self.report.skipped[name] += 1
            self.report.records.append((False, existing))
            return existing
        obj = model.objects.create(**lookup, **(values or {}))
        for relation, related in (links or {}).items():
            if related:
                getattr(obj, relation).set(related)
        self.ledger.record(key, obj)
        self.report.created[name] += 1
        self.report.records.append((True, obj))
        return obj


class DemoLoader:
    """The sections of the data file, in the order their records refer to each other."""

    def __init__(self, data: dict):
        self.data = data
        self.create = CreateOnly()
        self.records: dict[str, dict[str, Model]] = {
            "organizations": {},
            "people": {},
            "forum_series": {},
            "forums": {},
            "sessions": {},
            "standards": {},
            "evaluation_programs": {},
        }

    def run(self) -> Report:
        self.source()
        self.organizations()
        self.people()
        self.forum_series()
        self.forums()
        self.sessions()
        self.talks()
        self.person_roles()
        self.committees()
        self.standards()
        self.evaluation_programs()
        self.evaluation_batches()
        return self.create.report

    def ref(self, section: str, key: str, where: str) -> Model:
        """The record of `section` that `key` (a slug, or a session's key) names above."""
        try:
            return self.records[section][key]
        except KeyError:
            raise DemoFileError(f"{where}: no {section} entry {key!r} above") from None

    def optional_ref(self, section: str, key: str | None, where: str) -> Model | None:
        return self.ref(section, key, where) if key else None

    def section(self, name: str):
        return self.data.get(name, {})

    # --- the sections ------------------------------------------------------------------

    def source(self) -> None:
        entry = fields("source", self.section("source"), ["url", "title"], ["publication"])
        self.cited = {
            "source": self.create(
                f"source:{entry['url']}",
                Source,
                {"url": entry["url"]},
                {"title": entry["title"], "publication": entry.get("publication", "")},
            )
        }

    def organizations(self) -> None:
        for slug, entry in self.section("organizations").items():
            where = f"organizations.{slug}"
            fields(where, entry, ["name", "kind"], ["region", "parent", "aliases"])
            self.records["organizations"][slug] = self.create(
                f"organization:{slug}",
                Organization,
                {"slug": slug},
                {
                    "name": entry["name"],
                    "kind": choice(OrganizationKind, entry["kind"], where),
                    "region": entry.get("region", ""),
                    "aliases": "\n".join(entry.get("aliases", [])),
                    "parent": self.optional_ref("organizations", entry.get("parent"), where),
                    **self.cited,
                },
            )

    def people(self) -> None:
        for slug, entry in self.section("people").items():
            fields(f"people.{slug}", entry, ["name"], ["honorific"])
            self.records["people"][slug] = self.create(
                f"person:{slug}",
                Person,
                {"slug": slug},
                {"name": entry["name"], "honorific": entry.get("honorific", ""), **self.cited},
            )

    def forum_series(self) -> None:
        for slug, entry in self.section("forum_series").items():
            fields(f"forum_series.{slug}", entry, ["name"])
            self.records["forum_series"][slug] = self.create(
                f"forum_series:{slug}", ForumSeries, {"slug": slug}, {"name": entry["name"]}
            )

    def forums(self) -> None:
        for slug, entry in self.section("forums").items():
            where = f"forums.{slug}"
            fields(
                where,
                entry,
                ["series", "title", "start_date"],
                FORUM_FIELDS | {"visibility", "organizers"},
            )
            forum = self.create(
                f"forum:{slug}",
                Forum,
                {"slug": slug},
                {
                    "series": self.ref("forum_series", entry["series"], where),
                    **{name: entry[name] for name in FORUM_FIELDS if name in entry},
                    "visibility": choice(Visibility, entry.get("visibility", "draft"), where),
                    **self.cited,
                },
            )
            self.records["forums"][slug] = forum
            self.organizer_roles(forum, slug, entry.get("organizers", []), where)

    def organizer_roles(self, forum: Forum, slug: str, organizers: list[dict], where: str):
        for order, entry in enumerate(organizers):
            here = f"{where}.organizers[{order}]"
            fields(here, entry, ["organization", "role"])
            self.create(
                f"organizer_role:{slug}/{entry['organization']}/{entry['role']}",
                OrganizerRole,
                {
                    "forum": forum,
                    "organization": self.ref("organizations", entry["organization"], here),
                    "role": choice(OrganizerRoleKind, entry["role"], here),
                },
                {"order": order},
            )

    def sessions(self) -> None:
        orders: Counter = Counter()
        for index, entry in enumerate(self.section("sessions")):
            where = f"sessions[{index}]"
            fields(
                where,
                entry,
                ["key", "forum", "title", "kind"],
                ["date", "convened_by", "description", "organizations"],
            )
            if entry["key"] in self.records["sessions"]:
                raise DemoFileError(f"{where}: a session above has the key {entry['key']!r}")
            forum = self.ref("forums", entry["forum"], where)
            self.records["sessions"][entry["key"]] = self.create(
                f"session:{entry['forum']}/{entry['key']}",
                Session,
                {"forum": forum, "title": entry["title"]},
                {
                    "kind": choice(SessionKind, entry["kind"], where),
                    "order": orders[forum.pk],
                    "date": entry.get("date"),
                    "description": entry.get("description", ""),
                    "convened_by": self.optional_ref(
                        "organizations", entry.get("convened_by"), where
                    ),
                },
                links={
                    "organizations": [
                        self.ref("organizations", slug, where)
                        for slug in entry.get("organizations", [])
                    ]
                },
            )
            orders[forum.pk] += 1

    def talks(self) -> None:
        for index, entry in enumerate(self.section("talks")):
            where = f"talks[{index}]"
            fields(
                where,
                entry,
                ["forum", "order", "title", "kind", "speakers"],
                ["session", "summary"],
            )
            name = f"{entry['forum']}/{entry['order']}"
            talk = self.create(
                f"talk:{name}",
                Talk,
                {"forum": self.ref("forums", entry["forum"], where), "order": entry["order"]},
                {
                    "session": self.optional_ref("sessions", entry.get("session"), where),
                    "title": entry["title"],
                    "kind": choice(TalkKind, entry["kind"], where),
                    "summary": entry.get("summary", ""),
                },
            )
            self.speakers(talk, name, entry["speakers"], where)

    def speakers(self, talk: Talk, talk_name: str, speakers: list[dict], where: str) -> None:
        for order, entry in enumerate(speakers):
            here = f"{where}.speakers[{order}]"
            fields(here, entry, ["organization"], ["person", "position"])
            # Named by who speaks, so that a speaker added above another keeps its key.
            who = "/".join(filter(None, [entry["organization"], entry.get("person")]))
            self.create(
                f"talk_speaker:{talk_name}/{who}",
                TalkSpeaker,
                {"talk": talk, "order": order},
                {
                    "person": self.optional_ref("people", entry.get("person"), here),
                    "organization": self.ref("organizations", entry["organization"], here),
                    "position": entry.get("position", ""),
                },
            )

    def person_roles(self) -> None:
        orders: Counter = Counter()
        for index, entry in enumerate(self.section("person_roles")):
            where = f"person_roles[{index}]"
            fields(
                where,
                entry,
                ["forum", "person", "role", "organization"],
                ["position", "sessions"],
            )
            forum = self.ref("forums", entry["forum"], where)
            self.create(
                f"person_role:{entry['forum']}/{entry['person']}/{entry['role']}",
                PersonRole,
                {
                    "forum": forum,
                    "person": self.ref("people", entry["person"], where),
                    "role": choice(PersonRoleKind, entry["role"], where),
                },
                {
                    "organization": self.ref("organizations", entry["organization"], where),
                    "position": entry.get("position", ""),
                    "order": orders[forum.pk],
                },
                links={
                    "sessions": [
                        self.ref("sessions", key, where) for key in entry.get("sessions", [])
                    ]
                },
            )
            orders[forum.pk] += 1

    def committees(self) -> None:
        for slug, entry in self.section("committees").items():
            where = f"committees.{slug}"
            fields(where, entry, ["name", "kind", "organization"], ["meetings"])
            self.create(
                f"committee:{slug}",
                Committee,
                {"slug": slug},
                {
                    "name": entry["name"],
                    "kind": choice(CommitteeKind, entry["kind"], where),
                    "organization": self.ref("organizations", entry["organization"], where),
                    **self.cited,
                },
                links={
                    "meetings": [
                        self.ref("sessions", key, where) for key in entry.get("meetings", [])
                    ]
                },
            )

    def standards(self) -> None:
        for slug, entry in self.section("standards").items():
            where = f"standards.{slug}"
            fields(where, entry, ["code", "title", "level", "status"], ["visibility"])
            self.records["standards"][slug] = self.create(
                f"standard:{slug}",
                Standard,
                {"slug": slug},
                {
                    "code": entry["code"],
                    "title": entry["title"],
                    "level": choice(StandardLevel, entry["level"], where),
                    "status": choice(StandardStatus, entry["status"], where),
                    "visibility": choice(Visibility, entry.get("visibility", "draft"), where),
                    **self.cited,
                },
            )

    def evaluation_programs(self) -> None:
        for slug, entry in self.section("evaluation_programs").items():
            where = f"evaluation_programs.{slug}"
            fields(
                where,
                entry,
                ["name", "basis_standard", "operator", "laboratory"],
                ["description"],
            )
            self.records["evaluation_programs"][slug] = self.create(
                f"evaluation_program:{slug}",
                EvaluationProgram,
                {"slug": slug},
                {
                    "name": entry["name"],
                    "description": entry.get("description", ""),
                    "basis_standard": self.ref("standards", entry["basis_standard"], where),
                    "operator": self.ref("organizations", entry["operator"], where),
                    "laboratory": self.ref("organizations", entry["laboratory"], where),
                    **self.cited,
                },
            )

    def evaluation_batches(self) -> None:
        for index, entry in enumerate(self.section("evaluation_batches")):
            where = f"evaluation_batches[{index}]"
            fields(
                where,
                entry,
                ["program", "number", "slug", "outcome", "organizations"],
                ["announced_at", "visibility"],
            )
            name = f"{entry['program']}/{entry['number']}"
            batch = self.create(
                f"evaluation_batch:{name}",
                EvaluationBatch,
                {
                    "program": self.ref("evaluation_programs", entry["program"], where),
                    "number": entry["number"],
                },
                {
                    "slug": entry["slug"],
                    "announced_at": self.optional_ref("forums", entry.get("announced_at"), where),
                    "visibility": choice(Visibility, entry.get("visibility", "draft"), where),
                    **self.cited,
                },
            )
            outcome = choice(Outcome, entry["outcome"], where)
            for order, slug in enumerate(entry["organizations"]):
                self.create(
                    f"evaluation_result:{name}/{slug}",
                    EvaluationResult,
                    {
                        "batch": batch,
                        "organization": self.ref("organizations", slug, where),
                        "product": "",
                    },
                    {"outcome": outcome, "order": order},
                )
