"""Keep a batch's shown date in step with its forum's dates."""

from django.db.models.signals import post_save

from evaluations.models import EvaluationBatch
from forums.models import Forum


def forum_dates_changed(sender, instance: Forum, raw=False, **kwargs) -> None:
    """A forum's batches that give no day of their own take its start date, in one UPDATE;
    while the forum is a draft they show none (its dates are not public yet)."""
    if raw:
        return
    public = instance.is_public
    day = instance.start_date if public else None
    batches = EvaluationBatch.objects.filter(announced_at=instance, announced_on__isnull=True)
    # Only the rows that differ: saving a forum whose dates stand writes nothing.
    batches.exclude(announced_on_effective=day, announced_during_forum=public).update(
        announced_on_effective=day, announced_during_forum=public
    )


def connect() -> None:
    post_save.connect(forum_dates_changed, sender=Forum, dispatch_uid="batch-forum-dates")
