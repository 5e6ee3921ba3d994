"""Builders for standards, their milestones, committees and drafters."""

import datetime

from core.models import Visibility
from standards.models import (
    Committee,
    DraftingRole,
    Standard,
    StandardLevel,
    StandardStatus,
    StatusMilestone,
)
from tests.core.factories import make_source, next_number
from tests.directory.factories import make_organization


def make_standard(*, published: bool = True, **fields) -> Standard:
    n = next_number()
    fields.setdefault("code", f"T/TEST {n}—2025")
    fields.setdefault("title", f"Standard {n}")
    if "source" not in fields:
        fields["source"] = make_source()
    fields.setdefault("slug", f"standard-{n}")
    fields.setdefault("level", StandardLevel.GROUP)
    fields.setdefault("status", StandardStatus.PUBLISHED)
    fields.setdefault("visibility", Visibility.PUBLIC if published else Visibility.DRAFT)
    return Standard.objects.create(**fields)


def make_milestone(**fields) -> StatusMilestone:
    if "standard" not in fields:
        fields["standard"] = make_standard()
    fields.setdefault("status", StandardStatus.DRAFTING)
    fields.setdefault("date", datetime.date(2025, 3, 1))
    return StatusMilestone.objects.create(**fields)


def make_committee(**fields) -> Committee:
    n = next_number()
    fields.setdefault("name", f"Committee {n}")
    fields.setdefault("slug", f"committee-{n}")
    return Committee.objects.create(**fields)


def make_drafting_role(**fields) -> DraftingRole:
    if "standard" not in fields:
        fields["standard"] = make_standard()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    return DraftingRole.objects.create(**fields)
