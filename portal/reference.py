"""The API reference page and the data dictionary page, written on the server.

Both are plain HTML from the OpenAPI description (and, for the dictionary, the CSV
exporters): no script, so nothing for the strict Content Security Policy to refuse
(drf-spectacular's Swagger UI and Redoc pages start with an inline script).
"""

import functools
from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.api_policies import MAX_PAGE_SIZE, PAGE_SIZE
from portal.api import openapi_schema
from portal.data_dictionary import component_name, data_dictionary, describe_schema


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    values: list[str]
    description: str


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    parameters: list[Parameter]
    returns: str
    returns_anchor: str
    paginated: bool


def _returns(operation: dict) -> tuple[str, str, bool]:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" not in schema:
        return "", "", False
    name = component_name(schema["$ref"])
    if name.startswith("Paginated") and name.endswith("List"):
        record = name.removeprefix("Paginated").removesuffix("List")
        return record, f"api-{record.lower()}", True
    return name, f"api-{name.lower()}", False


@functools.cache
def operations() -> list[Operation]:
    found = []
    for path, methods in openapi_schema().get("paths", {}).items():
        for method, operation in methods.items():
            parameters = []
            for parameter in operation.get("parameters", []):
                kind, values = describe_schema(parameter.get("schema", {}))
                parameters.append(
                    Parameter(
                        parameter["name"],
                        parameter.get("in", ""),
                        parameter.get("required", False),
                        kind,
                        values,
                        parameter.get("description", ""),
                    )
                )
            returns, returns_anchor, paginated = _returns(operation)
            found.append(
                Operation(
                    method.upper(),
                    path,
                    operation.get("operationId", path),
                    operation.get("description", "").strip(),
                    parameters,
                    returns,
                    returns_anchor,
                    paginated,
                )
            )
    return found


@require_safe
def api_reference(request):
    context = {
        "schema_info": openapi_schema().get("info", {}),
        "operations": operations(),
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
    return render(request, "portal/api_reference.html", context)


@require_safe
def data_dictionary_page(request):
    return render(request, "portal/data_dictionary.html", data_dictionary())
