"""The data dictionary: every CSV column and API field, with its meaning, type and values.

Nothing here is a copy kept by hand. The CSV columns are read from the public lists'
exporters (each app's exports.py: a column's description, else the model field's help
text; the field's type and choices, or the values a computed column can take), and the
API's fields from its OpenAPI description, which drf-spectacular builds from the
serializers and models (help texts, types, choices). The API reference page
(/api/reference/) is written from the same description.
"""

import functools
import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils.text import capfirst

from core.csv_export import Column
from evaluations.views import BatchListView, ResultListView
from forums.views import ForumListView
from portal.api import openapi_schema
from portal.views import OrganizationListView, PersonListView
from standards.views import StandardListView

# The public lists with a "Download CSV" link: (title, URL name, list view).
CSV_LISTS = [
    ("Forums", "forums:forum_list", ForumListView),
    ("Standards", "standards:standard_list", StandardListView),
    ("Evaluation batches", "evaluations:batch_list", BatchListView),
    ("Evaluation results", "evaluations:result_list", ResultListView),
    ("Organizations", "directory:organization_list", OrganizationListView),
    ("People", "directory:person_list", PersonListView),
]

FIELD_TYPES = {
    "DateField": "date (YYYY-MM-DD)",
    "DateTimeField": "date and time (ISO 8601, UTC)",
    "BooleanField": "Yes or No",
    "PositiveSmallIntegerField": "whole number",
    "PositiveIntegerField": "whole number",
    "PositiveBigIntegerField": "whole number",
    "IntegerField": "whole number",
    "BigAutoField": "whole number",
    "URLField": "URL",
}


@dataclass
class Entry:
    name: str
    meaning: str
    type: str
    values: list[str] = field(default_factory=list)


@dataclass
class Table:
    title: str
    anchor: str
    entries: list[Entry]
    link: str = ""
    note: str = ""


def resolve_path(model: type[models.Model], path: str) -> tuple[list, models.Field] | None:
    """The relations a field path crosses and the field it ends at, or None."""
    relations = []
    *hops, last = path.split("__")
    try:
        for hop in hops:
            relation = model._meta.get_field(hop)
            relations.append(relation)
            model = relation.related_model
        return relations, model._meta.get_field(last)
    except (FieldDoesNotExist, AttributeError):
        return None


def case_values(expression) -> list[str]:
    """The literal texts a computed column can take (a CASE's results, a label's
    choices), in order, each once; empty when it computes free text."""
    values: list[str] = []

    def walk(node):
        if isinstance(node, Value):
            if isinstance(node.value, str) and node.value:
                values.append(node.value)
        elif isinstance(node, When):
            walk(node.result)
        elif isinstance(node, Case):
            for case in node.cases:
                walk(case)
            walk(node.default)

    walk(expression)
    return list(dict.fromkeys(values))


def _field_meaning(relations: list, model_field: models.Field) -> str:
    own = str(model_field.help_text) or capfirst(str(model_field.verbose_name)) + "."
    if not relations:
        return own
    via = " → ".join(capfirst(str(relation.verbose_name)) for relation in relations)
    return f"Of the {via.lower()}: {own[0].lower()}{own[1:]}"


def csv_entry(model: type[models.Model], column: Column) -> Entry:
    value = column.value() if callable(column.value) else column.value
    resolved = resolve_path(model, value) if isinstance(value, str) else None
    if resolved is not None:
        relations, model_field = resolved
        choices = [str(label) for _value, label in model_field.choices or []]
        return Entry(
            column.header,
            column.description or _field_meaning(relations, model_field),
            FIELD_TYPES.get(model_field.get_internal_type(), "text"),
            choices,
        )
    values = case_values(value) if isinstance(value, models.Expression) else []
    meaning = column.description
    if not meaning and (labelled := labelled_field(value)) is not None:
        relations, model_field = resolve_path(model, labelled) or ([], None)
        meaning = _field_meaning(relations, model_field) if model_field else ""
    return Entry(column.header, meaning, "text", values)


def labelled_field(expression) -> str | None:
    """The field a choice label is computed from (core.csv_export.label: CASE WHEN
    field = value THEN label …), or None for another expression."""
    if not isinstance(expression, Case) or not expression.cases:
        return None
    condition = expression.cases[0].condition
    children = getattr(condition, "children", [])
    if children and isinstance(children[0], tuple):
        return children[0][0]
    return None


def csv_anchor(url_name: str) -> str:
    """The dictionary's anchor for a list's CSV, e.g. csv-forums-forum_list: the list's
    "Download CSV" link points there (templates/list_base.html)."""
    return "csv-" + url_name.replace(":", "-")


def csv_tables() -> list[Table]:
    tables = []
    for title, url_name, view_class in CSV_LISTS:
        exporter = view_class.csv_exporter
        model = view_class().get_queryset().model
        entries = [csv_entry(model, column) for column in exporter.columns]
        if exporter.url:
            entries.append(Entry("URL", "The record's page on this site.", "URL"))
        tables.append(
            Table(
                title,
                csv_anchor(url_name),
                entries,
                link=reverse(url_name),
                note="Empty cells are values the record does not have. Cells that a "
                "spreadsheet would run as a formula start with an apostrophe (').",
            )
        )
    return tables


OPENAPI_TYPES = {
    "uri": "URL",
    "date": "date (YYYY-MM-DD)",
    "integer": "whole number",
    "int32": "whole number",
    "int64": "whole number",
    "string": "text",
    "boolean": "true or false",
}
ENUM_LINE = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$")


def _components() -> dict:
    return openapi_schema().get("components", {}).get("schemas", {})


def component_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def enum_values(schema: dict) -> list[str]:
    """`value` (label) for each choice, from drf-spectacular's enum description."""
    labels = {}
    for line in schema.get("description", "").splitlines():
        if match := ENUM_LINE.match(line.strip()):
            labels[match["value"]] = match["label"]
    values = [value for value in schema.get("enum", []) if value not in ("", None)]
    return [f"{value} ({labels[value]})" if value in labels else str(value) for value in values]


def describe_schema(schema: dict) -> tuple[str, list[str]]:
    """A property's type in words, and its allowed values."""
    components = _components()
    nullable = schema.get("nullable", False)
    if "allOf" in schema or "oneOf" in schema:
        options = [*schema.get("allOf", []), *schema.get("oneOf", [])]
        refs = [option for option in options if "$ref" in option]
        nullable = nullable or any(option.get("type") == "null" for option in options)
        schema = refs[0] if refs else options[0]
    if "$ref" in schema:
        name = component_name(schema["$ref"])
        target = components.get(name, {})
        if "enum" in target:
            kind, values = "one of the values", enum_values(target)
        else:
            kind, values = f"object ({name})", []
    elif schema.get("type") == "array":
        item_kind, values = describe_schema(schema.get("items", {}))
        kind = f"list of {item_kind}"
    elif "enum" in schema:
        kind, values = "one of the values", enum_values(schema)
    else:
        kind = schema.get("format") or schema.get("type", "any")
        kind = OPENAPI_TYPES.get(kind, kind)
        values = []
    return (f"{kind}, or null" if nullable else kind), values


def api_tables() -> list[Table]:
    """One table per record the API returns (nested records included)."""
    tables = []
    for name, schema in _components().items():
        if schema.get("type") != "object" or name.startswith("Paginated"):
            continue
        entries = []
        for prop, prop_schema in schema.get("properties", {}).items():
            kind, values = describe_schema(prop_schema)
            # drf-spectacular appends the choices to a help text: they have a column.
            meaning = "\n".join(
                line
                for line in prop_schema.get("description", "").splitlines()
                if not ENUM_LINE.match(line.strip())
            ).strip() or (capfirst(prop.replace("_", " ")) + ".")
            entries.append(Entry(prop, meaning, kind, values))
        tables.append(Table(name, f"api-{name.lower()}", entries))
    return tables


@functools.cache
def data_dictionary() -> dict:
    """Built once per process: it depends on the code only."""
    return {"csv_tables": csv_tables(), "api_tables": api_tables()}
