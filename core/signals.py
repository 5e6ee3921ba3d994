"""Any change to content retires the cached public pages (see ContentVersion)."""

import contextlib
import threading

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

_bulk = threading.local()


def content_changed(sender, **kwargs) -> None:
    from core.models import ContentVersion

    if getattr(_bulk, "depth", 0):
        return  # bulk_change() bumps once at its end
    ContentVersion.bump()


@contextlib.contextmanager
def bulk_change():
    """Bulk loads and deletes: one version bump at the end instead of one per row.

    Also covers what sends no signal at all (bulk_create, raw DELETE statements).
    """
    from core.models import ContentVersion

    _bulk.depth = getattr(_bulk, "depth", 0) + 1
    try:
        yield
    finally:
        _bulk.depth -= 1
    if not _bulk.depth:
        ContentVersion.bump()


def connect_content_signals() -> None:
    """Content models are found by their base class, in whatever app they live."""
    from core.models import TimestampedModel

    for model in apps.get_models():
        # Historical rows are written alongside the change itself.
        if not issubclass(model, TimestampedModel) or issubclass(model, HistoricalChanges):
            continue
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"bump-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"bump-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"bump-m2m-{label}-{field.name}",
            )
