"""CSV import shared by the content admins: parse, validate, compare, apply.

An editor uploads a CSV; the importer reads it (UTF-8, with or without the byte-order
mark, and exactly the files core/csv_export.py writes: CRLF, cells our exporter
neutralized with a leading quote), compares every row with the stored record and
returns a plan: each row new, changed (with the fields that change), unchanged or
rejected (with its errors). Nothing is written until the editor confirms; the plan is
then made again from the same file and applied in one transaction, every saved row
recorded in the history with the file's name as the change reason.

All or nothing: a file with any rejected row applies no row. The editor fixes the
file and uploads it again.

A file is refused whole, with a message and nothing changed, when it is over
MAX_BYTES, empty, holds NUL bytes, is not UTF-8, lacks a required column, names a
column the import does not know, or repeats a header.
"""

import csv
import hashlib
import io
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.csv_export import BYTE_ORDER_MARK, CONTROL_STARTS, FORMULA_STARTS, LEADING_BLANKS
from core.models import change_reason

MAX_BYTES = 5 * 1024 * 1024  # 5 MB: tens of thousands of rows, far past any batch
MAX_ROWS = 20_000
NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"


class FileRefused(Exception):
    """The whole file is refused; the message says why, for the editor."""


def would_be_formula(text: str) -> bool:
    """What core.csv_export neutralizes: a formula start (after any blanks), a tab or CR."""
    if not text:
        return False
    if text[0] in FORMULA_STARTS or text[0] in CONTROL_STARTS:
        return True
    stripped = text.lstrip(LEADING_BLANKS)
    return text[0] in LEADING_BLANKS and bool(stripped) and stripped[0] in FORMULA_STARTS


def restored(cell: str) -> str:
    """A cell as it was before our exporter wrote it.

    The exporter prefixes a formula-looking cell with "'" and writes line breaks as
    CRLF: the quote comes off exactly where the exporter would have put it (a name
    such as "'s-Hertogenbosch" keeps its own), and CRLF becomes LF again.
    """
    cell = cell.replace("\r\n", "\n")
    if cell.startswith("'") and would_be_formula(cell[1:]):
        return cell[1:]
    return cell


@dataclass(frozen=True)
class ImportColumn:
    """A column of the import: its header (the exporter's), and where its value goes.

    `parse` turns the cell's text into the stored value or raises ValidationError;
    `attribute` is the model field it is compared with and saved to (None: a column
    only read, such as the URL, or one the importer handles itself). `text`: a cell
    that would run as a formula is refused unless the exporter's quote protects it.
    """

    header: str
    attribute: str | None
    parse: Callable[[str], Any] = str
    required: bool = False
    text: bool = True
    shown: Callable[[Any], str] = lambda value: "" if value is None else str(value)


@dataclass
class RowPlan:
    line: int  # the row's line in the file (the header is line 1)
    status: str = NEW
    title: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # attribute -> new value
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # header, old, new
    errors: list[str] = field(default_factory=list)
    instance: models.Model | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def reject(self, message: str) -> None:
        self.errors.append(message)
        self.status = REJECTED


@dataclass
class ImportPlan:
    filename: str
    headers: list[str]
    rows: list[RowPlan]
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # column -> names

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (NEW, CHANGED, UNCHANGED, REJECTED)}

    @property
    def can_apply(self) -> bool:
        return not self.count(REJECTED) and bool(self.count(NEW) + self.count(CHANGED))

    def digest(self) -> str:
        """What the plan would do, as a hash: confirm refuses if it no longer matches."""
        summary = repr(
            [(row.line, row.status, row.changes, row.errors, row.title) for row in self.rows]
        )
        return hashlib.sha256(summary.encode()).hexdigest()


def field_parser(model: type[models.Model], name: str) -> Callable[[str], Any]:
    """A cell checked as the model field checks a form's value (length, blank, URL)."""
    model_field = model._meta.get_field(name)

    def parse(value: str):
        return model_field.clean(value, None)

    return parse


def decoded(data: bytes) -> str:
    """The file's text, or FileRefused: too big, empty, NUL bytes, not UTF-8."""
    if len(data) > MAX_BYTES:
        raise FileRefused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the import takes files up to "
            f"{MAX_BYTES // 1024 // 1024} MB. Split it and import the parts."
        )
    if not data.strip():
        raise FileRefused("The file is empty.")
    if b"\x00" in data:
        raise FileRefused(
            "The file holds NUL bytes: it is not a text CSV (perhaps a spreadsheet file "
            "or UTF-16). Save it as “CSV UTF-8” and upload it again."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"The file is not UTF-8 (byte {error.start + 1} cannot be read). Save it as "
            "“CSV UTF-8” and upload it again."
        ) from None
    return text.removeprefix(BYTE_ORDER_MARK)


def checked_headers(cells: list[str], columns: list["ImportColumn"]) -> list[str]:
    """The header row as the columns spell it, or FileRefused: unknown, repeated or
    missing columns. Headers are matched ignoring case and surrounding blanks."""
    known = {column.header.casefold(): column.header for column in columns}
    given = [cell.strip() for cell in cells]
    unknown = [h for h in given if h.casefold() not in known]
    if unknown:
        raise FileRefused(
            f"Unknown column{'s' if len(unknown) > 1 else ''}: {quoted(unknown)}. "
            f"The columns this import reads: {quoted([c.header for c in columns])}."
        )
    headers = [known[h.casefold()] for h in given]
    repeated = sorted({h for h in headers if headers.count(h) > 1})
    if repeated:
        raise FileRefused(f"Column given twice: {quoted(repeated)}.")
    missing = [c.header for c in columns if c.required and c.header not in headers]
    if missing:
        raise FileRefused(f"Missing column{'s' if len(missing) > 1 else ''}: {quoted(missing)}.")
    return headers


def quoted(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


def read_rows(data: bytes, columns: list["ImportColumn"]) -> tuple[list[str], list[dict]]:
    """The file's headers and rows (header -> cell text, as in the file), or FileRefused."""
    text = decoded(data)
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FileRefused(f"The file cannot be read as CSV: {error}.") from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise FileRefused("The file has no header row.")
    headers = checked_headers(lines[0], columns)
    rows = []
    for cells in lines[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        too_many = any(cell.strip() for cell in cells[len(headers) :])
        rows.append({"cells": dict(zip(headers, cells, strict=False)), "too_many": too_many})
        if len(rows) > MAX_ROWS:
            raise FileRefused(f"The file has more than {MAX_ROWS:,} rows; split it.")
    if not rows:
        raise FileRefused("The file has a header row but no rows to import.")
    return headers, rows


class CsvImporter:
    """One model's import. Subclasses name the columns, look up the stored and related
    records for all rows at once (`prepare`, a constant number of queries whatever the
    number of rows) and find each row's record (`check_row`). One instance per import.
    """

    model: type[models.Model]
    columns: list[ImportColumn]
    # How rows find their records, for the upload form (empty: by URL, else by name).
    help: str = ""

    def plan(self, data: bytes, filename: str) -> ImportPlan:
        headers, raw_rows = read_rows(data, self.columns)
        by_header = {c.header: c for c in self.columns}
        rows = []
        cells_of = []
        for number, raw in enumerate(raw_rows, start=2):
            row = RowPlan(line=number)
            cells = {}
            if raw["too_many"]:
                row.reject("The row has more cells than the file has columns.")
            for header in headers:
                column = by_header[header]
                cell = raw["cells"].get(header, "")
                if column.text and would_be_formula(cell):
                    row.reject(
                        f"{header}: “{cell[:40]}” would run as a formula in a spreadsheet. "
                        "Start it with ' if it is meant as text."
                    )
                    continue
                cells[header] = restored(cell).strip()
            rows.append(row)
            cells_of.append(cells)
        plan = ImportPlan(filename=filename, headers=headers, rows=rows)
        self.prepare(plan, cells_of)
        seen: dict = {}
        for row, cells in zip(rows, cells_of, strict=True):
            if row.status == REJECTED:
                continue
            for header, cell in cells.items():
                column = by_header[header]
                if column.attribute is None:
                    continue
                try:
                    row.values[column.attribute] = column.parse(cell)
                except ValidationError as error:
                    row.reject(f"{header}: {' '.join(error.messages)}")
            self.check_row(plan, row, cells)
            self._check_repeated(row, seen)
            self.compare(row, headers)
        return plan

    def _check_repeated(self, row: RowPlan, seen: dict) -> None:
        """A record given twice in one file is refused the second time."""
        if row.status == REJECTED:
            return
        key = ("pk", row.instance.pk) if row.instance is not None else row.extra.get("key")
        if key is None:
            return
        if key in seen:
            row.reject(f"The same {self.model._meta.verbose_name} as line {seen[key]}.")
        else:
            seen[key] = row.line

    # --- What each importer says -------------------------------------------------------

    def prepare(self, plan: ImportPlan, cells_of: list[dict[str, str]]) -> None:
        """Look up, for all rows at once, the stored records and the related ones."""

    def check_row(self, plan: ImportPlan, row: RowPlan, cells: dict[str, str]) -> None:
        """Find the row's stored record (row.instance) and reject what cannot be saved."""

    def new_instance(self, row: RowPlan) -> models.Model:
        return self.model()

    def after_save(self, row: RowPlan, instance: models.Model, reason: str) -> None:
        """Save what belongs to the row beyond its own fields (e.g. its milestones)."""

    # --- Shared ------------------------------------------------------------------------

    def compare(self, row: RowPlan, headers: list[str]) -> None:
        if row.status == REJECTED:
            return
        if row.instance is None:
            row.status = NEW
            return
        for column in self.columns:
            if column.attribute is None or column.header not in headers:
                continue
            if column.attribute not in row.values:
                continue
            old = self.stored_value(row.instance, column.attribute)
            new = row.values[column.attribute]
            if self.comparable(old) != self.comparable(new):
                row.changes.append((column.header, column.shown(old), column.shown(new)))
        row.changes += row.extra.get("changes", [])
        row.status = CHANGED if row.changes else UNCHANGED

    def stored_value(self, instance: models.Model, attribute: str):
        return getattr(instance, attribute)

    @staticmethod
    def comparable(value):
        if isinstance(value, models.Model):
            return (type(value), value.pk)
        return "" if value is None else value

    def apply(self, data: bytes, filename: str, expected_digest: str) -> ImportPlan:
        """Make the plan again from the same file and save it, all in one transaction.

        Refused (FileRefused) if the plan is not the one the editor saw, e.g. because
        someone changed a record since, or if any row is rejected.
        """
        with transaction.atomic():
            plan = self.plan(data, filename)
            if plan.digest() != expected_digest:
                raise FileRefused(
                    "The records changed since the preview (someone saved one of them): "
                    "nothing was imported. Check the new preview below and confirm again."
                )
            if not plan.can_apply:
                raise FileRefused("Nothing was imported: the file has rejected rows.")
            reason = change_reason(f"Imported from {filename}")
            for row in plan.rows:
                if row.status not in (NEW, CHANGED):
                    continue
                instance = row.instance or self.new_instance(row)
                for attribute, value in row.values.items():
                    setattr(instance, attribute, value)
                instance._change_reason = reason
                instance.save()
                self.after_save(row, instance, reason)
        return plan


# --- Keeping the upload between preview and confirm --------------------------------------
# The file waits in a private temporary directory under a random name; the confirm form
# carries only a signed token naming it, with the file's SHA-256, its name, the user
# and the plan's digest. Confirm refuses a token that was not ours, is over an hour
# old, names another user or model, or whose file no longer has that hash.

TOKEN_SALT = "core.csv_import"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = 60 * 60


def upload_dir():
    path = Path(getattr(settings, "CSV_IMPORT_DIR", "") or tempfile.gettempdir()) / (
        "sodium-registry-imports"
    )
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def keep_upload(data: bytes, *, filename: str, model_label: str, user_pk, digest: str) -> str:
    name = secrets.token_hex(16)
    (upload_dir() / name).write_bytes(data)
    payload = {
        "file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "name": filename,
        "model": model_label,
        "user": user_pk,
        "digest": digest,
    }
    return signing.dumps(payload, salt=TOKEN_SALT)


def kept_upload(token: str, *, model_label: str, user_pk) -> tuple[bytes, dict]:
    """The kept file and its token's payload, or FileRefused."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise FileRefused("The preview is over an hour old: upload the file again.") from None
    except signing.BadSignature:
        raise FileRefused("The import form was altered: upload the file again.") from None
    if payload.get("model") != model_label or payload.get("user") != user_pk:
        raise FileRefused("The import form was altered: upload the file again.")
    path = upload_dir() / str(payload["file"])
    if not str(payload["file"]).isalnum() or not path.is_file():
        raise FileRefused("The uploaded file is no longer kept: upload it again.")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != payload["sha256"]:
        raise FileRefused("The uploaded file changed since the preview: upload it again.")
    return data, payload


def forget_upload(payload: dict) -> None:
    (upload_dir() / str(payload["file"])).unlink(missing_ok=True)
