from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.models import PublicRecord, PublishableModel, SourcedModel, TimestampedModel
from directory.models import Organization, Person


class ForumSeries(PublicRecord, TimestampedModel):
    visibility_from = None  # always public

    name = models.CharField(max_length=200)
    native_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "forum series"

    def __str__(self) -> str:
        return self.name


class Forum(PublishableModel, TimestampedModel, SourcedModel):
    """One edition of a forum series."""

    series = models.ForeignKey(ForumSeries, on_delete=models.PROTECT, related_name="editions")
    edition_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="4 for the fourth edition; empty when unknown."
    )
    title = models.CharField(max_length=300)
    native_title = models.CharField(max_length=300, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty for a one-day forum.")
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True, help_text="Province or country.")
    venue = models.CharField(max_length=200, blank=True)
    # Sources often give lower bounds ("over 500"): the number, and whether it is one.
    attendees = models.PositiveIntegerField(null=True, blank=True)
    attendees_is_lower_bound = models.BooleanField(
        default=False, help_text="Tick when the source says “over” or “more than”."
    )
    attending_organizations = models.PositiveIntegerField(null=True, blank=True)
    attending_organizations_is_lower_bound = models.BooleanField(default=False)
    online_viewers = models.PositiveIntegerField(null=True, blank=True)
    online_viewers_is_lower_bound = models.BooleanField(default=False)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="forum_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.UniqueConstraint(
                fields=["series", "edition_number"],
                condition=Q(edition_number__isnull=False),
                name="forum_unique_edition_in_series",
                violation_error_message="This series already has an edition with that number.",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "-start_date"]),
            # The feed of new forums and "what's new": the latest published first.
            models.Index(fields=["visibility", "-made_public_at"], name="forum_newly_public"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:forum_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        # Shown on the end date field, where the editor fixes it; the constraint backs it up.
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date cannot be before the start date."})


class OrganizerRoleKind(models.TextChoices):
    ORGANIZER = "organizer", "Organizer"
    CO_ORGANIZER = "co_organizer", "Co-organizer"
    HOST = "host", "Host"
    CO_HOST = "co_host", "Co-host"
    SUPPORTER = "supporter", "Supporter"


class OrganizerRole(PublicRecord, TimestampedModel):
    visibility_from = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="organizer_roles")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="forum_roles"
    )
    role = models.CharField(max_length=20, choices=OrganizerRoleKind)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["forum", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organization", "role"], name="organizer_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_role_display()}"


class SessionKind(models.TextChoices):
    OPENING_CEREMONY = "opening_ceremony", "Opening ceremony"
    THEMATIC_FORUM = "thematic_forum", "Thematic forum"
    SUB_FORUM = "sub_forum", "Sub-forum"
    STANDARDS_DISCUSSION = "standards_discussion", "Standards discussion"
    WORKING_GROUP_MEETING = "working_group_meeting", "Working group meeting"
    SITE_VISIT = "site_visit", "Site visit"
    OTHER = "other", "Other"


class Session(PublicRecord, TimestampedModel):
    visibility_from = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=300)
    native_title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=SessionKind)
    date = models.DateField(
        null=True, blank=True, help_text="When it differs from the forum's, or is known exactly."
    )
    order = models.PositiveSmallIntegerField(default=0)
    convened_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_convened",
        help_text="Who held it, where the source says, e.g. a ministry holding a meeting.",
    )
    description = models.TextField(blank=True, help_text="What it covered or discussed.")
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="sessions",
        help_text="Organizations the source names as taking part.",
    )

    class Meta:
        ordering = ["forum", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.forum} — {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.forum.get_absolute_url()}#session-{self.pk}"


class PersonRoleKind(models.TextChoices):
    MODERATOR = "moderator", "Moderator"
    GUEST = "guest", "Distinguished guest"


class PersonRole(PublicRecord, TimestampedModel):
    """A person's part in a forum, with the affiliation and position they held then."""

    visibility_from = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="person_roles")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="forum_roles")
    role = models.CharField(max_length=20, choices=PersonRoleKind)
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="person_roles", help_text="For moderators."
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="person_roles",
        help_text="Affiliation at the time.",
    )
    position = models.CharField(max_length=300, blank=True, help_text="Position at the time.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["forum", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "person", "role"], name="person_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class TalkKind(models.TextChoices):
    OPENING_REMARKS = "opening_remarks", "Opening remarks"
    KEYNOTE_REPORT = "keynote_report", "Keynote report"
    REPORT = "report", "Report"
    SHOWCASE = "showcase", "Showcase"
    OVERVIEW = "overview", "Overview"
    PANEL = "panel", "Panel discussion"


class Talk(PublicRecord, TimestampedModel):
    visibility_from = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="talks")
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="talks",
        help_text="Empty when the source does not say in which session it was given.",
    )
    title = models.CharField(max_length=300)
    native_title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=TalkKind, default=TalkKind.REPORT)
    summary = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["forum", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.forum.get_absolute_url()}#talk-{self.pk}"

    def clean(self) -> None:
        if self.session_id and self.forum_id and self.session.forum_id != self.forum_id:
            raise ValidationError({"session": "This session belongs to another forum."})

    def save(self, *args, **kwargs):
        # A talk added under a session belongs to that session's forum.
        if self.session_id and not self.forum_id:
            self.forum_id = self.session.forum_id
        super().save(*args, **kwargs)


class TalkSpeaker(PublicRecord, TimestampedModel):
    """Who gave a talk: a person, an organization, or both, as they were at the time."""

    visibility_from = "talk__forum"

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="talk_credits"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talk_credits",
        help_text="Affiliation at the time, or the presenting company for a showcase.",
    )
    position = models.CharField(max_length=300, blank=True, help_text="Position at the time.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["talk", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="talk_speaker_person_or_organization",
                violation_error_message="Name a person, an organization, or both.",
            ),
            models.UniqueConstraint(
                fields=["talk", "person"],
                condition=Q(person__isnull=False),
                name="talk_speaker_unique_person",
                violation_error_message="This person is already a speaker of this talk.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.organization)
