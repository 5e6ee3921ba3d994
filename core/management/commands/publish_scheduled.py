"""Publish and unpublish what editors scheduled: run it every minute from cron.

    * * * * *  cd /srv/registry && .venv/bin/python manage.py publish_scheduled

Until it runs, nothing changes for readers: a record whose "publish at" has passed
stays a draft until the next run makes it public.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.models import PublishableModel, Visibility, change_reason
from core.signals import bulk_change


def publishable_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, PublishableModel) and not model._meta.abstract
    ]


def publish_scheduled(*, now=None) -> dict:
    """Do what is due, in one transaction; returns what was done (and refused).

    Due: a "publish at" or "unpublish at" at or before now. Each due time is cleared
    once acted on, so a second run does nothing (idempotent). When both have passed the
    record ends as a draft (unpublishing comes later). A record without a source is not
    published and keeps its "publish at", so the dashboard shows it as overdue.
    """
    now = now or timezone.now()
    done = {"published": [], "unpublished": [], "refused": []}
    with transaction.atomic():
        due = []
        for model in publishable_models():
            rows = model._base_manager.filter(Q(publish_at__lte=now) | Q(unpublish_at__lte=now))
            if connection.features.has_select_for_update_skip_locked:
                # Two overlapping runs never act on one row twice.
                rows = rows.select_for_update(skip_locked=True)
            for record in rows.order_by("pk"):
                if problem := _refusal(record, now):
                    done["refused"].append((record, problem))
                else:
                    due.append(record)
        if not due:
            return done  # nothing written, and the cached pages stay
        with bulk_change():  # one content version bump for the whole run
            for record in due:
                _act(record, now, done)
    return done


def _refusal(record, now) -> str | None:
    """Why a due record may not be published now (no source), or None."""
    unpublish_due = record.unpublish_at is not None and record.unpublish_at <= now
    if unpublish_due or record.is_public:
        return None
    return record.provenance_problem()


def _act(record, now, done) -> None:
    unpublish_due = record.unpublish_at is not None and record.unpublish_at <= now
    publish_due = record.publish_at is not None and record.publish_at <= now
    changed = set()
    if publish_due and not unpublish_due:
        if not record.is_public:
            record.visibility = Visibility.PUBLIC
            record._change_reason = change_reason(
                f"Published as scheduled for {record.publish_at:%Y-%m-%d %H:%M} UTC"
            )
            changed.add("visibility")
            done["published"].append(record)
        record.publish_at = None
        changed.add("publish_at")
    if unpublish_due:
        if record.is_public:
            record.visibility = Visibility.DRAFT
            record._change_reason = change_reason(
                f"Returned to draft as scheduled for {record.unpublish_at:%Y-%m-%d %H:%M} UTC"
            )
            changed.add("visibility")
            done["unpublished"].append(record)
        record.unpublish_at = None
        changed.add("unpublish_at")
        if publish_due:
            record.publish_at = None
            changed.add("publish_at")
    if "visibility" not in changed:
        record._change_reason = change_reason("Schedule already met: cleared")
    record.save(update_fields=[*changed, "updated_at"])


class Command(BaseCommand):
    help = "Publish and unpublish the records whose scheduled time has come (run from cron)."

    def handle(self, *args, **options):
        done = publish_scheduled()
        for record in done["published"]:
            self.stdout.write(f"Published {record._meta.verbose_name} “{record}”")
        for record in done["unpublished"]:
            self.stdout.write(f"Returned to draft {record._meta.verbose_name} “{record}”")
        for record, problem in done["refused"]:
            self.stderr.write(f"Not published {record._meta.verbose_name} “{record}”: {problem}")
        self.stdout.write(
            f"{len(done['published'])} published, {len(done['unpublished'])} returned to "
            f"draft, {len(done['refused'])} refused."
        )
