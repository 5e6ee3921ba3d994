"""Merging duplicate organizations: one record keeps everything the others held.

Every record that points at an organization is found through the model's reverse
relations, whatever app it lives in (results, talk credits, organizer and person roles,
drafting credits, sessions, committees, programs, child organizations, issued
standards…), so a relation added later moves too. A merge runs in one transaction:
each moved row is saved with a change reason, the survivor's history says what it took
in and the merged record's history that it was merged, and the merged record's slug
leads to the survivor's page (301).

A clash is a row that would break a unique constraint once moved, e.g. the merged
organization's result in a batch where the survivor already has a result for the same
product: the survivor's row is kept and the merged organization's duplicate is deleted
(recorded in its history). The confirmation page lists each such row first. Among the
merged records, the first listed wins in the same way.
"""

from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q

from core.models import change_reason
from core.redirects import point_slugs_at
from core.signals import bulk_change
from directory.models import Organization

# Fields a survivor left empty take the first merged record's value.
FILLED_FROM_MERGED = ["native_name", "region", "website", "description", "source", "parent"]


@dataclass
class Reference:
    """A way rows point at an organization: a foreign key, or a plain many-to-many's table."""

    model: type[models.Model]
    field_name: str
    label: str
    link_field: str = ""  # the many-to-many table's other column

    def rows(self, organizations) -> models.QuerySet:
        return self.model._base_manager.filter(**{f"{self.field_name}__in": organizations})

    def clashes(self, organization, winners) -> models.QuerySet:
        """`organization`'s rows whose twin, held by one of `winners`, is kept instead."""
        mine = self.rows([organization])
        if self.link_field:
            twins = self.rows(winners).filter(**{self.link_field: OuterRef(self.link_field)})
            return mine.filter(Exists(twins))
        clashing = Q(pk__in=[])
        for fields, condition in _unique_sets(self.model):
            if self.field_name not in fields:
                continue
            others = [name for name in fields if name != self.field_name]
            twins = self.rows(winners).filter(**{name: OuterRef(name) for name in others})
            if condition is not None:
                twins = twins.filter(condition)
            clashing |= Q(condition or Q(), Exists(twins))
        return mine.filter(clashing)


def _unique_sets(model) -> list[tuple[list[str], Q | None]]:
    """Each set of fields the model keeps unique, with the constraint's condition."""
    sets = [(list(names), None) for names in model._meta.unique_together]
    sets += [
        (list(constraint.fields), constraint.condition)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    return sets


def organization_references() -> list[Reference]:
    references = []
    for relation in Organization._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                continue  # a model of its own (drafting roles): moved through its foreign key
            references.append(
                Reference(
                    through,
                    relation.field.m2m_reverse_field_name(),
                    str(relation.related_model._meta.verbose_name_plural),
                    link_field=relation.field.m2m_field_name(),
                )
            )
        else:
            verbose = relation.related_model._meta.verbose_name_plural
            label = f"{verbose} ({relation.field.verbose_name})"
            references.append(Reference(relation.related_model, relation.field.name, label))
    return references


@dataclass
class MergePlan:
    """What a merge will do, for the confirmation page; nothing is changed by making it."""

    survivor: Organization
    merged: list[Organization]
    moves: list[tuple[str, int]] = field(default_factory=list)  # label, rows moved
    clashes: list[tuple[str, models.Model]] = field(default_factory=list)  # label, row dropped
    aliases: list[str] = field(default_factory=list)


def organization_merge_plan(*, survivor: Organization, merged: list[Organization]) -> MergePlan:
    plan = MergePlan(survivor, merged, aliases=_merged_aliases(survivor, merged))
    for reference in organization_references():
        dropped = []
        for index, organization in enumerate(merged):
            winners = [survivor, *merged[:index]]
            dropped += list(reference.clashes(organization, winners))
        moved = reference.rows(merged).exclude(**_survivor_itself(reference, survivor)).count()
        if moved - len(dropped):
            plan.moves.append((reference.label, moved - len(dropped)))
        plan.clashes += [(reference.label, row) for row in dropped]
    return plan


def _survivor_itself(reference: Reference, survivor) -> dict:
    # The survivor as a child of a merged record is not moved under itself.
    return {"pk": survivor.pk} if reference.model is Organization else {"pk__in": []}


def _merged_aliases(survivor: Organization, merged: list[Organization]) -> list[str]:
    """The survivor's aliases followed by every other name of the merged records."""
    # A native name the survivor takes over (FILLED_FROM_MERGED) is no alias.
    native = survivor.native_name or next((o.native_name for o in merged if o.native_name), "")
    own = {survivor.name.casefold(), native.casefold()}
    aliases: list[str] = []
    seen = set(own)
    names = [*survivor.alias_list]
    for organization in merged:
        names += [organization.name, organization.native_name, *organization.alias_list]
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            aliases.append(name)
    return aliases


@transaction.atomic
def organization_merge(*, survivor: Organization, merged: list[Organization]) -> MergePlan:
    """Merge `merged` into `survivor`: see the module's description."""
    merged = [organization for organization in merged if organization.pk != survivor.pk]
    if not merged:
        raise ValueError("Choose at least one organization to merge into the survivor.")
    plan = organization_merge_plan(survivor=survivor, merged=merged)
    names = ", ".join(f"“{organization.name}”" for organization in merged)
    with bulk_change():
        for index, organization in enumerate(merged):
            reason = f"Merged from “{organization.name}” into “{survivor.name}”"
            for reference in organization_references():
                _move(reference, organization, survivor, [survivor, *merged[:index]], reason)
        for name in FILLED_FROM_MERGED:
            given = [getattr(o, name) for o in merged if getattr(o, name)]
            if given and not getattr(survivor, name):
                setattr(survivor, name, given[0])
        if survivor.parent_id in {organization.pk for organization in merged} | {survivor.pk}:
            survivor.parent = None
        survivor.aliases = "\n".join(plan.aliases)
        survivor._change_reason = change_reason(f"Merged {names} into this organization")
        survivor.save()
        for organization in merged:
            point_slugs_at(organization, survivor)
            organization._change_reason = change_reason(
                f"Merged into “{survivor.name}” ({survivor.slug})"
            )
            organization.delete()
    return plan


def _move(reference: Reference, organization, survivor, winners, reason: str) -> None:
    for row in reference.clashes(organization, winners):
        row._change_reason = change_reason(f"Duplicate dropped: {reason}")
        row.delete()
    rows = reference.rows([organization]).exclude(**_survivor_itself(reference, survivor))
    if reference.link_field:
        rows.update(**{reference.field_name: survivor})
        return
    # One by one, so that each moved row's history records the move.
    for row in rows:
        setattr(row, reference.field_name, survivor)
        row._change_reason = change_reason(reason)
        row.save()
