"""CSV export shared by the admin and the public lists.

Every cell is computed by the database as finished text: choice labels, ISO 8601
dates, joined values, public URLs, and the neutralization of cells a spreadsheet
would run as formulas (OWASP's CSV-injection guidance: a leading quote). On
PostgreSQL the rows then leave through COPY ... TO STDOUT, so an export costs about
what COPY costs; elsewhere they are read in chunks and written with the csv module.
Either way the rows stream in constant memory from a single query, after a
byte-order mark that lets Excel read UTF-8, quoted as RFC 4180 says, every line
break CRLF (between rows and inside cells alike).
"""

import csv
import functools
import io
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, models
from django.db.models import Case, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Concat, Left, NullIf, Replace
from django.db.models.lookups import In
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

BYTE_ORDER_MARK = "\ufeff"
# What opens a formula in a spreadsheet, in ASCII and in the full-width forms that
# Chinese input methods type (and some spreadsheets read the same way).
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
# A cell starting with one of these is quoted whatever follows (OWASP's list).
CONTROL_STARTS = ("\t", "\r")
# Skipped before looking for FORMULA_STARTS: spreadsheets strip leading blanks, so
# " =1", "\n=1" or "\u3000=1" run as formulas too. Every Unicode space and line break,
# and the invisible zero-width characters.
LEADING_BLANKS = "".join(
    [chr(code) for code in range(0x110000) if chr(code).isspace()]
    + ["\u180e", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
)
CHUNK_SIZE = 5000  # rows fetched at a time where COPY is not available
FLUSH_SIZE = 64 * 1024  # characters sent to the client at a time
_SLUG_PLACEHOLDER = "slug-placeholder"

ExpressionSource = str | models.Expression | Callable[[], models.Expression]


# Expressions for the database to compute each cell as text.


def as_text(source: ExpressionSource) -> models.Expression:
    expression = F(source) if isinstance(source, str) else source
    return Cast(expression, output_field=TextField())


class LeftStripped(Func):
    """The text without any of `characters` at its start: LTRIM(text, characters),
    which SQLite and PostgreSQL both have, counting characters, not bytes."""

    function = "LTRIM"
    output_field = TextField()

    def __init__(self, expression: models.Expression, characters: str):
        super().__init__(expression, Value(characters))


def neutralized(expression: models.Expression) -> models.Expression:
    """Cells a spreadsheet would run as formulas get a leading quote: those starting
    with a formula character, after any blanks, or with a tab or CR. Empty text becomes
    NULL, which both writers leave as a bare empty cell, and line breaks become LF,
    which the writers then send as CRLF."""
    text = Replace(as_text(expression), Value("\r\n"), Value("\n"), output_field=TextField())
    quoted = Concat(Value("'"), text, output_field=TextField())
    first = Left(text, 1)
    first_visible = Left(LeftStripped(text, LEADING_BLANKS), 1)
    cell = Case(
        When(In(first, [*FORMULA_STARTS, *CONTROL_STARTS]), then=quoted),
        # Stripped only when it starts blank: LTRIM on every cell would double the
        # cost of an export, and most cells start with a letter or a digit.
        When(
            Q(In(first, list(LEADING_BLANKS))) & Q(In(first_visible, list(FORMULA_STARTS))),
            then=quoted,
        ),
        default=text,
        output_field=TextField(),
    )
    return NullIf(cell, Value(""), output_field=TextField())


def label(field_name: str, choices) -> models.Expression:
    """A stored choice as its human label."""
    return Case(
        *[When(**{field_name: value}, then=Value(str(text))) for value, text in choices],
        default=as_text(field_name),
        output_field=TextField(),
    )


def yes_no(field_name: str) -> models.Expression:
    return Case(
        When(**{field_name: True}, then=Value("Yes")),
        When(**{field_name: False}, then=Value("No")),
        default=Value(""),
        output_field=TextField(),
    )


def joined_lines(field_name: str) -> models.Expression:
    """Text kept one item a line, as “a; b; c”."""
    unix = Replace(F(field_name), Value("\r\n"), Value("\n"))
    return Replace(unix, Value("\n"), Value("; "), output_field=TextField())


class IsoDateTime(Func):
    """A timestamp as ISO 8601 in UTC, e.g. 2026-11-25T18:27:44Z."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="""to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', %(expressions)s)",
            **extra,
        )


def detail_url(viewname: str, slug_field: str, anchor: tuple[str, str] | None = None):
    """The public path of a row's page, from its slug; `anchor` is (prefix, field),
    e.g. ("result-", "id") for `…/#result-12`. Reversed when an export starts."""

    def build() -> models.Expression:
        prefix, suffix = reverse(viewname, kwargs={"slug": _SLUG_PLACEHOLDER}).split(
            _SLUG_PLACEHOLDER
        )
        parts = [Value(prefix), F(slug_field), Value(suffix)]
        if anchor:
            parts += [Value(f"#{anchor[0]}"), as_text(anchor[1])]
        return Concat(*parts, output_field=TextField())

    return build


@dataclass(frozen=True)
class Column:
    """A CSV column: its header and what the database computes for it.

    `value` is a field path, an expression, or a function returning an expression
    (for values that depend on when the export runs).
    """

    header: str
    value: ExpressionSource
    # True for values built only from our own text (choice labels, numbers, dates):
    # nothing a visitor typed can start them, so they skip the formula check.
    trusted: bool = False
    # What the column means, for the data dictionary (portal/data_dictionary.py), where
    # the model field's help text would not say it (a computed or joined value).
    description: str = ""

    def expression(self) -> models.Expression:
        value = (
            self.value() if callable(self.value) and not isinstance(self.value, str) else self.value
        )
        expression = F(value) if isinstance(value, str) else value
        if self.trusted:
            return NullIf(as_text(expression), Value(""), output_field=TextField())
        return neutralized(expression)


@dataclass
class CsvExporter:
    """The columns of one model's CSV, computed in a single query."""

    columns: list[Column]
    url: Callable[[], models.Expression] | None = None
    annotations: dict[str, Any] = field(default_factory=dict)

    def headers(self) -> list[str]:
        headers = [column.header for column in self.columns]
        return [*headers, "URL"] if self.url else headers

    def cells(self, queryset: QuerySet, request: HttpRequest | None = None) -> QuerySet:
        """The queryset as rows of finished text cells, in the columns' order."""
        cells = {f"csv_cell_{i}": column.expression() for i, column in enumerate(self.columns)}
        if self.url:
            base = request.build_absolute_uri("/").removesuffix("/") if request else ""
            # Our own host and path, and a slug: no formula can start it.
            cells["csv_cell_url"] = Concat(Value(base), self.url(), output_field=TextField())
        return queryset.annotate(**self.annotations).annotate(**cells).values_list(*cells)

    def chunks(self, queryset: QuerySet, request: HttpRequest | None = None) -> Iterable[bytes]:
        header = io.StringIO()
        csv.writer(header, lineterminator="\r\n").writerow(self.headers())
        yield (BYTE_ORDER_MARK + header.getvalue()).encode()
        cells = self.cells(queryset, request)
        connection = connections[cells.db]
        if connection.vendor == "postgresql":
            yield from _copy_out(cells, connection)
        else:
            yield from _write_rows(cells)

    def streaming_response(
        self, queryset: QuerySet, *, name: str, request: HttpRequest | None = None
    ) -> StreamingHttpResponse:
        filename = f"{name}-{timezone.localdate():%Y-%m-%d}.csv"
        response = StreamingHttpResponse(
            self.chunks(queryset, request), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _copy_out(cells: QuerySet, connection) -> Iterable[bytes]:
    """Stream PostgreSQL's own CSV of the query, with CRLF line ends."""
    sql, params = cells.query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    started = time.monotonic()
    # COPY hands over one row at a time: send them on in pieces of about FLUSH_SIZE.
    pending = bytearray()
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        for data in copy:
            pending += data
            if len(pending) >= FLUSH_SIZE:
                yield bytes(pending).replace(b"\n", b"\r\n")
                pending.clear()
    yield bytes(pending).replace(b"\n", b"\r\n")
    if connection.queries_logged:  # so that query-count tests see the COPY too
        connection.queries_log.append(
            {"sql": statement, "time": f"{time.monotonic() - started:.3f}"}
        )


def _write_rows(cells: QuerySet) -> Iterable[bytes]:
    """Write the rows as _copy_out sends them: CRLF between rows and inside cells.

    The terminator must hold both CR and LF: the csv module quotes a cell only when it
    contains one of the terminator's characters, and a bare CR must be quoted too.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in cells.iterator(chunk_size=CHUNK_SIZE):
        writer.writerow(
            [cell.replace("\n", "\r\n") if cell and "\n" in cell else cell for cell in row]
        )
        if buffer.tell() >= FLUSH_SIZE:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _display_path(relation: models.Field) -> str:
    """The related row's readable field: its name, title or code, else its id."""
    related_fields = {f.name for f in relation.related_model._meta.concrete_fields}
    for candidate in ("name", "title", "code"):
        if candidate in related_fields:
            return f"{relation.name}__{candidate}"
    return relation.attname


def _generic_value(model_field: models.Field) -> ExpressionSource:
    if model_field.is_relation:
        return _display_path(model_field)
    if model_field.choices:
        return label(model_field.attname, model_field.choices)
    if isinstance(model_field, models.BooleanField):
        return yes_no(model_field.attname)
    if isinstance(model_field, models.DateTimeField):
        return IsoDateTime(model_field.attname)
    return model_field.attname


@functools.cache
def model_exporter(model: type[models.Model]) -> CsvExporter:
    """Columns for a model with no exporter of its own: each field, related rows by name."""
    timestamps = ["created_at", "updated_at"]
    fields = [
        f
        for f in model._meta.concrete_fields
        # The revision is the admin's bookkeeping (no lost updates), not a fact of the row.
        if not f.primary_key and f.name not in {"code_normalized", "revision", *timestamps}
    ]
    # What a row is about first; when it was entered last.
    fields += [f for f in model._meta.concrete_fields if f.name in timestamps]
    return CsvExporter(
        columns=[Column(capfirst(str(f.verbose_name)), _generic_value(f)) for f in fields]
    )
