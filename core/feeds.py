"""What every feed and calendar shares: entries with ids that never change, bounded.

A feed is a list of `Entry`s (the latest `FEED_LIMIT`, each read through an index by
the app that owns it) rendered as Atom by Django's syndication framework. Each entry's
id is a tag: URI (RFC 4151) built from the record's kind and primary key, so editing a
record, renaming its slug or moving the site keeps the id; `updated` is the record's
last change.
"""

import dataclasses
import datetime
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

FEED_LIMIT = 50  # entries in a feed: the latest only, so a feed never grows with the data
TAG_DATE = "2026"  # the tag URIs' date (RFC 4151): fixed forever, like the authority

# Characters XML 1.0 and iCalendar's TEXT do not allow: a name pasted with one would
# otherwise fail the whole feed.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", str(text))


def tag_uri(uid: str) -> str:
    """The everlasting id of an entry or feed, e.g. tag:sodium-registry,2026:forum/12."""
    return f"tag:{settings.FEED_ID_AUTHORITY},{TAG_DATE}:{uid}"


@dataclasses.dataclass(frozen=True)
class Entry:
    """One change a reader can follow: a record published, a status reached, …"""

    uid: str  # kind and primary key, e.g. "milestone/12": never changes on edit
    title: str
    url: str  # the page's path
    updated: datetime.datetime
    published: datetime.datetime | None = None
    summary: str = ""
    kind: str = ""

    @property
    def when(self) -> datetime.datetime:
        """When it reached the public record: what feeds and "what's new" sort by."""
        return self.published or self.updated


def latest_entries(*groups, limit: int = FEED_LIMIT) -> list[Entry]:
    """The newest `limit` entries of several groups (each already bounded)."""
    entries = [entry for group in groups for entry in group]
    entries.sort(key=lambda entry: (entry.when, entry.uid), reverse=True)
    return entries[:limit]


def later(*moments):
    """The latest of the moments given (None ones skipped)."""
    return max(moment for moment in moments if moment is not None)


class EntryFeed(Feed):
    """An Atom feed of `Entry`s; subclasses give `items`, `title`, `link` and `uid`."""

    feed_type = Atom1Feed

    def feed_guid(self, obj):
        return tag_uri(f"feed/{self.uid(obj)}")

    def uid(self, obj) -> str:
        raise NotImplementedError

    def item_title(self, item: Entry) -> str:
        return plain_text(item.title)

    def item_description(self, item: Entry) -> str | None:
        # Atom's <summary type="html">: the plain text, escaped as HTML (and then as XML).
        return escape(plain_text(item.summary)) if item.summary else None

    def item_link(self, item: Entry) -> str:
        return item.url

    def item_guid(self, item: Entry) -> str:
        return tag_uri(item.uid)

    item_guid_is_permalink = False

    def item_updateddate(self, item: Entry):
        return item.updated

    def item_pubdate(self, item: Entry):
        return item.published
