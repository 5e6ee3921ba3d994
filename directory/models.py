from django.db import models
from django.urls import reverse

from core.models import PublicRecord, SourcedModel, TimestampedModel


class OrganizationKind(models.TextChoices):
    COMPANY = "company", "Company"
    RESEARCH_INSTITUTE = "research_institute", "Research institute"
    UNIVERSITY = "university", "University"
    GOVERNMENT_AGENCY = "government_agency", "Government agency"
    LABORATORY = "laboratory", "Laboratory"
    ASSOCIATION = "association", "Association or alliance"
    OTHER = "other", "Other"


class Organization(PublicRecord, TimestampedModel, SourcedModel):
    visibility_from = None  # always public

    name = models.CharField(max_length=200, help_text="English name, as the source writes it.")
    native_name = models.CharField(
        max_length=200, blank=True, help_text="Name in the original language, e.g. 中文名."
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names and short forms readers may search for, one per line.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=30, choices=OrganizationKind, default=OrganizationKind.COMPANY
    )
    region = models.CharField(
        max_length=100, blank=True, help_text="Province, state or country, e.g. “Shandong, China”."
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organization this one belongs to, e.g. a laboratory's institute.",
    )
    website = models.URLField(max_length=300, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            # The list's orders: by name (its default), kind then name, region.
            models.Index(fields=["name"]),
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["region"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization_detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Person(PublicRecord, TimestampedModel, SourcedModel):
    visibility_from = None  # always public

    name = models.CharField(
        max_length=200, help_text="As the source writes it, e.g. “Li Jinghong”."
    )
    native_name = models.CharField(max_length=200, blank=True, help_text="e.g. 李景虹.")
    honorific = models.CharField(
        max_length=100,
        blank=True,
        help_text="A lasting title, e.g. “Academician of the Chinese Academy of Sciences”. "
        "Positions that change belong to the talk or role.",
    )
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:person_detail", kwargs={"slug": self.slug})
