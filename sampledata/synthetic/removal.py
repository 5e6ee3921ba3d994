"""`--remove`: delete exactly the rows carrying the synthetic marks, children with them."""

from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Model, ProtectedError, Q
from django.test.utils import override_settings

from core.models import Source
from core.signals import bulk_change
from directory.models import Organization, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult
from forums.models import Forum, ForumSeries
from standards.models import Committee, Standard, StatusMilestone

from .marks import SYNTHETIC_PREFIX, SyntheticDataError, synthetic_source


def remove() -> Counter:
    """Delete every synthetic row (and its history) in one transaction; counts by model.

    Raises SyntheticDataError, having deleted nothing, when real records refer to
    synthetic ones.
    """
    source = synthetic_source()
    deleted: Counter = Counter()
    try:
        # Removing synthetic rows is not an edit worth a history entry each, nor a
        # cache-retiring bump each: one at the end.
        with (
            transaction.atomic(),
            bulk_change(),
            override_settings(SIMPLE_HISTORY_ENABLED=False),
        ):
            for model, condition in synthetic_rows(source):
                deleted.update(delete_with_history(model, condition))
            if source is not None:
                deleted.update(delete_with_history(Source, Q(pk=source.pk), Q(id=source.pk)))
    except ProtectedError as error:
        blockers = sorted(
            {f"{obj._meta.label} #{obj.pk}" for obj in list(error.protected_objects)[:5]}
        )
        raise SyntheticDataError(
            "Real records refer to synthetic ones, so nothing was removed: " + ", ".join(blockers)
        ) from error
    return Counter({label: count for label, count in deleted.items() if count})


def synthetic_rows(source: Source | None) -> list[tuple[type[Model], Q]]:
    """Each model's synthetic rows, by their marks, in an order PROTECT lets us delete.

    A model with a slug and a source is synthetic only when it carries both marks.
    """
    prefix = Q(slug__startswith=SYNTHETIC_PREFIX)
    cites = Q(source=source) if source else Q(pk__in=[])
    return [
        (EvaluationResult, cites),
        (StatusMilestone, cites),
        (EvaluationBatch, prefix & cites),
        (EvaluationProgram, prefix & cites),
        (Forum, prefix & cites),
        (ForumSeries, prefix),
        (Standard, prefix & cites),
        (Committee, prefix & cites),
        (Person, prefix & cites),
        (Organization, prefix & cites),
    ]


def delete_with_history(model: type[Model], condition: Q, history_condition: Q | None = None):
    """The rows, then the earlier versions of synthetic records that history kept."""
    deleted = delete_rows(model.objects.filter(condition))
    history = history_model(model)
    if history is not None:
        deleted.update(delete_rows(history.objects.filter(history_condition or condition)))
    return deleted


def history_model(model: type[Model]) -> type[Model] | None:
    """The model keeping earlier versions of `model`'s rows, where it has one."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def refers_to_nothing_deletable(model: type[Model]) -> bool:
    """True when no foreign key points at the model: its rows go with one DELETE."""
    return not any(
        field.auto_created and not field.concrete and field.is_relation
        for field in model._meta.get_fields(include_hidden=True)
    )


def delete_rows(queryset) -> Counter:
    """Delete the rows and what cascades from them; counts by model label.

    Rows nothing refers to (results, milestones, historical versions) go in one
    DELETE statement: Django's collector would load each into memory first.
    """
    model = queryset.model
    if model is Organization:
        return delete_organizations(queryset)
    if refers_to_nothing_deletable(model):
        return delete_in_one_statement(queryset)
    _, by_model = queryset.delete()
    return Counter({label: count for label, count in by_model.items() if count})


def delete_in_one_statement(queryset) -> Counter:
    model = queryset.model
    try:
        subquery, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a condition that matches nothing, e.g. no synthetic source
        return Counter()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} "  # noqa: S608 -- names from the model
            f"WHERE {quote(model._meta.pk.column)} IN ({subquery})",
            params,
        )
        count = cursor.rowcount
    return Counter({model._meta.label: count} if count else {})


def delete_organizations(queryset) -> Counter:
    """Children before the parents they PROTECT, one level at a time."""
    deleted: Counter = Counter()
    while queryset.exists():
        parents = queryset.filter(parent__isnull=False).values("parent")
        _, by_model = queryset.exclude(pk__in=parents).delete()
        if not by_model:
            raise SyntheticDataError("Synthetic organizations are each other's parents in a loop.")
        deleted.update({label: count for label, count in by_model.items() if count})
    return deleted
