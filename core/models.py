"""What every content app shares: timestamps, citations and the publishable base."""

import datetime
import time
from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class RevisionConflict(Exception):
    """The row was saved by someone else after the editor loaded it: nothing was written."""


CHANGE_REASON_LENGTH = 100  # simple-history's history_change_reason column


def change_reason(text: str) -> str:
    """A change reason that fits its column (cut with "…" where it would not)."""
    if len(text) <= CHANGE_REASON_LENGTH:
        return text
    return text[: CHANGE_REASON_LENGTH - 1] + "…"


class TimestampedModel(models.Model):
    """Base of every content model: when it was entered, and every earlier version."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Moves on with every save of the row, so that a form can tell whether the row it
    # was loaded from is still the stored one (optimistic locking; see expect_revision).
    revision = models.PositiveIntegerField(default=0, editable=False)
    # Each save keeps the previous version, viewable and restorable in the admin.
    history = HistoricalRecords(inherit=True)

    _expected_revision: int | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            # Counted by the database, so that saves from stale copies still move it on;
            # the new number comes back through RETURNING.
            self.revision = F("revision") + 1
            if update_fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {*update_fields, "revision"}
        try:
            super().save(*args, **kwargs)
        finally:
            self._expected_revision = None

    def expect_revision(self, revision: int | None) -> None:
        """Make the next save update the row only if it is still at `revision`.

        If it has moved on, that save writes nothing and raises RevisionConflict.
        None: save whatever the stored revision is.
        """
        self._expected_revision = revision

    def _do_update(self, base_qs, *args, **kwargs):
        # The one UPDATE that saves the row, limited to the revision the editor started
        # from: UPDATE ... WHERE id = %s AND revision = %s. No row matched means that
        # someone else saved first (or deleted the row), and nothing is written.
        expected = self._expected_revision
        if expected is None:
            return super()._do_update(base_qs, *args, **kwargs)
        updated = super()._do_update(base_qs.filter(revision=expected), *args, **kwargs)
        if not updated:
            raise RevisionConflict(
                f"{self._meta.label} {self.pk} is no longer at revision {expected}"
            )
        return updated


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
    """The object if this user may see it, else None: the one way links to drafts hide.

    Templates use it as the `shown_to` filter (core.templatetags.registry).
    """
    if obj is None or obj.is_public or can_preview_drafts(user):
        return obj
    return None


def reverse_model(model: type[models.Model], relation: str) -> type[models.Model]:
    """The model behind a reverse relation, e.g. the batches a forum announced.

    A page of a lower app that shows records of a higher one reaches them this way,
    never by importing the higher app (imports run one way; see the README).
    """
    return model._meta.get_field(relation).related_model


class Visibility(models.TextChoices):
    """Whether readers can see a record: not to be confused with a standard's
    lifecycle stage "published" (StandardStatus.PUBLISHED)."""

    DRAFT = "draft", "Draft"
    PUBLIC = "public", "Public"


class PublicQuerySet(models.QuerySet):
    """Every public query starts at public(); the model says where its visibility lives."""

    def public(self):
        return self.filter(self.model.public_condition())

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees public records only."""
        if can_preview_drafts(user):
            return self
        return self.public()


class PublicRecord(models.Model):
    """A record readers may see, on its own account or through the record it belongs to.

    `visibility_from` names the relation (a path such as "talk__forum") to the
    PublishableModel whose visibility this record shares; "" means the record has a
    visibility of its own, and None that it is always public (organizations, people).
    """

    visibility_from: str | None = None

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def public_condition(cls, prefix: str = "") -> Q:
        """The rows that are public, seen from a query `prefix` away (e.g. "results__")."""
        if cls.visibility_from is None:
            return Q()
        path = f"{prefix}{cls.visibility_from}__" if cls.visibility_from else prefix
        return Q(**{f"{path}visibility": Visibility.PUBLIC})

    def visibility_owner(self) -> "PublishableModel | None":
        """The record this one takes its visibility from (itself for a publishable
        record), following `visibility_from`; None for a record always public."""
        if self.visibility_from is None:
            return None
        owner = self
        for name in filter(None, self.visibility_from.split("__")):
            owner = getattr(owner, name)
        return owner

    @property
    def is_public(self) -> bool:
        owner = self.visibility_owner()
        return True if owner is None else owner.is_public

    @property
    def was_ever_public(self) -> bool:
        """Whether readers have ever been able to see it: a child shares its owner's past."""
        owner = self.visibility_owner()
        return True if owner is None else owner.was_ever_public


SCHEDULE_HELP = (
    "Optional. The record is {verb} by the scheduler (manage.py publish_scheduled, run "
    "every minute) at its first run after this time; until that run nothing changes for "
    "readers. Times are in UTC."
)


class PublishableModel(PublicRecord):
    """A record that editors prepare as a draft and publish when it is ready."""

    visibility_from = ""
    str_related: tuple[str, ...] = ()  # relations __str__ reads, fetched with lists of it

    visibility = models.CharField(
        max_length=10,
        choices=Visibility,
        default=Visibility.DRAFT,
        db_index=True,
        help_text="Drafts are visible to staff only.",
    )
    made_public_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was first made public; kept when it returns to draft.",
    )

    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        verbose_name="publish at",
        help_text=SCHEDULE_HELP.format(verb="made public"),
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        verbose_name="unpublish at",
        help_text=SCHEDULE_HELP.format(verb="returned to draft"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.is_public and self.made_public_at is None:
            self.made_public_at = timezone.now()
            if update_fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {*update_fields, "made_public_at"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = "Unpublishing must come after publishing."
        if problem := self.provenance_problem():
            becoming_public = self.is_public and not self._stored_public()
            if becoming_public:
                errors["source"] = problem
            elif self.publish_at and not self.is_public:
                errors["publish_at"] = problem.replace("Publishing", "Scheduling publication")
        if errors:
            raise ValidationError(errors)

    def provenance_problem(self) -> str | None:
        """Why this record may not be made public, or None: it must cite its source.

        Rows within it (a batch's results, a standard's milestones) are covered by
        this record's source and need none of their own.
        """
        has_source_field = any(f.name == "source" for f in self._meta.concrete_fields)
        if has_source_field and getattr(self, "source_id", None) is None:
            noun = self._meta.verbose_name
            return f"Publishing needs a source: cite where this {noun}'s facts come from."
        return None

    def _stored_public(self) -> bool:
        if self.pk is None:
            return False
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("visibility", flat=True)
        return stored.first() == Visibility.PUBLIC

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def was_ever_public(self) -> bool:
        return self.made_public_at is not None


class CachedVersion(NamedTuple):
    """The content version as the cache holds it (see ContentVersion.cached)."""

    number: int
    seen_at: float  # when it was first read with this number (time.time())
    checked_at: float  # when it was last read from the database, just before the query


class ContentVersion(models.Model):
    """A number that goes up whenever any content changes.

    Cached public pages are keyed by it, so one change (a save, a publish, a delete)
    retires every cached page at once. The row is the record of truth; a copy kept in
    the cache for a bounded moment (`cached`) lets a cache hit run no query.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    SINGLETON_ID = 1
    CACHE_KEY = "content-version"
    clock = staticmethod(time.time)  # seconds; a seam for tests of the timing rules

    def __str__(self) -> str:
        return f"Content version {self.number}"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime | None]:
        row = cls.objects.filter(pk=cls.SINGLETON_ID).values_list("number", "changed_at").first()
        return row or (0, None)

    @classmethod
    def cached(cls, max_age: float) -> CachedVersion:
        """The number as read from the database at most max_age seconds ago.

        With Redis the copy is shared and a bump deletes it: every process sees a change
        at once. With local memory each process has its own copy: a change made in
        another process shows here within max_age seconds. (Either way, a reader that
        read the row just before a commit may put back the old number for max_age.)
        """
        now = cls.clock()
        held = cache.get(cls.CACHE_KEY)
        # A clock set back makes the age negative: read again rather than trust it.
        if held is not None and 0 <= now - held.checked_at < max_age:
            return held
        number = cls.current()[0]
        seen_at = held.seen_at if held is not None and held.number == number else now
        held = CachedVersion(number, seen_at, now)
        cache.set(cls.CACHE_KEY, held, None)
        return held

    @classmethod
    def bump(cls) -> None:
        changes = {"number": F("number") + 1, "changed_at": timezone.now()}
        if not cls.objects.filter(pk=cls.SINGLETON_ID).update(**changes):
            cls.objects.get_or_create(pk=cls.SINGLETON_ID)
            cls.objects.filter(pk=cls.SINGLETON_ID).update(**changes)
        # The cached copy goes now and again after the commit: a request in between
        # reads the row as it was before this transaction and caches that.
        cache.delete(cls.CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(cls.CACHE_KEY))


class SlugRedirect(models.Model):
    """A slug a record had, kept so that its old URLs still lead to it (301).

    Written when a record's slug changes and when records merge (core.redirects); the
    detail views look one up only when no record has the slug (a slug taken again
    belongs to its new record). It points at the record, not at a slug, so a chain of
    renames (a → b → c) leads from every old slug straight to the current one.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    old_slug = models.SlugField(max_length=200)
    object_id = models.PositiveBigIntegerField(help_text="The record the old slug leads to.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "old_slug"], name="slug_redirect_unique_old_slug"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.old_slug} → #{self.object_id}"
