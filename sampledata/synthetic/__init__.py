"""Realistic synthetic data for benchmarks and load tests, and its removal.

At scale 1 it makes about 10,000 organizations, 2,000 people, 200 forums (with their
sessions, talks, speakers and roles), 5,000 standards (with drafters and milestones),
50 evaluation programs, 2,000 batches and 200,000 results; scale 0.01 makes a
hundredth of that. The same seed gives the same data.

Synthetic rows never mix with real content: every synthetic record with a slug has
the slug prefix `synthetic-`, and every synthetic record that can cite a source cites
the one Source titled "Synthetic benchmark data". `remove()` deletes exactly the rows
carrying those marks (children go with their parents) and nothing else.

Modules: `plan` (how many rows a scale makes), `vocabulary` (the word lists), one
builder per domain (`directory`, `forums`, `standards`, `evaluations`), `generator`
(runs them), `removal`, and `marks` (the prefix and the source).
"""

from .generator import generate, refuse_if_present
from .marks import (
    SYNTHETIC_PREFIX,
    SYNTHETIC_SOURCE_PUBLICATION,
    SYNTHETIC_SOURCE_TITLE,
    SyntheticDataError,
    synthetic_source,
)
from .plan import estimated_rows, plan
from .removal import remove
from .vocabulary import SESSION_PLAN

__all__ = [
    "SESSION_PLAN",
    "SYNTHETIC_PREFIX",
    "SYNTHETIC_SOURCE_PUBLICATION",
    "SYNTHETIC_SOURCE_TITLE",
    "SyntheticDataError",
    "estimated_rows",
    "generate",
    "plan",
    "refuse_if_present",
    "remove",
    "synthetic_source",
]
