"""Atom feeds of standards' status changes: each dated milestone is an entry."""

from django.db.models import F
from django.urls import reverse

from core.feeds import FEED_LIMIT, Entry, EntryFeed, later
from core.redirects import visible_by_slug
from standards.models import Standard, StatusMilestone


def milestone_entry(milestone: StatusMilestone) -> Entry:
    standard = milestone.standard
    stage = f" (stage {milestone.iso_stage})" if milestone.iso_stage else ""
    return Entry(
        uid=f"status-milestone/{milestone.pk}",
        title=f"{standard}: {milestone.get_status_display()}{stage} on {milestone.date:%Y-%m-%d}",
        url=f"{standard.get_absolute_url()}#milestone-{milestone.pk}",
        # Public once both it and its standard are.
        updated=later(milestone.updated_at, standard.made_public_at),
        published=later(milestone.created_at, standard.made_public_at),
        summary=milestone.note,
        kind="Status change",
    )


def standard_entry(standard: Standard) -> Entry:
    return Entry(
        uid=f"standard/{standard.pk}",
        title=str(standard),
        url=standard.get_absolute_url(),
        updated=later(standard.updated_at, standard.made_public_at),
        published=standard.made_public_at,
        summary=standard.scope,
        kind="Standard published",
    )


def latest_milestones(limit: int = FEED_LIMIT):
    """The latest milestones recorded, of public standards (index: created_at)."""
    return (
        StatusMilestone.objects.public()
        .select_related("standard")
        .order_by(F("created_at").desc(), "-pk")[:limit]
    )


def newly_published_standards(limit: int):
    """The latest standards to be published (index: visibility, -made_public_at)."""
    return (
        Standard.objects.public()
        .filter(made_public_at__isnull=False)
        .order_by("-made_public_at", "-pk")[:limit]
    )


class StatusChangesFeed(EntryFeed):
    title = "Sodium Registry: standards' status changes"
    description = "Each status a standard reaches (drafting, public comment, published, …)."

    def uid(self, obj) -> str:
        return "status-changes"

    def link(self):
        return reverse("standards:standard_list")

    def items(self):
        return [milestone_entry(milestone) for milestone in latest_milestones()]


class StandardFeed(EntryFeed):
    """One standard's timeline, to follow that standard."""

    description = "Each status this standard reaches, newest first."

    def get_object(self, request, slug):
        return visible_by_slug(Standard.objects.public(), slug)

    def uid(self, obj) -> str:
        return f"standard/{obj.pk}"

    def title(self, obj) -> str:
        return f"Sodium Registry: {obj}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def items(self, obj):
        milestones = obj.milestones.order_by("-date", "-pk")[:FEED_LIMIT]
        for milestone in milestones:
            milestone.standard = obj  # the one standard, not read again per entry
        return [milestone_entry(milestone) for milestone in milestones]
