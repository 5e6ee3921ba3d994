"""CSV export shared by the admin and the public lists.

Rows stream as they are read from a single `values()` query: no model instances
and no query per row (multi-valued columns come from aggregates), so 200,000 rows
export in constant memory. A byte-order mark lets Excel read UTF-8, quoting follows
RFC 4180, and cells a spreadsheet would run as formulas are neutralized as OWASP's
CSV-injection guidance recommends.
"""

import csv
import datetime
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

BYTE_ORDER_MARK = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
_SLUG_PLACEHOLDER = "slug-placeholder"


def neutralize(cell: str) -> str:
    """Prefix a cell a spreadsheet would read as a formula with a single quote."""
    if cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(format_value(item) for item in value if item not in (None, ""))
    return str(value)


def choice_label(choices) -> Callable[[Any], str]:
    """Formats a stored choice value as its human label."""
    labels = dict(choices)
    return lambda value: labels.get(value, value)


def detail_path(viewname: str, slug_key: str, anchor: str = "") -> Callable[[dict], str]:
    """Builds a row's public path from its slug, reversing the URL only once.

    `anchor` may name row keys, e.g. "result-{id}".
    """

    @functools.cache
    def parts() -> tuple[str, str]:
        # Reversed on first use: URLconfs import the exporters, so not at import time.
        path = reverse(viewname, kwargs={"slug": _SLUG_PLACEHOLDER})
        prefix, suffix = path.split(_SLUG_PLACEHOLDER)
        return prefix, suffix

    def build(row: dict) -> str:
        prefix, suffix = parts()
        path = f"{prefix}{row[slug_key]}{suffix}"
        return f"{path}#{anchor.format(**row)}" if anchor else path

    return build


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Column:
    """A CSV column: a header and the `values()` key it reads, optionally formatted.

    With no key, `format` receives the whole row (for values built from several keys).
    """

    header: str
    key: str | None
    format: Callable[[Any], Any] | None = None

    def read(self, row: dict) -> Any:
        if self.key is None:
            return self.format(row)
        value = row[self.key]
        return self.format(value) if self.format and value is not None else value


@dataclass
class CsvExporter:
    columns: list[Column]
    annotations: dict[str, Any] = field(default_factory=dict)
    url: Callable[[dict], str] | None = None
    extra_keys: list[str] = field(default_factory=list)

    def headers(self) -> list[str]:
        headers = [column.header for column in self.columns]
        return [*headers, "URL"] if self.url else headers

    def keys(self) -> list[str]:
        keys = {column.key for column in self.columns if column.key} | set(self.extra_keys)
        return sorted(keys)

    def rows(self, queryset: QuerySet, request: HttpRequest | None = None) -> Iterator[list[str]]:
        yield self.headers()
        absolute = request.build_absolute_uri("/").removesuffix("/") if request else ""
        values = queryset.annotate(**self.annotations).values(*self.keys())
        for row in values.iterator(chunk_size=CHUNK_SIZE):
            cells = [format_value(column.read(row)) for column in self.columns]
            if self.url:
                cells.append(absolute + self.url(row))
            yield [neutralize(cell) for cell in cells]

    def lines(self, queryset: QuerySet, request: HttpRequest | None = None) -> Iterable[str]:
        writer = csv.writer(_Echo(), lineterminator="\r\n")
        yield BYTE_ORDER_MARK
        for row in self.rows(queryset, request):
            yield writer.writerow(row)

    def streaming_response(
        self, queryset: QuerySet, *, name: str, request: HttpRequest | None = None
    ) -> StreamingHttpResponse:
        filename = f"{name}-{timezone.localdate():%Y-%m-%d}.csv"
        response = StreamingHttpResponse(
            self.lines(queryset, request), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _display_key(relation: models.Field) -> str:
    """The related row's readable field: its name, title or code, else its id."""
    related_fields = {f.name for f in relation.related_model._meta.concrete_fields}
    for candidate in ("name", "title", "code"):
        if candidate in related_fields:
            return f"{relation.name}__{candidate}"
    return relation.attname


def model_exporter(model: type[models.Model]) -> CsvExporter:
    """Columns for a model with no exporter of its own: each field, related rows by name."""
    timestamps = ["created_at", "updated_at"]
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in {"code_normalized", *timestamps}
    ]
    # What a row is about first; when it was entered last.
    fields += [f for f in model._meta.concrete_fields if f.name in timestamps]
    columns = []
    for f in fields:
        header = capfirst(str(f.verbose_name))
        if f.is_relation:
            columns.append(Column(header, _display_key(f)))
        elif f.choices:
            columns.append(Column(header, f.attname, choice_label(f.choices)))
        else:
            columns.append(Column(header, f.attname))
    return CsvExporter(columns=columns)
