"""Reading what feeds, calendars and JSON-LD blocks say, as their readers would."""

import json
import re

import feedparser
import icalendar


def read_feed(client, url):
    """The feed at `url` as a feed reader parses it; fails on anything but valid Atom."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.bozo_exception}"
    assert feed.version == "atom10"
    for entry in feed.entries:
        assert entry.id.startswith("tag:"), entry.id
        assert entry.updated_parsed, entry.id
    return feed


def read_calendar(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    """The calendar's events by UID; each has what RFC 5545 requires."""
    found = {}
    for event in calendar.walk("VEVENT"):
        assert event.get("dtstamp") is not None
        assert event.get("dtstart") is not None
        found[str(event["uid"])] = event
    return found


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_of(response) -> dict:
    """The page's one JSON-LD block, parsed."""
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    return json.loads(blocks[0])


def alternates(response) -> dict[str, str]:
    """The <link rel="alternate"> of the page's head: href by type (the last of a type)."""
    head = response.content.decode().split("</head>")[0]
    found = {}
    for link in re.findall(r'<link rel="alternate"[^>]*>', head):
        kind = re.search(r'type="([^"]+)"', link).group(1)
        found.setdefault(kind, []).append(re.search(r'href="([^"]+)"', link).group(1))
    return found
