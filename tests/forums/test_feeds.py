"""The forums' Atom feed, their calendars and the forum page's schema.org Event."""

import datetime

import pytest

from forums.models import Session, SessionKind
from tests.directory.factories import make_organization, make_person
from tests.feeds_support import alternates, events, json_ld_of, read_calendar, read_feed
from tests.forums.factories import (
    make_forum,
    make_organizer_role,
    make_series,
    make_speaker,
    make_talk,
)
from tests.support import link_to

HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture
def forums(db):
    series = make_series(name="Sodium forum series", slug="sodium-series")
    forum = make_forum(
        series=series,
        title="Three-day forum",
        slug="three-day",
        start_date=datetime.date(2025, 9, 24),
        end_date=datetime.date(2025, 9, 26),
        city="Weihai",
        region="Shandong, China",
        venue="Hall, with; commas",
    )
    Session.objects.create(
        forum=forum,
        title="Dated session",
        kind=SessionKind.SUB_FORUM,
        date=datetime.date(2025, 9, 25),
    )
    Session.objects.create(forum=forum, title="Undated session", kind=SessionKind.SUB_FORUM)
    one_day = make_forum(
        series=series, title="One-day forum", slug="one-day", start_date=datetime.date(2024, 5, 1)
    )
    Session.objects.create(forum=one_day, title="Morning", kind=SessionKind.OPENING_CEREMONY)
    draft = make_forum(series=series, title="Secret forum", slug="secret", published=False)
    Session.objects.create(forum=draft, title="Secret session", kind=SessionKind.SUB_FORUM)
    return {"forum": forum, "one_day": one_day, "draft": draft, "series": series}


@pytest.mark.django_db
class TestForumFeed:
    def test_lists_public_forums_with_stable_ids_and_no_draft(self, client, forums):
        feed = read_feed(client, "/forums/feed.atom")
        titles = [entry.title for entry in feed.entries]
        assert any("Three-day forum" in title for title in titles)
        assert not any("Secret" in title for title in titles)
        forum = forums["forum"]
        entry = next(e for e in feed.entries if "Three-day" in e.title)
        assert entry.id == f"tag:sodium-registry,2026:forum/{forum.pk}"
        assert entry.link == "http://testserver/forums/three-day/"

        # An edit (a new slug, a new title) keeps the id and moves `updated` on.
        forum.title, forum.slug = "Renamed forum", "renamed"
        forum.save()
        renamed = next(
            e for e in read_feed(client, "/forums/feed.atom").entries if e.id == entry.id
        )
        assert renamed.title.startswith("Renamed forum")
        assert renamed.updated_parsed >= entry.updated_parsed

    def test_linked_from_the_list_and_the_forum_page(self, client, forums):
        for url in ("/forums/", "/forums/three-day/"):
            response = client.get(url)
            assert "/forums/feed.atom" in alternates(response)["application/atom+xml"], url
            assert link_to(response, "/forums/feed.atom"), url

    def test_a_control_character_in_a_title_does_not_break_the_feed(self, client, forums):
        forums["one_day"].title = "Bell\x07 forum"
        forums["one_day"].save()
        feed = read_feed(client, "/forums/feed.atom")
        assert any(entry.title.startswith("Bell forum") for entry in feed.entries)


@pytest.mark.django_db
class TestCalendars:
    def test_a_forum_is_an_all_day_event_over_its_dates(self, client, forums):
        forum = forums["forum"]
        calendar = read_calendar(client, "/forums/three-day/calendar.ics")
        found = events(calendar)
        event = found[f"forum-{forum.pk}@sodium-registry"]
        assert event.decoded("dtstart") == datetime.date(2025, 9, 24)
        # DTEND is exclusive (RFC 5545): the day after the last day.
        assert event.decoded("dtend") == datetime.date(2025, 9, 27)
        assert str(event["location"]) == "Hall, with; commas, Weihai, Shandong, China"
        assert str(event["url"]) == "http://testserver/forums/three-day/"
        # Text is escaped as the RFC says, and parsed back whole.
        assert b"Hall\\, with\\; commas" in calendar.to_ical()

    def test_sessions_with_a_known_day_are_events_and_others_are_left_out(self, client, forums):
        found = events(read_calendar(client, "/forums/three-day/calendar.ics"))
        summaries = {str(event["summary"]): event for event in found.values()}
        dated = summaries["Dated session — Three-day forum"]
        assert dated.decoded("dtstart") == datetime.date(2025, 9, 25)
        assert dated.decoded("dtend") == datetime.date(2025, 9, 26)
        assert not any(summary.startswith("Undated") for summary in summaries)
        # In a one-day forum every session is on that day.
        one_day = events(read_calendar(client, "/forums/one-day/calendar.ics"))
        morning = next(e for e in one_day.values() if str(e["summary"]).startswith("Morning"))
        assert morning.decoded("dtstart") == datetime.date(2024, 5, 1)

    def test_uids_survive_edits(self, client, forums):
        before = set(events(read_calendar(client, "/forums/three-day/calendar.ics")))
        forum = forums["forum"]
        forum.title = "Another title"
        forum.save()
        assert set(events(read_calendar(client, "/forums/three-day/calendar.ics"))) == before

    def test_the_series_calendar_holds_its_public_editions_only(self, client, forums):
        calendar = read_calendar(client, "/forums/series/sodium-series/calendar.ics")
        summaries = [str(event["summary"]) for event in events(calendar).values()]
        assert "Three-day forum" in summaries
        assert "One-day forum" in summaries
        assert not [summary for summary in summaries if "Secret" in summary]
        assert str(calendar["x-wr-calname"]) == "Sodium forum series"

    def test_a_draft_forum_has_no_calendar(self, client, forums):
        assert client.get("/forums/secret/calendar.ics").status_code == 404
        assert client.get("/forums/series/no-such/calendar.ics").status_code == 404

    def test_linked_from_the_forum_page(self, client, forums):
        response = client.get("/forums/three-day/")
        calendars = alternates(response)["text/calendar"]
        assert calendars == [
            "/forums/three-day/calendar.ics",
            "/forums/series/sodium-series/calendar.ics",
        ]
        assert link_to(response, "/forums/three-day/calendar.ics")

    def test_a_renamed_forum_calendar_redirects(self, client, forums):
        forum = forums["forum"]
        forum.slug = "new-slug"
        forum.save()
        response = client.get("/forums/three-day/calendar.ics")
        assert response.status_code == 301
        assert response["Location"] == "/forums/new-slug/calendar.ics"


@pytest.mark.django_db
class TestForumJsonLd:
    def test_the_forum_is_an_event_with_place_organizers_and_performers(self, client, forums):
        forum = forums["forum"]
        organizer = make_organization(name="Alliance", slug="alliance")
        make_organizer_role(forum=forum, organization=organizer)
        talk = make_talk(forum=forum, title="Report")
        make_speaker(
            talk=talk, person=make_person(name="Li Jinghong", slug="li"), organization=organizer
        )
        data = json_ld_of(client.get("/forums/three-day/"))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Event"
        assert data["startDate"] == "2025-09-24"
        assert data["endDate"] == "2025-09-26"
        assert data["location"]["address"]["addressLocality"] == "Weihai"
        assert data["organizer"] == [
            {
                "@type": "Organization",
                "name": "Alliance",
                "url": "http://testserver/organizations/alliance/",
            }
        ]
        assert data["performer"][0]["name"] == "Li Jinghong"
        assert data["performer"][0]["affiliation"]["name"] == "Alliance"

    def test_a_hostile_name_cannot_close_the_block(self, client, forums):
        forum = forums["forum"]
        forum.title = HOSTILE
        forum.summary = "<!-- & -->"
        forum.save()
        response = client.get("/forums/three-day/")
        body = response.content.decode()
        assert "<script>alert(1)" not in body
        data = json_ld_of(response)
        assert data["name"] == HOSTILE
        assert data["description"] == "<!-- & -->"
