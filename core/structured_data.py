"""schema.org pieces every app's JSON-LD shares (rendered by the `json_ld` template tag)."""


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def organization_ref(request, organization) -> dict:
    """An organization as other records name it: its name and its page."""
    reference = {
        "@type": "Organization",
        "name": organization.name,
        "url": absolute(request, organization.get_absolute_url()),
    }
    if organization.native_name:
        reference["alternateName"] = organization.native_name
    return reference


def without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
