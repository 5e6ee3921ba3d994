"""schema.org data for a standard page: a CreativeWork with its code, dates and makers.

schema.org has no type for a standard; CreativeWork with `identifier` (the code) is
what search engines read for documents of this kind.
"""

from core.structured_data import absolute, organization_ref, without_empty


def standard_json_ld(request, standard) -> dict:
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "additionalType": "https://schema.org/DigitalDocument",
            "name": standard.title,
            "alternateName": standard.native_title,
            "identifier": standard.code,
            "url": absolute(request, standard.get_absolute_url()),
            "abstract": standard.scope,
            "creativeWorkStatus": standard.status_label,
            "datePublished": standard.published_on.isoformat() if standard.published_on else None,
            "expires": standard.withdrawn_on.isoformat() if standard.withdrawn_on else None,
            "publisher": organization_ref(request, standard.issuing_body)
            if standard.issuing_body
            else None,
            "creator": [
                organization_ref(request, role.organization)
                for role in standard.drafting_roles.all()
            ],
            "dateModified": standard.updated_at.isoformat(),
        }
    )
