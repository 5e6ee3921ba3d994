"""How many rows of each kind a scale makes, and the shares that shape them."""

import math

from directory.models import OrganizationKind as K

# Rows at scale 1, as the issue sets them; the children follow from their parents.
BASE_COUNTS = {
    "organizations": 10_000,
    "people": 2_000,
    "forum_series": 10,
    "forums": 200,
    "committees": 40,
    "standards": 5_000,
    "programs": 50,
    "batches": 2_000,
    "results": 200_000,
}
PUBLISHED_SHARE = {"forums": 0.9, "standards": 0.9, "batches": 0.92}
NATIVE_NAME_SHARE = {"organizations": 0.75, "people": 0.8, "titles": 0.6}

ORGANIZATION_KIND_SHARES = [
    (K.COMPANY, 0.76),
    (K.RESEARCH_INSTITUTE, 0.06),
    (K.UNIVERSITY, 0.04),
    (K.LABORATORY, 0.05),
    (K.ASSOCIATION, 0.03),
    (K.GOVERNMENT_AGENCY, 0.05),
    (K.OTHER, 0.01),
]


def scaled(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def plan(scale: float) -> dict[str, int]:
    """How many rows of each headline model `scale` makes (children vary around these)."""
    if scale <= 0 or not math.isfinite(scale):
        raise ValueError("The scale must be a positive number.")
    counts = {name: scaled(base, scale) for name, base in BASE_COUNTS.items()}
    counts["organizations"] = sum(organization_kind_counts(scale).values())
    counts["programs"] = min(counts["programs"], counts["batches"])
    counts["forum_series"] = min(counts["forum_series"], counts["forums"])
    counts["results_per_batch"] = max(1, counts["results"] // counts["batches"])
    counts["results"] = counts["results_per_batch"] * counts["batches"]
    return counts


def organization_kind_counts(scale: float) -> dict[str, int]:
    total = BASE_COUNTS["organizations"]
    return {
        kind: scaled(total * share, scale, minimum=0 if kind == K.OTHER else 1)
        for kind, share in ORGANIZATION_KIND_SHARES
    }


def estimated_rows(counts: dict[str, int]) -> int:
    """About how many rows a plan makes, for the progress bar."""
    forums, standards = counts["forums"], counts["standards"]
    # Per forum: roles, sessions, talks, speakers and links; per standard: drafters,
    # milestones and links (what a run at scale 1 makes, give or take a few per cent).
    forum_children = forums * 70
    standard_children = standards * 9.3
    headline = sum(v for k, v in counts.items() if k != "results_per_batch")
    return int(headline + forum_children + standard_children)
