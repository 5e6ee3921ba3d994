"""Finding organizations by what an editor types: name, alias or native name.

One matcher for every place that turns typed names into records (the batch form's
pasted list of names; imports): a name matches an organization whose English name,
native name or one of its aliases is the same once case, full-width forms and
spacing are folded away. A name that matches several organizations is ambiguous and
matches none; a name that matches nothing is reported, never created silently.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q

from directory.models import Organization

_WHITESPACE = re.compile(r"\s+")


def folded(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, single spaces."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


@dataclass
class OrganizationMatches:
    """What each typed name matched, in the order typed (each name once)."""

    found: dict[str, Organization] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[Organization]] = field(default_factory=dict)


def match_organizations(names: list[str]) -> OrganizationMatches:
    """Match typed names to organizations, in one query whatever the number of names."""
    typed: dict[str, str] = {}  # folded -> as typed, first spelling kept
    for name in names:
        if name.strip() and folded(name) not in typed:
            typed[folded(name)] = name.strip()
    result = OrganizationMatches()
    if not typed:
        return result
    candidates = _candidates(typed)
    for key, as_typed in typed.items():
        matches = list(candidates[key].values())
        if len(matches) == 1:
            result.found[as_typed] = matches[0]
        elif matches:
            result.ambiguous[as_typed] = matches
        else:
            result.unmatched.append(as_typed)
    return result


def _candidates(typed: dict[str, str]) -> dict[str, dict[int, Organization]]:
    """For each folded name, the organizations one of whose spellings folds the same."""
    candidates: dict[str, dict[int, Organization]] = {key: {} for key in typed}
    # The database narrows the rows; the comparison itself is made folded in Python:
    # the databases' own case folding differs and knows no full-width forms.
    wanted = Q(name__in=typed.values()) | Q(native_name__in=typed.values())
    for key, as_typed in typed.items():
        wanted |= Q(name__iexact=as_typed) | Q(name__iexact=key)
        wanted |= Q(native_name__iexact=key) | Q(aliases__icontains=as_typed)
    for organization in Organization.objects.filter(wanted).order_by("name", "pk"):
        for spelling in [organization.name, organization.native_name, *organization.alias_list]:
            key = folded(spelling)
            if spelling and key in candidates:
                candidates[key][organization.pk] = organization
    return candidates
