from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from core.admin import ContentAdmin, ContentInline, LatestRelatedListFilter, PublishableAdmin
from core.filters import search_admin
from evaluations.batch_entry import (
    ENTRY_FIELDS,
    EvaluationBatchForm,
    EvaluationResultInlineForm,
    EvaluationResultInlineFormSet,
    add_pasted_results,
    plural,
)
from evaluations.exports import batch_csv, result_csv
from evaluations.imports import EvaluationResultImporter
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult


@admin.register(EvaluationProgram)
class EvaluationProgramAdmin(ContentAdmin):
    list_display = ["name", "basis_standard", "operator", "laboratory"]
    list_select_related = ["basis_standard", "operator", "laboratory"]
    search_fields = ["name", "native_name", "description"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["basis_standard", "operator", "laboratory", "source"]


class EvaluationResultInline(ContentInline):
    model = EvaluationResult
    form = EvaluationResultInlineForm
    formset = EvaluationResultInlineFormSet
    autocomplete_fields = ["organization"]
    fields = ["organization", "product", "outcome", "withdrawn_on", "withdrawal_reason", "order"]
    show_change_link = False


@admin.register(EvaluationBatch)
class EvaluationBatchAdmin(PublishableAdmin):
    csv_exporter = batch_csv
    # A default outcome for new results, and a pasted list of organizations that adds
    # their results at once (evaluations/batch_entry.py).
    form = EvaluationBatchForm
    list_display = [
        "__str__",
        "program",
        "number",
        "date_shown",
        "announced_at",
        "visibility",
    ]
    list_filter = [
        "visibility",
        ("program", LatestRelatedListFilter),
        ("announced_at", LatestRelatedListFilter),
    ]
    list_select_related = ["program", "announced_at"]
    search_fields = ["program__name", "program__native_name", "notes", "slug"]
    get_search_results = search_admin
    autocomplete_fields = ["program", "announced_at", "basis_standard", "source"]
    date_hierarchy = "announced_on_effective"
    inlines = [EvaluationResultInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "date_shown", "results_link"]

    @admin.display(description="Date shown", ordering="announced_on_effective")
    def date_shown(self, batch):
        """What the pages show: the batch's own date, else its forum's (saved on save)."""
        if batch.announced_on_effective is None:
            if batch.announced_at_id and batch.announced_on is None:
                return "— (its forum is a draft: the forum's dates are shown once it is public)"
            return "—"
        shown = batch.announced_on_effective.isoformat()
        return f"{shown} (the forum's dates)" if batch.announced_during_forum else shown

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        can_edit = self.has_change_permission(request, obj) if obj else True
        if can_edit:
            return fields
        # A read-only page has nothing to enter: no empty paste box or default outcome.
        return [name for name in fields if name not in ENTRY_FIELDS]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        done = add_pasted_results(form.instance, form)
        if done.created:
            names = ", ".join(f"“{org}”" for org in done.created)
            self.message_user(
                request,
                f"Created {plural(len(done.created), 'organization', 'organizations')}: {names}.",
                messages.SUCCESS,
            )
        if done.added:
            names = ", ".join(f"“{result.organization}”" for result in done.added)
            self.message_user(
                request,
                f"Added {plural(len(done.added), 'result', 'results')} by pasted names, "
                f"in that order: {names}.",
                messages.SUCCESS,
            )
        if done.already_in_batch:
            names = ", ".join(f"“{org}”" for org in done.already_in_batch)
            self.message_user(
                request, f"Already in this batch, not added again: {names}.", messages.WARNING
            )
        if done.repeated:
            names = ", ".join(f"“{name}”" for name in done.repeated)
            self.message_user(
                request,
                f"Named more than once in the paste, added once: {names}.",
                messages.WARNING,
            )

    @admin.display(description="Results")
    def results_link(self, batch):
        if batch.pk is None:
            return "—"
        url = reverse("admin:evaluations_evaluationresult_changelist")
        return format_html(
            '<a href="{}?batch__id__exact={}">This batch\'s results in the results list</a>',
            url,
            batch.pk,
        )


@admin.register(EvaluationResult)
class EvaluationResultAdmin(ContentAdmin):
    csv_exporter = result_csv
    csv_importer = EvaluationResultImporter
    # The newest batch first, its results in the order entered: an index of this table
    # serves it (result_newest_batch_first), with filters too. The model's own order
    # runs through the batch's program, which no index of this table serves.
    ordering = ["-batch_id", "order", "pk"]
    list_display = ["organization", "product", "outcome", "batch", "withdrawn_on"]
    list_filter = [
        "outcome",
        ("batch__program", LatestRelatedListFilter),
        ("batch", LatestRelatedListFilter),
        "organization__kind",
    ]
    list_select_related = ["organization", "batch__program"]
    search_fields = [
        "organization__name",
        "organization__native_name",
        "organization__aliases",
        "product",
    ]
    get_search_results = search_admin
    autocomplete_fields = ["batch", "organization", "source"]
