from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import PublicRecord, PublishableModel, SourcedModel, TimestampedModel
from directory.models import Organization
from forums.models import Forum
from standards.models import Standard


class EvaluationProgram(PublicRecord, TimestampedModel, SourcedModel):
    """A kind of evaluation run in numbered batches, e.g. low-temperature performance."""

    visibility_from = None  # always public

    name = models.CharField(max_length=200)
    native_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    basis_standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_programs",
        help_text="The standard the evaluation checks against.",
    )
    operator = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_programs_run",
        help_text="Who runs the program and announces its results.",
    )
    laboratory = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_programs_tested",
        help_text="The laboratory that carries out the tests.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EvaluationBatch(PublishableModel, TimestampedModel, SourcedModel):
    """One numbered round of a program's results, announced on a date."""

    str_related = ("program",)

    program = models.ForeignKey(EvaluationProgram, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveSmallIntegerField(
        help_text="Numbered within its program: 6 for the sixth."
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="Left empty, it is made from the program and the number.",
    )
    announced_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the source gives. Left empty when it says only that the results "
        "were announced at a forum: the batch then shows, sorts and filters by that "
        "forum's dates.",
    )
    announced_at = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="batches_announced",
        help_text="The forum where the results were announced.",
    )
    basis_standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_batches",
        help_text="The exact standard edition this batch was tested against, "
        "when it differs from the program's or should be pinned.",
    )
    notes = models.TextField(blank=True)
    # Kept by save() and by the forum's signal (evaluations.signals), never typed: the day
    # the batch shows, sorts and filters by: its own date, else its public forum's first day.
    announced_on_effective = models.DateField(
        "date announced (or forum start)", null=True, blank=True, editable=False
    )
    announced_during_forum = models.BooleanField(
        "announced during the forum",
        default=False,
        editable=False,
        help_text="True when the source gives no day and the batch takes its forum's dates.",
    )

    class Meta:
        ordering = ["-announced_on_effective", "program__name", "-number"]
        verbose_name_plural = "evaluation batches"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "number"],
                name="batch_unique_number_in_program",
                violation_error_message="This program already has a batch with that number.",
            )
        ]
        indexes = [
            models.Index(
                fields=["visibility", "-announced_on_effective"], name="batch_announced_effective"
            ),
            # The batches' feed (the latest changed) and "what's new" (the latest published).
            models.Index(fields=["visibility", "-updated_at"], name="batch_latest_changed"),
            models.Index(fields=["visibility", "-made_public_at"], name="batch_newly_public"),
            # Global search's "sixth batch" / "batch 6": the batches with a number, of
            # any program (the unique (program, number) index needs the program).
            models.Index(fields=["number"], name="batch_number"),
        ]

    def __str__(self) -> str:
        return f"{self.program} — batch {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:batch_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.program_id and self.number is not None:
            taken = EvaluationBatch.objects.filter(program=self.program_id, number=self.number)
            if taken.exclude(pk=self.pk).exists():
                # Said on the number, before a made-up slug could clash as well.
                raise ValidationError(
                    {"number": "This program already has a batch with that number."}
                )
        self._fill_slug()

    def save(self, *args, **kwargs):
        self._fill_slug()
        self.fill_effective_date()
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {
                *update_fields,
                "announced_on_effective",
                "announced_during_forum",
            }
        super().save(*args, **kwargs)

    def fill_effective_date(self) -> None:
        """The day shown, sorted and filtered by: the batch's own, else its forum's start
        (once that forum is public: a draft forum's dates never reach readers)."""
        forum = self.announced_at if self.announced_at_id else None
        if self.announced_on is None and forum is not None and forum.is_public:
            self.announced_on_effective = forum.start_date
            self.announced_during_forum = True
        else:
            self.announced_on_effective = self.announced_on
            self.announced_during_forum = False

    @property
    def announced_on_source(self) -> str | None:
        """Where the shown date comes from, as the CSV and the API say it."""
        if self.announced_on_effective is None:
            return None
        return "forum dates" if self.announced_during_forum else "announcement"

    def _fill_slug(self) -> None:
        if not self.slug and self.program_id and self.number is not None:
            self.slug = f"{self.program.slug}-batch-{self.number}"[:200]

    @property
    def effective_basis_standard(self) -> Standard | None:
        return self.basis_standard or self.program.basis_standard


class Outcome(models.TextChoices):
    PASSED = "passed", "Passed"
    PARTICIPATED = "participated", "Participated"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Did not pass"


class EvaluationResult(PublicRecord, TimestampedModel, SourcedModel):
    """An organization's (or one of its products') result in a batch."""

    visibility_from = "batch"

    batch = models.ForeignKey(EvaluationBatch, on_delete=models.CASCADE, related_name="results")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="evaluation_results"
    )
    product = models.CharField(
        max_length=200,
        blank=True,
        help_text="Cell or model name where the source names one; empty means the organization.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome)
    # A withdrawn result stays on record with its date and reason.
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=500, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Order in the announcement.")

    class Meta:
        ordering = ["batch", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "organization", "product"],
                name="result_unique_per_organization_product_batch",
                violation_error_message="This batch already has a result for that organization "
                "and product.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=False) | Q(withdrawal_reason=""),
                name="result_withdrawal_reason_needs_date",
                violation_error_message="Give the date of the withdrawal along with its reason.",
            ),
        ]
        indexes = [
            models.Index(fields=["outcome"]),
            models.Index(fields=["organization", "batch"]),
            # A batch's results in announcement order, for its page and deep list pages.
            models.Index(fields=["batch", "order", "id"]),
            # The admin's changelist: the newest batch first, each in the order entered
            # (deep pages walk this index alone; a filter by program walks its batches).
            models.Index(fields=["-batch", "order", "id"], name="result_newest_batch_first"),
        ]

    def __str__(self) -> str:
        subject = (
            f"{self.organization} — {self.product}" if self.product else str(self.organization)
        )
        return f"{subject}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.batch.get_absolute_url()}#result-{self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None
