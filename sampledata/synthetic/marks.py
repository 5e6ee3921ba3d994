"""How synthetic rows are told apart from real content.

Every synthetic record with a slug has the slug prefix `synthetic-`, and every synthetic
record that can cite a source cites the one Source titled "Synthetic benchmark data".
"""

from core.models import Source
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram
from forums.models import Forum, ForumSeries
from standards.models import Committee, Standard

SYNTHETIC_PREFIX = "synthetic-"
SYNTHETIC_SOURCE_TITLE = "Synthetic benchmark data"
SYNTHETIC_SOURCE_PUBLICATION = "manage.py generate_data"

SLUGGED_MODELS = (
    Organization,
    Person,
    ForumSeries,
    Forum,
    Committee,
    Standard,
    EvaluationProgram,
    EvaluationBatch,
)


class SyntheticDataError(Exception):
    """The synthetic data cannot be generated or removed as asked; nothing was changed."""


def synthetic_source() -> Source | None:
    return Source.objects.filter(
        title=SYNTHETIC_SOURCE_TITLE, publication=SYNTHETIC_SOURCE_PUBLICATION
    ).first()


def has_synthetic_rows() -> bool:
    if synthetic_source() is not None:
        return True
    return any(
        model.objects.filter(slug__startswith=SYNTHETIC_PREFIX).exists() for model in SLUGGED_MODELS
    )
