import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import PublicRecord, PublishableModel, SourcedModel, TimestampedModel
from directory.models import Organization
from standards.codes import mandate_for_code, normalize_code


class StandardLevel(models.TextChoices):
    INTERNATIONAL = "international", "International"
    NATIONAL = "national", "National"
    INDUSTRY = "industry", "Industry"
    GROUP = "group", "Group (association)"
    LOCAL = "local", "Local"
    ENTERPRISE = "enterprise", "Enterprise"


class StandardStatus(models.TextChoices):
    """The lifecycle of a Chinese group or national standard, in order."""

    PROPOSED = "proposed", "Proposed"
    PROJECT_APPROVED = "project_approved", "Project approved"
    DRAFTING = "drafting", "Drafting"
    PUBLIC_COMMENT = "public_comment", "Public comment"
    TECHNICAL_REVIEW = "technical_review", "Technical review"
    SUBMITTED = "submitted", "Submitted for approval"
    PUBLISHED = "published", "Published"
    IN_FORCE = "in_force", "In force"
    UNDER_REVIEW = "under_review", "Under review"
    SUPERSEDED = "superseded", "Superseded"
    WITHDRAWN = "withdrawn", "Withdrawn"


# What each status means, for the page that explains them and for editors.
STATUS_EXPLANATIONS = {
    StandardStatus.PROPOSED: ("提案", "Someone has proposed the standard; no project exists yet."),
    StandardStatus.PROJECT_APPROVED: (
        "立项",
        "The standards body has approved the project and assigned a drafting group.",
    ),
    StandardStatus.DRAFTING: ("起草", "The drafting organizations are writing the text."),
    StandardStatus.PUBLIC_COMMENT: (
        "征求意见",
        "A draft is open for comment from industry and the public.",
    ),
    StandardStatus.TECHNICAL_REVIEW: (
        "审查",
        "The technical committee reviews the final draft.",
    ),
    StandardStatus.SUBMITTED: (
        "报批",
        "The reviewed draft has been submitted to the issuing body for approval.",
    ),
    StandardStatus.PUBLISHED: (
        "发布",
        "The issuing body has published the standard. Until its effective date it is "
        "“to be implemented” (即将实施).",
    ),
    StandardStatus.IN_FORCE: ("现行", "The standard is in effect."),
    StandardStatus.UNDER_REVIEW: (
        "复审",
        "The standard is in force and being reviewed to confirm, revise or withdraw it.",
    ),
    StandardStatus.SUPERSEDED: ("被代替", "A newer standard has replaced it."),
    StandardStatus.WITHDRAWN: ("废止", "The standard has been withdrawn and is no longer valid."),
}

iso_stage_validator = RegexValidator(
    r"^\d{2}\.\d{2}$", "Write the ISO/IEC stage code as two pairs of digits, e.g. 30.20."
)


class CommitteeKind(models.TextChoices):
    TECHNICAL_COMMITTEE = "technical_committee", "Technical committee"
    SUBCOMMITTEE = "subcommittee", "Subcommittee"
    WORKING_GROUP = "working_group", "Working group"


class Committee(PublicRecord, TimestampedModel, SourcedModel):
    """A technical committee or working group that drafts or reviews standards."""

    visibility_from = None  # always public

    name = models.CharField(max_length=300)
    native_name = models.CharField(max_length=300, blank=True)
    code = models.CharField(max_length=50, blank=True, help_text="e.g. SAC/TC 203.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=30, choices=CommitteeKind, default=CommitteeKind.TECHNICAL_COMMITTEE
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        help_text="The body it works under, e.g. a ministry.",
    )
    meetings = models.ManyToManyField(
        "forums.Session",
        blank=True,
        related_name="committees",
        help_text="Meetings of this committee held at forums.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Standard(PublishableModel, TimestampedModel, SourcedModel):
    code = models.CharField(
        max_length=100,
        blank=True,
        help_text="Exactly as written, e.g. “T/CNESA 1006—2025”. Empty while it has none.",
    )
    code_normalized = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    title = models.CharField(max_length=400)
    native_title = models.CharField(max_length=400, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    level = models.CharField(max_length=20, choices=StandardLevel)
    status = models.CharField(
        max_length=20,
        choices=StandardStatus,
        default=StandardStatus.DRAFTING,
        help_text="Kept in step with the latest status milestone.",
    )
    iso_stage = models.CharField(
        max_length=5,
        blank=True,
        validators=[iso_stage_validator],
        verbose_name="ISO/IEC stage",
        help_text="International projects only, e.g. 30.20 (committee draft), 60.60 (published).",
    )
    issuing_body = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standards_issued",
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="standards"
    )
    published_on = models.DateField(null=True, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    scope = models.TextField(blank=True)
    drafters = models.ManyToManyField(
        Organization, through="DraftingRole", related_name="standards_drafted", blank=True
    )
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        help_text="Earlier standards this one replaces.",
    )
    discussed_at_sessions = models.ManyToManyField(
        "forums.Session",
        blank=True,
        related_name="standards_discussed",
        help_text="Forum sessions and meetings that discussed it.",
    )
    discussed_in_talks = models.ManyToManyField(
        "forums.Talk",
        blank=True,
        related_name="standards_discussed",
        help_text="Talks that presented or discussed it.",
    )

    class Meta:
        ordering = ["code_normalized", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="standard_unique_code"
            ),
            models.UniqueConstraint(
                fields=["code_normalized"],
                condition=~Q(code_normalized=""),
                name="standard_unique_normalized_code",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(effective_on__gte=models.F("published_on")),
                name="standard_effective_not_before_published",
                violation_error_message="The effective date cannot be before the publication date.",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "level", "status"]),
            models.Index(fields=["status"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["title"]),
            # "What's new": the latest standards published first.
            models.Index(fields=["visibility", "-made_public_at"], name="standard_newly_public"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title

    def get_absolute_url(self) -> str:
        return reverse("standards:standard_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        # The normalized code is not on the form, so its uniqueness is checked here
        # and reported on the code field instead of failing in the database.
        self.code_normalized = normalize_code(self.code)
        # Some characters fold into several (“㎏” into “kg”): the folded form must still fit.
        limit = self._meta.get_field("code_normalized").max_length
        if len(self.code_normalized) > limit:
            raise ValidationError(
                {
                    "code": f"Ensure this code has at most {limit} characters once full-width "
                    f"and combined characters are spelled out (it has {len(self.code_normalized)})."
                }
            )
        if self.code_normalized:
            clash = (
                Standard.objects.filter(code_normalized=self.code_normalized)
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                raise ValidationError(
                    {"code": f"This code is already used by “{clash}” (written differently)."}
                )

    def save(self, *args, **kwargs):
        self.code_normalized = normalize_code(self.code)
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "code_normalized"}
        super().save(*args, **kwargs)

    @property
    def mandate(self) -> str:
        return mandate_for_code(self.code)

    @property
    def mandate_note(self) -> str:
        """The mandate, when it says more than the level: "Recommended national
        standard" under National, but not "Group (association) standard" under Group."""
        mandate = self.mandate
        return "" if mandate == f"{self.get_level_display()} standard" else mandate

    @property
    def is_to_be_implemented(self) -> bool:
        """即将实施: published, with an effective date still ahead."""
        return (
            self.status == StandardStatus.PUBLISHED
            and self.effective_on is not None
            and self.effective_on > timezone.localdate()
        )

    @property
    def status_label(self) -> str:
        if self.is_to_be_implemented:
            return "To be implemented"
        return self.get_status_display()

    def sync_status_from_milestones(self) -> None:
        """Make the status that of the latest dated milestone, where there is one."""
        latest = self.milestones.order_by("-date", "-pk").first()
        if latest and latest.status != self.status:
            self.status = latest.status
            self.save(update_fields=["status", "updated_at"])


class DraftingRole(PublicRecord, TimestampedModel):
    visibility_from = "standard"

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="drafting_roles")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="drafting_roles"
    )
    is_lead = models.BooleanField(default=False, help_text="Tick for the lead drafter.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["standard", "-is_lead", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "organization"],
                name="drafting_role_unique",
                violation_error_message="This organization is already a drafter of the standard.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} drafts {self.standard}"


class StatusMilestone(PublicRecord, TimestampedModel, SourcedModel):
    """A dated change of a standard's status: the timeline on its page."""

    visibility_from = "standard"

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="milestones")
    status = models.CharField(max_length=20, choices=StandardStatus)
    date = models.DateField(default=datetime.date.today)
    iso_stage = models.CharField(
        max_length=5, blank=True, validators=[iso_stage_validator], verbose_name="ISO/IEC stage"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["standard", "date", "pk"]
        indexes = [
            models.Index(fields=["date"]),
            # The status-changes feed and "what's new": the latest recorded first.
            models.Index(fields=["-created_at"], name="milestone_latest_recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.date:%Y-%m-%d}"
