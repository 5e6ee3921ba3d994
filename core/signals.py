"""Any change to content retires the cached public pages (see ContentVersion)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

CONTENT_APPS = ["core", "directory", "forums", "standards", "evaluations"]


def content_changed(sender, **kwargs) -> None:
    from core.models import ContentVersion

    ContentVersion.bump()


def connect_content_signals() -> None:
    from core.models import ContentVersion

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            # Historical rows are written alongside the change itself.
            if model is ContentVersion or issubclass(model, HistoricalChanges):
                continue
            post_save.connect(
                content_changed, sender=model, dispatch_uid=f"bump-save-{model._meta.label}"
            )
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"bump-delete-{model._meta.label}"
            )
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"bump-m2m-{model._meta.label}-{field.name}",
                )
