"""URLs that last: a record's former slugs lead to its page (301), on every detail page.

Every content model with a `slug` field is found by its base class: when a saved
record's slug changes, the old one is kept as a SlugRedirect to the record, and a merge
(directory.services.organization_merge) points the merged records' slugs at the
survivor. A detail view looks its record up with `visible_by_slug`; when no record the
reader may see has the slug, a former slug leads to the record that had it, if the
reader may see that one (never to a draft for the public). SlugRedirectMiddleware turns
that into the 301, to the same view with the current slug, so a page, its feed or its
API twin keep their kind of URL.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet, Subquery
from django.db.models.signals import post_delete, post_init, post_save
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from simple_history.models import HistoricalChanges

from core.models import SlugRedirect, TimestampedModel


class MovedTo(Exception):
    """Raised by a detail view for a former slug: SlugRedirectMiddleware answers 301."""

    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


def visible_by_slug(queryset: QuerySet, slug: str):
    """The record with this slug in `queryset` (what the reader may see), else 404 — or,
    when a record of that queryset once had the slug, MovedTo its current slug."""
    try:
        return queryset.get(slug=slug)
    except queryset.model.DoesNotExist:
        pass
    former = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), old_slug=slug
    ).values("object_id")
    current = (
        queryset.prefetch_related(None)
        .filter(pk__in=Subquery(former))
        .values_list("slug", flat=True)
        .first()
    )
    if current is None or current == slug:
        raise Http404(f"No {queryset.model._meta.verbose_name} has this slug.")
    raise MovedTo(current)


def point_slugs_at(record, target) -> None:
    """Make `record`'s slug and the slugs that led to it lead to `target` (a merge)."""
    content_type = ContentType.objects.get_for_model(type(record))
    SlugRedirect.objects.filter(content_type=content_type, object_id=record.pk).update(
        object_id=target.pk
    )
    SlugRedirect.objects.update_or_create(
        content_type=content_type, old_slug=record.slug, defaults={"object_id": target.pk}
    )


class SlugRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MovedTo):
            return None
        match = request.resolver_match
        url = reverse(
            match.view_name, args=match.args, kwargs={**match.kwargs, "slug": exception.slug}
        )
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def _remember_slug(sender, instance, **kwargs) -> None:
    # As loaded (absent when deferred): what a later save compares the slug with.
    instance._loaded_slug = instance.__dict__.get("slug")


def _record_slug_change(sender, instance, created, raw=False, **kwargs) -> None:
    old, new = getattr(instance, "_loaded_slug", None), instance.__dict__.get("slug")
    instance._loaded_slug = new
    if raw or created or not old or old == new:
        return
    SlugRedirect.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(sender),
        old_slug=old,
        defaults={"object_id": instance.pk},
    )


def _forget_slugs(sender, instance, **kwargs) -> None:
    # A deleted record's old slugs lead nowhere (a merge re-points them first).
    SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def slugged_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TimestampedModel)
        and not issubclass(model, HistoricalChanges)
        and any(field.name == "slug" for field in model._meta.concrete_fields)
    ]


def connect_slug_signals() -> None:
    for model in slugged_models():
        label = model._meta.label
        post_init.connect(_remember_slug, sender=model, dispatch_uid=f"slug-init-{label}")
        post_save.connect(_record_slug_change, sender=model, dispatch_uid=f"slug-save-{label}")
        post_delete.connect(_forget_slugs, sender=model, dispatch_uid=f"slug-delete-{label}")
