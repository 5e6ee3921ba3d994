"""What every content app shares: timestamps, citations and the publishable base."""

import datetime

from django.db import models
from django.db.models import F
from django.utils import timezone
from simple_history.models import HistoricalRecords


class TimestampedModel(models.Model):
    """Base of every content model: when it was entered, and every earlier version."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Each save keeps the previous version, viewable and restorable in the admin.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Source(TimestampedModel):
    """A publication that records cite: an article, a notice, a standard's own text."""

    title = models.CharField(max_length=300)
    publication = models.CharField(
        max_length=200, blank=True, help_text="Who published it, e.g. a news site or a ministry."
    )
    url = models.URLField(max_length=500, blank=True, verbose_name="URL")
    published_on = models.DateField(null=True, blank=True)
    accessed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="source_unique_url",
                violation_error_message="A source with this URL is already recorded: cite that one.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.publication})" if self.publication else self.title


class SourcedModel(models.Model):
    """A record that can cite where its facts come from."""

    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The publication these facts come from.",
    )

    class Meta:
        abstract = True


def can_preview_drafts(user) -> bool:
    return user.is_active and user.is_staff


def shown_to(user, obj):
    """The object if this user may see it, else None: links to drafts stay hidden."""
    if obj is None or obj.is_public or can_preview_drafts(user):
        return obj
    return None


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published records only."""
        if can_preview_drafts(user):
            return self
        return self.published()


class PublishableModel(models.Model):
    """A record that editors prepare as a draft and publish when it is ready."""

    publication_status = models.CharField(
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Drafts are visible to staff only.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was first published."
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
            if update_fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {*update_fields, "published_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.is_published


class ContentVersion(models.Model):
    """A number that goes up whenever any content changes.

    Cached public pages are keyed by it, so one change (a save, a publish, a delete)
    retires every cached page at once, in every app process, whatever the cache.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    SINGLETON_ID = 1

    def __str__(self) -> str:
        return f"Content version {self.number}"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime | None]:
        row = cls.objects.filter(pk=cls.SINGLETON_ID).values_list("number", "changed_at").first()
        return row or (0, None)

    @classmethod
    def bump(cls) -> None:
        changes = {"number": F("number") + 1, "changed_at": timezone.now()}
        if not cls.objects.filter(pk=cls.SINGLETON_ID).update(**changes):
            cls.objects.get_or_create(pk=cls.SINGLETON_ID)
            cls.objects.filter(pk=cls.SINGLETON_ID).update(**changes)
