"""The API's OpenAPI description says every answer it gives, errors included.

drf-spectacular describes the 200 answers from the serializers; this adds the others
the API gives (so that clients, and schemathesis in the tests, can rely on them).
"""

from drf_spectacular.openapi import AutoSchema

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
INVALID_FILTERS = {
    "type": "object",
    "description": "Each invalid parameter, with what is wrong with its value.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _json(schema: dict, description: str) -> dict:
    return {"content": {"application/json": {"schema": schema}}, "description": description}


BOUNDS = {"min_value": "minimum", "max_value": "maximum", "max_length": "maxLength"}


class RegistryAutoSchema(AutoSchema):
    def _get_filter_parameters(self):
        """The filters' bounds too (a year from 1900 to 2100, a search of at most 200
        characters), which drf-spectacular leaves out."""
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        for parameter in parameters:
            declared = filterset_class.base_filters.get(parameter["name"])
            if declared is None:
                continue
            for option, keyword in BOUNDS.items():
                if declared.extra.get(option) is not None:
                    parameter["schema"][keyword] = declared.extra[option]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        if self._is_list_view():
            responses["400"] = _json(INVALID_FILTERS, "A filter's value is not valid.")
            responses["404"] = _json(DETAIL, "The cursor is not valid.")
        else:
            responses["301"] = {
                "description": "A former slug: Location is the record's current URL.",
                "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
            }
            responses["404"] = _json(DETAIL, "No public record has this slug or number.")
        responses["429"] = {
            **_json(DETAIL, "Too many requests from this address: wait as Retry-After says."),
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        }
        return responses
