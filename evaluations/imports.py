"""CSV import of evaluation results into their batches (core/csv_import.py does the reading).

The file is the one our results export writes: each row names its batch by the URL
(the batch's page, with the result's anchor `#result-12` for a stored result), else by
its "Program" and "Batch number". A row with a result's URL updates that result; a
row without one updates the batch's result for that organization and product, else
adds a new result after the batch's existing ones, in file order.

The organization is matched by name, other name or native name (match_organizations),
the program by name or native name. What matches nothing, or several records, is
listed and the row refused: the import creates no organization, program or batch.
The batch itself is never changed: a draft batch stays a draft, its results with it.
The export's other columns, which describe the organization or the batch (native name,
kind, announcement date and its source, basis standard), are read and ignored.
"""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models import Max

from core.csv_import import CsvImporter, ImportColumn, ImportPlan, RowPlan, field_parser
from directory.imports import slug_from_url
from directory.matching import folded, match_organizations
from evaluations.exports import result_csv
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome


def parse_outcome(value: str) -> str:
    """An outcome by its label (as exported, e.g. “Did not pass”) or its stored value."""
    if not value:
        raise ValidationError("an outcome is required.")
    for stored, label in Outcome.choices:
        if folded(value) in (folded(stored), folded(str(label))):
            return stored
    labels = ", ".join(f"“{label}”" for _, label in Outcome.choices)
    raise ValidationError(f"“{value}” is not an outcome; one of {labels}.")


def parse_date(value: str) -> datetime.date | None:
    """A date as exported (YYYY-MM-DD); empty is none."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"“{value}” is not a date; write it as YYYY-MM-DD.") from None


def result_pk_from_url(url: str) -> int | None:
    """The result's id from its URL's anchor (…/#result-12), or None."""
    fragment = urlsplit(url.strip()).fragment
    number = fragment.removeprefix("result-")
    return int(number) if fragment.startswith("result-") and number.isdigit() else None


def batch_number(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def outcome_label(value) -> str:
    return str(dict(Outcome.choices).get(value, value or ""))


# What the results import reads; every other column of our results export (the
# organization's native name and kind, the batch's dates and basis standard) is
# read and ignored, so the export's file is always accepted as it is.
READ = [
    ImportColumn("Organization", None, required=True),
    ImportColumn("Product", "product", field_parser(EvaluationResult, "product")),
    ImportColumn("Program", None),
    ImportColumn("Batch number", None),
    ImportColumn("Outcome", "outcome", parse_outcome, required=True, shown=outcome_label),
    ImportColumn("Withdrawn on", "withdrawn_on", parse_date),
    ImportColumn(
        "Withdrawal reason",
        "withdrawal_reason",
        field_parser(EvaluationResult, "withdrawal_reason"),
    ),
    ImportColumn("URL", None),
]
READ_HEADERS = {column.header for column in READ}


class EvaluationResultImporter(CsvImporter):
    model = EvaluationResult
    help = (
        "Each row names its batch by its URL (as the export writes it), else by “Program” "
        "and “Batch number”. A row with a result's URL updates that result; without one, "
        "the batch's result for that organization and product, else a new result after "
        "the batch's existing ones, in file order. Organizations are matched by name, "
        "other name or native name; the import creates no organization, program or batch. "
        "The export's other columns (the organization's native name and kind, the batch's "
        "date and basis standard) are read and ignored; the batch stays as it is (a draft "
        "stays a draft)."
    )
    columns = READ + [
        ImportColumn(header, None) for header in result_csv.headers() if header not in READ_HEADERS
    ]

    def prepare(self, plan: ImportPlan, cells_of: list[dict[str, str]]) -> None:
        # Organizations: one query whatever the number of names.
        names = [c.get("Organization", "") for c in cells_of]
        matches = match_organizations(names)
        self._orgs = {folded(k): v for k, v in matches.found.items()}
        self._orgs_ambiguous = {folded(k) for k in matches.ambiguous}
        if matches.unmatched:
            plan.unmatched["Organization"] = matches.unmatched
        # Programs: a handful of rows, read whole and matched folded.
        self._programs: dict[str, list[EvaluationProgram]] = {}
        for program in EvaluationProgram.objects.all():
            for spelling in {folded(program.name), folded(program.native_name)} - {""}:
                self._programs.setdefault(spelling, []).append(program)
        # Batches: by the URL's slug, or by program and number.
        slugs = {slug_from_url(c["URL"]) for c in cells_of if c.get("URL")}
        numbers = {batch_number(c.get("Batch number", "")) for c in cells_of} - {None}
        programs = {
            p.pk for c in cells_of for p in self._programs.get(folded(c.get("Program", "")), [])
        }
        batches = EvaluationBatch._base_manager.filter(
            slug__in=slugs
        ) | EvaluationBatch._base_manager.filter(program__in=programs, number__in=numbers)
        batches = list(batches.select_related("program"))
        self._batch_by_slug = {b.slug: b for b in batches}
        self._batch_by_number = {(b.program_id, b.number): b for b in batches}
        # Stored results: by the URLs' ids, and every result of those batches for the
        # organizations named (to find a row's result by organization and product).
        pks = {result_pk_from_url(c["URL"]) for c in cells_of if c.get("URL")} - {None}
        orgs = {o.pk for o in self._orgs.values()}
        results = EvaluationResult._base_manager.filter(
            pk__in=pks
        ) | EvaluationResult._base_manager.filter(batch__in=batches, organization__in=orgs)
        results = list(results.select_related("organization"))
        self._result_by_pk = {r.pk: r for r in results}
        self._result_by_key = {(r.batch_id, r.organization_id, r.product): r for r in results}
        # New results follow the batch's existing ones.
        last = (
            EvaluationResult._base_manager.filter(batch__in=batches)
            .values("batch")
            .annotate(last=Max("order"))
            .values_list("batch", "last")
        )
        self._next_order = {batch: (order or 0) + 1 for batch, order in last}
        self._unmatched_batches: list[str] = []
        self._keys: dict[tuple, int] = {}
        self._plan = plan

    def _batch(self, row: RowPlan, cells: dict[str, str]) -> EvaluationBatch | None:
        url = cells.get("URL", "")
        program_name, number = cells.get("Program", ""), cells.get("Batch number", "")
        if url:
            batch = self._batch_by_slug.get(slug_from_url(url))
            if batch is None:
                row.reject(f"URL: no evaluation batch at “{url}”.")
                return None
            given = (program_name and folded(program_name)) or number
            if given and (
                (
                    program_name
                    and folded(program_name)
                    not in {folded(batch.program.name), folded(batch.program.native_name)}
                )
                or (number and batch_number(number) != batch.number)
            ):
                row.reject(
                    "Program, Batch number: they name another batch than the URL; a result "
                    "cannot move between batches (leave the URL empty to add it to the other)."
                )
                return None
            return batch
        if not program_name or not number:
            row.reject("Give the row's URL, or its “Program” and “Batch number”.")
            return None
        programs = self._programs.get(folded(program_name), [])
        if len(programs) > 1:
            row.reject(f"Program: “{program_name}” names several programs.")
            return None
        if batch_number(number) is None:
            row.reject(f"Batch number: “{number}” is not a whole number.")
            return None
        batch = programs and self._batch_by_number.get((programs[0].pk, batch_number(number)))
        if not batch:
            label = f"{program_name} — batch {number}"
            if label not in self._unmatched_batches:
                self._unmatched_batches.append(label)
                self._plan.unmatched["Batch"] = self._unmatched_batches
            row.reject(
                f"Program, Batch number: no batch {number} of a program called "
                f"“{program_name}”. Add the batch first; the import creates none."
            )
            return None
        return batch

    def _organization(self, row: RowPlan, name: str):
        if not name:
            row.reject("Organization: a name is required.")
        elif folded(name) in self._orgs_ambiguous:
            row.reject(f"Organization: “{name}” names several organizations.")
        elif folded(name) not in self._orgs:
            row.reject(
                f"Organization: no organization is called “{name}” (by name, other name or "
                "native name). Add it first; the import creates none."
            )
        else:
            return self._orgs[folded(name)]
        return None

    def _stored_result(self, row: RowPlan, url: str, batch, key: tuple) -> None:
        """The row's stored result: the URL's, else the batch's for its organization and
        product; rejected if that would give the batch two results for the same one."""
        if url and result_pk_from_url(url) is not None:
            row.instance = self._result_by_pk.get(result_pk_from_url(url))
            if row.instance is None or row.instance.batch_id != batch.pk:
                row.instance = None
                row.reject(f"URL: no result at “{url}” (leave the URL empty for a new one).")
                return
        other = self._result_by_key.get(key)
        if row.instance is None:
            row.instance = other
        elif other is not None and other.pk != row.instance.pk:
            row.reject("The batch already has a result for that organization and product.")
            return
        if key in self._keys:
            row.reject(f"The same result as line {self._keys[key]}.")
        self._keys.setdefault(key, row.line)

    def _check_withdrawal(self, row: RowPlan) -> None:
        stored = row.instance
        withdrawn_on = row.values.get("withdrawn_on", stored.withdrawn_on if stored else None)
        reason = row.values.get("withdrawal_reason", stored.withdrawal_reason if stored else "")
        if reason and withdrawn_on is None:
            row.reject("Withdrawal reason: give the date of the withdrawal (“Withdrawn on”) too.")

    def check_row(self, plan: ImportPlan, row: RowPlan, cells: dict[str, str]) -> None:
        name = cells.get("Organization", "")
        row.title = " — ".join(part for part in (name, cells.get("Product", "")) if part)
        batch = self._batch(row, cells)
        organization = self._organization(row, name)
        if row.status == "rejected":
            return
        row.title = f"{row.title} ({batch})"
        url = cells.get("URL", "")
        stored_product = ""
        if url and (pk := result_pk_from_url(url)) in self._result_by_pk:
            stored_product = self._result_by_pk[pk].product
        key = (batch.pk, organization.pk, row.values.get("product", stored_product))
        self._stored_result(row, url, batch, key)
        if row.status != "rejected":
            self._check_withdrawal(row)
        if row.status == "rejected":
            return
        if row.instance is None:
            row.values.update(batch=batch, organization=organization)
            row.values["order"] = self._next_order.get(batch.pk, 1)
            self._next_order[batch.pk] = row.values["order"] + 1
        elif row.instance.organization_id != organization.pk:
            row.extra["changes"] = [
                ("Organization", str(row.instance.organization), str(organization))
            ]
            row.values["organization"] = organization
