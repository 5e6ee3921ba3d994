"""Runs the builders in order, in one transaction, and counts what they wrote."""

from collections import Counter

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from tqdm import tqdm

from core.models import Source
from core.signals import bulk_change

from . import directory, evaluations, forums, standards
from .base import Builder
from .marks import (
    SYNTHETIC_SOURCE_PUBLICATION,
    SYNTHETIC_SOURCE_TITLE,
    SyntheticDataError,
    has_synthetic_rows,
)
from .plan import plan


def refuse_if_present() -> None:
    if has_synthetic_rows():
        raise SyntheticDataError(
            "The database already has synthetic data: run `manage.py generate_data --remove` first."
        )


def generate(scale: float, seed: int, bar: tqdm) -> Counter:
    """Write the synthetic rows for `scale`; counts by model label.

    The same seed gives the same rows. Raises ValueError for a scale that is not a
    positive number, SyntheticDataError when synthetic data is already there.
    """
    plan(scale)
    refuse_if_present()
    with (
        transaction.atomic(),
        # bulk_create sends no signals: one content-version bump at the end retires
        # the cached pages.
        bulk_change(),
        # Synthetic rows get no history entries (bulk_create makes none either).
        override_settings(SIMPLE_HISTORY_ENABLED=False),
    ):
        source = Source.objects.create(
            title=SYNTHETIC_SOURCE_TITLE,
            publication=SYNTHETIC_SOURCE_PUBLICATION,
            published_on=timezone.localdate(),
        )
        return run(Builder(scale, seed, bar, source))


def run(b: Builder) -> Counter:
    """The stages, in the order they draw from the random generator."""
    d = directory.organizations(b)
    d.person_pks = directory.people(b)
    forum_objs = forums.forums(b)
    agenda = forums.forum_children(b, forum_objs, d)
    committee_objs = standards.committees(b, d, agenda)
    standard_objs = standards.standards(b, d, committee_objs)
    standards.standard_children(b, d, standard_objs, agenda)
    batch_objs = evaluations.programs_and_batches(b, d, standard_objs, forum_objs)
    evaluations.results(b, d, batch_objs)
    return b.created
