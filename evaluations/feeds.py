"""Atom feed of evaluation batches: each one when it is published and whenever it changes."""

from django.db.models import F
from django.urls import reverse

from core.feeds import FEED_LIMIT, Entry, EntryFeed, later
from evaluations.models import EvaluationBatch


def batch_entry(batch: EvaluationBatch) -> Entry:
    announced = (
        f", announced {batch.announced_on_effective:%Y-%m-%d}"
        if batch.announced_on_effective
        else ""
    )
    return Entry(
        uid=f"evaluation-batch/{batch.pk}",
        title=f"{batch.program}, batch {batch.number}{announced}",
        url=batch.get_absolute_url(),
        updated=later(batch.updated_at, batch.made_public_at),
        published=batch.made_public_at,
        summary=batch.notes,
        kind="New evaluation batch",
    )


def latest_batches(limit: int = FEED_LIMIT):
    """The latest public batches by their last change (index: visibility, -updated_at)."""
    return (
        EvaluationBatch.objects.public()
        .select_related("program")
        .order_by(F("updated_at").desc(), "-pk")[:limit]
    )


def newly_published_batches(limit: int):
    """The latest batches to be published (index: visibility, -made_public_at)."""
    return (
        EvaluationBatch.objects.public()
        .filter(made_public_at__isnull=False)
        .select_related("program")
        .order_by("-made_public_at", "-pk")[:limit]
    )


class BatchFeed(EntryFeed):
    title = "Sodium Registry: evaluation batches"
    description = "New and changed evaluation batches: which companies passed which evaluation."

    def uid(self, obj) -> str:
        return "evaluation-batches"

    def link(self):
        return reverse("evaluations:batch_list")

    def items(self):
        return [batch_entry(batch) for batch in latest_batches()]
