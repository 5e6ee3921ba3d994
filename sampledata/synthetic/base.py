"""What every builder shares: the seeded random choices and the bulk writes."""

import datetime
import random
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db.models import Model
from django.utils import timezone
from tqdm import tqdm

from core.models import Source, Visibility

from .plan import plan

BATCH_SIZE = 2000
ORDINALS = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else ORDINALS.get(number % 10, "th")
    return f"{number}{suffix}"


def at_nine(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=datetime.UTC)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Builder:
    """One seeded random generator for every stage, and the bulk writes they make.

    The stages draw from the one generator in a fixed order, so the same seed gives
    the same rows; `created` counts the rows written, by model label.
    """

    def __init__(self, scale: float, seed: int, bar: tqdm, source: Source):
        self.scale = scale
        self.counts = plan(scale)
        self.rng = random.Random(seed)  # noqa: S311 -- repeatable test data, not secrets
        self.bar = bar
        self.source = source
        self.today = timezone.localdate()
        self.created: Counter = Counter()

    # --- random choices ----------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def visibility(self, share: float, when: datetime.date | None) -> dict:
        """Public for about `share` of the records (never before `when`), else a draft."""
        public = self.chance(share) and (when is None or when <= self.today)
        if not public:
            return {"visibility": Visibility.DRAFT, "made_public_at": None}
        return {
            "visibility": Visibility.PUBLIC,
            "made_public_at": at_nine(min(when or self.today, self.today)),
        }

    def native(self, text: str, share: float) -> str:
        return text if self.chance(share) else ""

    # --- writes ------------------------------------------------------------------------

    def save(self, model: type[Model], objects: list, label: str | None = None) -> list:
        self.bar.set_description(label or model._meta.verbose_name_plural.capitalize())
        for chunk in chunked(objects, BATCH_SIZE):
            model.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
            self.bar.update(len(chunk))
        self.created[model._meta.label] += len(objects)
        return objects

    def save_links(self, through: type[Model], rows: list[tuple[int, int]], fields, label: str):
        objects = [through(**dict(zip(fields, row, strict=True))) for row in rows]
        self.save(through, objects, label)
