"""Synthetic organizations and people."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from directory.models import Organization, Person
from directory.models import OrganizationKind as K

from .base import Builder
from .marks import SYNTHETIC_PREFIX
from .plan import NATIVE_NAME_SHARE, organization_kind_counts
from .vocabulary import (
    AGENCIES,
    ASSOCIATION_KINDS,
    ASSOCIATION_PREFIXES,
    CITIES,
    FOREIGN_BRANDS,
    FOREIGN_PEOPLE,
    FOREIGN_PLACES,
    GIVEN,
    HONORIFICS,
    INDUSTRIES,
    INSTITUTE_TOPICS,
    LAB_TOPICS,
    OTHER_KINDS,
    SURNAMES,
    SYLLABLES,
)


@dataclass
class OrgInfo:
    """What later stages need of an organization, without keeping the model object."""

    pk: int
    kind: str
    city: str
    native_city: str
    name: str
    native_name: str
    brand: str


@dataclass
class Directory:
    """The organizations (and people) the other stages pick from."""

    orgs: list[OrgInfo]
    # An association's code prefix (its alias), for the codes of the standards it issues.
    association_prefix: dict[int, str]
    person_pks: list[int] = field(default_factory=list)
    by_kind: dict[str, list[OrgInfo]] = field(init=False)
    companies: list[OrgInfo] = field(init=False)
    not_companies: list[OrgInfo] = field(init=False)
    # Who organizes forums, convenes meetings and issues standards.
    bodies: list[OrgInfo] = field(init=False)
    # Whose people give talks.
    experts: list[OrgInfo] = field(init=False)

    def __post_init__(self):
        self.by_kind = {}
        for info in self.orgs:
            self.by_kind.setdefault(info.kind, []).append(info)
        self.companies = self.by_kind.get(K.COMPANY, [])
        self.not_companies = [o for o in self.orgs if o.kind != K.COMPANY] or self.orgs
        self.bodies = (
            self.by_kind.get(K.ASSOCIATION, [])
            + self.by_kind.get(K.GOVERNMENT_AGENCY, [])
            + self.by_kind.get(K.RESEARCH_INSTITUTE, [])
        ) or self.orgs
        self.experts = [o for o in self.orgs if o.kind != K.GOVERNMENT_AGENCY] or self.orgs


@dataclass
class Naming:
    """Where an organization is and what it is called."""

    city: str
    native_city: str
    region: str
    brand_en: str
    brand_cn: str
    name: str = ""
    native_name: str = ""
    aliases: str = ""
    parent_wanted: bool = False


class OrganizationNames:
    """Names in the shape of the real ones, one method per kind of organization."""

    def __init__(self, builder: Builder):
        self.b = builder
        self.rng = builder.rng
        self.associations = 0
        self.by_kind = {
            K.COMPANY: self.company,
            K.RESEARCH_INSTITUTE: self.research_institute,
            K.UNIVERSITY: self.university,
            K.LABORATORY: self.laboratory,
            K.ASSOCIATION: self.association,
            K.GOVERNMENT_AGENCY: self.government_agency,
        }

    def __call__(self, kind: str) -> Naming:
        city, native_city, region = self.rng.choice(CITIES)
        brand = self.rng.choice(SYLLABLES)
        brand2 = self.rng.choice(SYLLABLES)
        naming = Naming(
            city, native_city, region, brand[0] + brand2[0].lower(), brand[1] + brand2[1]
        )
        self.by_kind.get(kind, self.other)(naming)
        if naming.native_name and not self.b.chance(NATIVE_NAME_SHARE["organizations"]):
            naming.native_name = ""
        return naming

    def company(self, n: Naming) -> None:
        if self.b.chance(0.05):
            self.foreign_company(n)
            return
        industry, industry_cn = self.rng.choice(INDUSTRIES)
        group = self.b.chance(0.04)
        n.name = f"{n.city} {n.brand_en} {industry} {'Group ' if group else ''}Co., Ltd."
        n.native_name = f"{n.native_city}{n.brand_cn}{industry_cn}{'集团' if group else ''}有限公司"
        if self.b.chance(0.3):
            n.aliases = f"{n.brand_en} {industry.split()[0]}\n{n.brand_cn}{industry_cn}"
        n.parent_wanted = self.b.chance(0.05)

    def foreign_company(self, n: Naming) -> None:
        place, country, suffix = self.rng.choice(FOREIGN_PLACES)
        n.brand_en = self.rng.choice(FOREIGN_BRANDS)
        n.name = f"{n.brand_en} {self.rng.choice(['Energy', 'Cells', 'Battery Systems'])} {suffix}"
        n.native_name, n.region, n.city, n.native_city = "", country, place, ""

    def research_institute(self, n: Naming) -> None:
        topic, topic_cn = self.rng.choice(INSTITUTE_TOPICS)
        n.name = f"{n.city} Institute of {topic}"
        n.native_name = f"{n.native_city}{topic_cn}研究院"

    def university(self, n: Naming) -> None:
        style = self.rng.randrange(3)
        n.name = [
            f"{n.city} University of Science and Technology",
            f"{n.city} University",
            f"{n.city} {n.brand_en} Institute of Technology",
        ][style]
        n.native_name = [
            f"{n.native_city}科技大学",
            f"{n.native_city}大学",
            f"{n.native_city}{n.brand_cn}理工学院",
        ][style]

    def laboratory(self, n: Naming) -> None:
        topic, topic_cn = self.rng.choice(LAB_TOPICS)
        n.name = f"{n.city} {n.brand_en} {topic}"
        n.native_name = f"{n.native_city}{n.brand_cn}{topic_cn}"
        n.parent_wanted = self.b.chance(0.6)

    def association(self, n: Naming) -> None:
        """Each association has its own code prefix (CNESA, CNESAA, …), kept as its alias."""
        self.associations += 1
        base_prefix = ASSOCIATION_PREFIXES[(self.associations - 1) % len(ASSOCIATION_PREFIXES)]
        round_ = (self.associations - 1) // len(ASSOCIATION_PREFIXES)
        prefix = base_prefix if round_ == 0 else f"{base_prefix}{chr(ord('A') + round_ % 26)}"
        topic, topic_cn = self.rng.choice(ASSOCIATION_KINDS)
        province = n.region.split(",")[0]
        n.name = f"{province} {topic}"
        n.native_name = f"{n.native_city}{topic_cn}"
        n.aliases = prefix

    def government_agency(self, n: Naming) -> None:
        agency, agency_cn = self.rng.choice(AGENCIES)
        n.name = f"{n.city} Municipal {agency}"
        n.native_name = f"{n.native_city}市{agency_cn}"

    def other(self, n: Naming) -> None:
        other, other_cn = self.rng.choice(OTHER_KINDS)
        n.name = f"{n.city} {n.brand_en} {other}"
        n.native_name = f"{n.native_city}{n.brand_cn}{other_cn}"


def organizations(b: Builder) -> Directory:
    """The organizations, parents (one level deep) saved before their children."""
    kinds = organization_kind_counts(b.scale)
    plan_rows = [kind for kind, count in kinds.items() for _ in range(count)]
    b.rng.shuffle(plan_rows)
    names = OrganizationNames(b)
    top, children = [], []
    for index, kind in enumerate(plan_rows, start=1):
        naming = names(kind)
        org = Organization(
            name=naming.name,
            native_name=naming.native_name,
            aliases=naming.aliases,
            slug=f"{SYNTHETIC_PREFIX}{slugify(naming.name)[:150]}-{index}",
            kind=kind,
            region=naming.region,
            website=f"https://{slugify(naming.brand_en)}{index}.example.com"
            if b.chance(0.4)
            else "",
            description=(
                f"{naming.name} works on sodium-ion batteries in {naming.city}."
                if b.chance(0.3)
                else ""
            ),
            source=b.source,
        )
        org._naming = naming
        (children if naming.parent_wanted else top).append(org)
    b.save(Organization, top)
    choose_parents(b, top, children)
    b.save(Organization, children)
    return Directory(
        orgs=[org_info(org) for org in top + children],
        association_prefix={
            org.pk: org.aliases for org in top + children if org.kind == K.ASSOCIATION
        },
    )


def choose_parents(b: Builder, top: list[Organization], children: list[Organization]) -> None:
    """A laboratory belongs to an institute or university; a company to a group."""
    parents_by_kind: dict[str, list[Organization]] = {}
    for org in top:
        parents_by_kind.setdefault(org.kind, []).append(org)
    for org in children:
        candidates = (
            parents_by_kind.get(K.RESEARCH_INSTITUTE, []) + parents_by_kind.get(K.UNIVERSITY, [])
            if org.kind == K.LABORATORY
            else [o for o in parents_by_kind.get(K.COMPANY, []) if "Group" in o.name]
        )
        org.parent = b.rng.choice(candidates) if candidates else None


def org_info(org: Organization) -> OrgInfo:
    naming = org._naming
    return OrgInfo(
        org.pk,
        org.kind,
        naming.city,
        naming.native_city,
        org.name,
        org.native_name,
        naming.brand_en,
    )


def people(b: Builder) -> list[int]:
    """The people's primary keys."""
    people = []
    for index in range(1, b.counts["people"] + 1):
        honorific = b.rng.choice(HONORIFICS) if b.chance(0.1) else ""
        name, native_name = person_name(b)
        people.append(
            Person(
                name=name,
                native_name=native_name,
                honorific=honorific,
                slug=f"{SYNTHETIC_PREFIX}{slugify(name)}-{index}",
                source=b.source,
            )
        )
    return [p.pk for p in b.save(Person, people)]


def person_name(b: Builder) -> tuple[str, str]:
    """(name, native name): mostly Chinese names, some foreign ones."""
    if b.chance(0.12):
        first, last = b.rng.choice(FOREIGN_PEOPLE)
        return f"{first} {last}", ""
    surname, surname_cn = b.rng.choice(SURNAMES)
    given = b.rng.sample(GIVEN, b.rng.choice([1, 2, 2]))
    name = f"{surname} {''.join(g[0] for g in given).capitalize()}"
    native_name = surname_cn + "".join(g[1] for g in given)
    if not b.chance(NATIVE_NAME_SHARE["people"]):
        native_name = ""
    return name, native_name
