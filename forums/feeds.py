"""Atom feed of new forums: each edition when it is published."""

from django.urls import reverse

from core.feeds import FEED_LIMIT, Entry, EntryFeed, later
from forums.models import Forum


def forum_entry(forum: Forum) -> Entry:
    place = f", {forum.city}" if forum.city else ""
    return Entry(
        uid=f"forum/{forum.pk}",
        title=f"{forum.title} ({forum.start_date:%Y-%m-%d}{place})",
        url=forum.get_absolute_url(),
        updated=later(forum.updated_at, forum.made_public_at),
        published=forum.made_public_at,
        summary=forum.summary,
        kind="New forum",
    )


def newly_published_forums(limit: int = FEED_LIMIT):
    """The latest forums to be published (index: visibility, -made_public_at)."""
    # Every public record has the time it was made public (PublishableModel.save).
    return (
        Forum.objects.public()
        .filter(made_public_at__isnull=False)
        .order_by("-made_public_at", "-pk")[:limit]
    )


class ForumFeed(EntryFeed):
    title = "Sodium Registry: forums"
    description = "New forums of the sodium-ion battery industry, as they are recorded."

    def uid(self, obj) -> str:
        return "forums"

    def link(self):
        return reverse("forums:forum_list")

    def items(self):
        return [forum_entry(forum) for forum in newly_published_forums()]
