"""The feeds that join the apps: one organization's record, and what's new everywhere."""

from django.db.models import F
from django.urls import reverse

from core.feeds import FEED_LIMIT, Entry, EntryFeed, later, latest_entries
from core.redirects import visible_by_slug
from directory.models import Organization
from evaluations.feeds import batch_entry, newly_published_batches
from forums.feeds import forum_entry, newly_published_forums
from standards.feeds import latest_milestones, milestone_entry, newly_published_standards
from standards.feeds import standard_entry as standard_published_entry

WHATS_NEW_PER_PAGE = 50
WHATS_NEW_PAGES = 20  # 1,000 entries at most: older changes are in the lists and the dump


def whats_new(count: int) -> list[Entry]:
    """The latest `count` changes across the registry: four queries, each walking an index
    for its newest `count` rows, merged."""
    return latest_entries(
        [forum_entry(forum) for forum in newly_published_forums(count)],
        [standard_published_entry(standard) for standard in newly_published_standards(count)],
        [batch_entry(batch) for batch in newly_published_batches(count)],
        [milestone_entry(milestone) for milestone in latest_milestones(count)],
        limit=count,
    )


class WhatsNewFeed(EntryFeed):
    title = "Sodium Registry: what's new"
    description = "Forums, standards and evaluation batches published, and status changes."

    def uid(self, obj) -> str:
        return "whats-new"

    def link(self):
        return reverse("core:whats_new")

    def items(self):
        return whats_new(FEED_LIMIT)


def _result_entry(result) -> Entry:
    batch = result.batch
    product = f" ({result.product})" if result.product else ""
    return Entry(
        uid=f"evaluation-result/{result.pk}",
        title=f"{result.get_outcome_display()}{product}: {batch.program}, batch {batch.number}",
        url=result.get_absolute_url(),
        updated=later(result.updated_at, batch.made_public_at),
        published=later(result.created_at, batch.made_public_at),
        kind="Evaluation result",
    )


def _talk_entry(credit) -> Entry:
    talk = credit.talk
    return Entry(
        uid=f"talk-speaker/{credit.pk}",
        title=f"{talk.get_kind_display()}: {talk.title}, at {talk.forum}",
        url=talk.get_absolute_url(),
        updated=later(credit.updated_at, talk.updated_at, talk.forum.made_public_at),
        published=later(credit.created_at, talk.forum.made_public_at),
        kind="Talk",
    )


def _drafting_entry(role) -> Entry:
    standard = role.standard
    lead = "Lead drafter" if role.is_lead else "Drafter"
    return Entry(
        uid=f"drafting-role/{role.pk}",
        title=f"{lead} of {standard}",
        url=standard.get_absolute_url(),
        updated=later(role.updated_at, standard.made_public_at),
        published=later(role.created_at, standard.made_public_at),
        kind="Standard drafted",
    )


def _organizer_entry(role) -> Entry:
    forum = role.forum
    return Entry(
        uid=f"organizer-role/{role.pk}",
        title=f"{role.get_role_display()} of {forum}",
        url=forum.get_absolute_url(),
        updated=later(role.updated_at, forum.made_public_at),
        published=later(role.created_at, forum.made_public_at),
        kind="Forum role",
    )


def organization_entries(organization: Organization, limit: int = FEED_LIMIT) -> list[Entry]:
    """One organization's latest results, talks, drafting work and forum roles: four
    queries, each bounded by `limit` and by the organization's own rows."""
    newest = F("created_at").desc()
    results = (
        organization.evaluation_results.public()
        .select_related("batch__program")
        .order_by(newest, "-pk")[:limit]
    )
    talks = (
        organization.talk_credits.public()
        .select_related("talk__forum")
        .order_by(newest, "-pk")[:limit]
    )
    drafting = (
        organization.drafting_roles.public().select_related("standard").order_by(newest, "-pk")
    )[:limit]
    organizing = (
        organization.forum_roles.public().select_related("forum").order_by(newest, "-pk")[:limit]
    )
    return latest_entries(
        map(_result_entry, results),
        map(_talk_entry, talks),
        map(_drafting_entry, drafting),
        map(_organizer_entry, organizing),
        limit=limit,
    )


class OrganizationFeed(EntryFeed):
    """Everything new about one organization, to follow one company."""

    description = "Its evaluation results, talks, standards drafted and forum roles."

    def get_object(self, request, slug):
        return visible_by_slug(Organization.objects.public(), slug)

    def uid(self, obj) -> str:
        return f"organization/{obj.pk}"

    def title(self, obj) -> str:
        return f"Sodium Registry: {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def items(self, obj):
        return organization_entries(obj)
