"""schema.org Organization for an organization page."""

from core.structured_data import absolute, organization_ref, without_empty


def organization_json_ld(request, organization) -> dict:
    """The organization as read for its page (parent and children prefetched)."""
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": organization.name,
            "alternateName": [
                name for name in (organization.native_name, *organization.alias_list) if name
            ],
            "url": absolute(request, organization.get_absolute_url()),
            "sameAs": organization.website,
            "description": organization.description,
            "address": {"@type": "PostalAddress", "addressRegion": organization.region}
            if organization.region
            else None,
            "parentOrganization": organization_ref(request, organization.parent)
            if organization.parent
            else None,
            "subOrganization": [
                organization_ref(request, child) for child in organization.children.all()
            ],
        }
    )
