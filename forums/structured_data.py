"""schema.org Event for a forum page: dates, place, organizers and speakers."""

from core.structured_data import absolute, organization_ref, without_empty


def _performer(request, speaker) -> dict:
    if speaker.person is None:
        return organization_ref(request, speaker.organization)
    person = {
        "@type": "Person",
        "name": speaker.person.name,
        "url": absolute(request, speaker.person.get_absolute_url()),
    }
    if speaker.organization:
        person["affiliation"] = organization_ref(request, speaker.organization)
    return person


def forum_json_ld(request, forum) -> dict:
    """The forum as read from its prefetched page: no query of its own."""
    performers, seen = [], set()
    for talk in forum.talks.all():
        for speaker in talk.speakers.all():
            key = (speaker.person_id, None if speaker.person_id else speaker.organization_id)
            if key not in seen:
                seen.add(key)
                performers.append(_performer(request, speaker))
    address = without_empty(
        {"@type": "PostalAddress", "addressLocality": forum.city, "addressRegion": forum.region}
    )
    location = without_empty(
        {
            "@type": "Place",
            "name": forum.venue or forum.city,
            "address": address if len(address) > 1 else None,
        }
    )
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": forum.title,
            "alternateName": forum.native_title,
            "url": absolute(request, forum.get_absolute_url()),
            "startDate": forum.start_date.isoformat(),
            "endDate": (forum.end_date or forum.start_date).isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location if len(location) > 1 else None,
            "description": forum.summary,
            "organizer": [
                organization_ref(request, role.organization) for role in forum.organizer_roles.all()
            ],
            "performer": performers,
            "superEvent": {"@type": "EventSeries", "name": forum.series.name},
        }
    )
