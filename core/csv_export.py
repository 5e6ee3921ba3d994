"""CSV export shared by the admin and the public lists.

Streams rows as they are read from one query (no per-row queries: multi-valued
columns come from aggregates in the queryset), writes a byte-order mark so that
Excel reads UTF-8, quotes as RFC 4180 says, and neutralizes cells that a
spreadsheet would run as formulas (OWASP's CSV-injection guidance).
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst

BYTE_ORDER_MARK = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


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


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


@dataclass
class CsvExporter:
    """Columns for one model's CSV, and how to query for them in one go."""

    columns: list[Column]
    prepare: Callable[[QuerySet], QuerySet] = field(default=lambda queryset: queryset)
    url_column: bool = True

    def headers(self) -> list[str]:
        headers = [column.header for column in self.columns]
        return [*headers, "URL"] if self.url_column else headers

    def rows(self, queryset: QuerySet, request: HttpRequest | None = None) -> Iterator[list[str]]:
        yield self.headers()
        for obj in self.prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
            cells = [format_value(column.value(obj)) for column in self.columns]
            if self.url_column:
                url = obj.get_absolute_url()
                cells.append(request.build_absolute_uri(url) if request else url)
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


def _field_value(field: models.Field) -> Callable[[Any], Any]:
    if field.choices:
        return lambda obj: getattr(obj, f"get_{field.name}_display")()
    if field.is_relation:
        return lambda obj: getattr(obj, field.name)
    return lambda obj: getattr(obj, field.attname)


def model_exporter(model: type[models.Model]) -> CsvExporter:
    """Columns for a model with no exporter of its own: each field, related rows by name."""
    timestamps = {"created_at", "updated_at"}
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in {"code_normalized", *timestamps}
    ]
    # What a row is about first; when it was entered last.
    fields += [field for field in model._meta.concrete_fields if field.name in timestamps]
    relations = [field.name for field in fields if field.is_relation]
    return CsvExporter(
        columns=[
            Column(capfirst(str(field.verbose_name)), _field_value(field)) for field in fields
        ],
        prepare=lambda queryset: queryset.select_related(*relations),
        url_column=hasattr(model, "get_absolute_url"),
    )
