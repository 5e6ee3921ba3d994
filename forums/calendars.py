"""iCalendar (RFC 5545) for forums: an event per forum and per session whose date is known.

Sources give dates, not times, so every event is an all-day event (DTSTART;VALUE=DATE,
with the exclusive DTEND the RFC asks for). A session without a date of its own gets
its forum's only when the forum lasts one day; otherwise its day is unknown and it is
left out. UIDs are built from the primary key, so they survive edits and renames;
DTSTAMP and LAST-MODIFIED are the record's last change. The icalendar library writes
the escaping, folding and line ends.
"""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from core.feeds import plain_text
from core.redirects import visible_by_slug
from forums.models import Forum, ForumSeries, Session

SERIES_EDITIONS = 100  # a series calendar holds its latest editions only
ONE_DAY = datetime.timedelta(days=1)


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{settings.FEED_ID_AUTHORITY}"


def _stamp(event: Event, record) -> None:
    changed = record.updated_at.astimezone(datetime.UTC)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)


def _place(forum: Forum) -> str:
    return ", ".join(part for part in (forum.venue, forum.city, forum.region) if part)


def forum_event(forum: Forum, base_url: str) -> Event:
    event = Event()
    event.add("uid", _uid("forum", forum.pk))
    _stamp(event, forum)
    event.add("summary", plain_text(forum.title))
    event.add("dtstart", forum.start_date)
    event.add("dtend", (forum.end_date or forum.start_date) + ONE_DAY)
    if place := _place(forum):
        event.add("location", plain_text(place))
    if forum.summary:
        event.add("description", plain_text(forum.summary))
    event.add("url", base_url + forum.get_absolute_url())
    return event


def session_day(session: Session, forum: Forum) -> datetime.date | None:
    if session.date:
        return session.date
    if forum.end_date in (None, forum.start_date):
        return forum.start_date
    return None


def session_event(session: Session, forum: Forum, day: datetime.date, base_url: str) -> Event:
    event = Event()
    event.add("uid", _uid("forum-session", session.pk))
    _stamp(event, session)
    event.add("summary", plain_text(f"{session.title} — {forum.title}"))
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    if place := _place(forum):
        event.add("location", plain_text(place))
    if session.description:
        event.add("description", plain_text(session.description))
    event.add("url", f"{base_url}{forum.get_absolute_url()}#session-{session.pk}")
    return event


def calendar_of(forums, name: str, base_url: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Sodium Registry//Forums//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plain_text(name))
    for forum in forums:
        calendar.add_component(forum_event(forum, base_url))
        for session in forum.sessions.all():
            if day := session_day(session, forum):
                calendar.add_component(session_event(session, forum, day, base_url))
    return calendar


def calendar_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _forums():
    return Forum.objects.public().prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("order", "pk"))
    )


@require_safe
def forum_calendar(request, slug):
    forum = visible_by_slug(_forums(), slug)
    base_url = request.build_absolute_uri("/").removesuffix("/")
    return calendar_response(calendar_of([forum], forum.title, base_url), forum.slug)


@require_safe
def series_calendar(request, slug):
    series = visible_by_slug(ForumSeries.objects.public(), slug)
    forums = _forums().filter(series=series).order_by("-start_date", "-pk")[:SERIES_EDITIONS]
    base_url = request.build_absolute_uri("/").removesuffix("/")
    return calendar_response(calendar_of(forums, series.name, base_url), series.slug)
