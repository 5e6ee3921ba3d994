"""Admin pieces every content app shares: CSV export, publishing and deletion rules."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation, IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin_inlines import PreloadedAutocompleteInlineMixin
from core.csv_export import CsvExporter, model_exporter
from core.csv_import import (
    MAX_BYTES,
    CsvImporter,
    FileRefused,
    forget_upload,
    keep_upload,
    kept_upload,
)
from core.models import RevisionConflict, Source, Visibility, change_reason
from core.pagination import BoundedPaginator


def may_delete(user, obj) -> bool:
    """Only superusers delete what the public can see or ever could see; editors may
    delete drafts that were never public. A record public through its parent (a forum's
    sessions, a batch's results) shares its parent's past."""
    return obj is None or user.is_superuser or not getattr(obj, "was_ever_public", False)


# --- No lost updates: each form knows which revision of its row it was loaded from -------

SHOWN_LENGTH = 80  # characters of a value quoted in a conflict message


class RevisionForm(forms.ModelForm):
    """A form that saves its row only if nobody else has saved it since it was loaded.

    The hidden `revision` field carries the row's revision from page to page; the
    save is one UPDATE limited to that revision (TimestampedModel.expect_revision).
    A stale form is refused with what changed, and shown again carrying the stored
    revision, so that saving once more, after reading the differences, keeps the
    editor's values.
    """

    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["revision"] = self.instance.revision

    def clean(self):
        cleaned_data = super().clean()
        submitted = cleaned_data.get("revision")
        if self.instance.pk is None or submitted is None:
            return cleaned_data
        if submitted != self.instance.revision:
            self._refuse_stale(submitted)
        self.instance.expect_revision(submitted)
        return cleaned_data

    def _refuse_stale(self, submitted: int):
        stored = type(self.instance)._base_manager.get(pk=self.instance.pk)
        fields = [
            f
            for f in stored._meta.concrete_fields
            if f.name in self.fields and f.name != "revision"
        ]
        changed = _changed_since(stored, submitted, fields, self.cleaned_data)
        noun = capfirst(stored._meta.verbose_name)
        lines = [
            f"Someone else saved this {stored._meta.verbose_name} after you opened it "
            f"(revision {stored.revision} now; you started from revision {submitted}). "
            "Nothing was saved."
        ]
        lines += [
            f"{capfirst(f.verbose_name)}: stored now “{_shown(f, getattr(stored, f.name))}”, "
            f"yours “{_shown(f, self.cleaned_data.get(f.name))}”."
            for f in changed
        ]
        if not changed:
            lines.append(f"{noun}'s own fields are as you saw them: the change was in its parts.")
        lines.append(
            "Check the values, then save again to keep yours, "
            "or reload the page to start from the stored version."
        )
        # Shown again, the form carries the stored revision: a second, informed save wins.
        self.data = self.data.copy()
        self.data[self.add_prefix("revision")] = str(stored.revision)
        raise ValidationError(lines, code="stale")


def _changed_since(stored, submitted: int, fields, cleaned_data) -> list[models.Field]:
    """The fields someone else changed since revision `submitted`, which the history
    records; without that version, the fields where stored and submitted differ."""
    seen = stored.history.filter(revision=submitted).order_by("-history_date").first()
    if seen is None:
        return [f for f in fields if _raw(cleaned_data.get(f.name)) != f.value_from_object(stored)]
    return [f for f in fields if f.value_from_object(seen) != f.value_from_object(stored)]


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value


def _shown(field: models.Field, value) -> str:
    """A value as an editor reads it: a choice's label, a related record's name."""
    if field.choices and not isinstance(value, models.Model):
        value = dict(field.flatchoices).get(value, value)
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


class LatestRelatedListFilter(admin.RelatedFieldListFilter):
    """A filter by a related record that offers the latest `limit` records, not all.

    Django's own lists every record of the related table, so a changelist's sidebar
    grew with it (every forum, every program); this one costs the same at any size. A
    record chosen from further back (a link from its own page) stays listed.
    """

    limit = 30

    def field_choices(self, field, request, model_admin):
        # The records' names may follow their own keys (a batch is named by its
        # program): read those with them, not once per record offered.
        model = field.remote_field.model
        required_keys = [
            key.name for key in model._meta.concrete_fields if key.many_to_one and not key.null
        ]
        related = model._default_manager.all()
        if required_keys:
            related = related.select_related(*required_keys)
        latest = list(related.order_by("-pk")[: self.limit])
        shown = {record.pk for record in latest}
        chosen = [value for value in self.lookup_val or [] if value.isdigit()]
        earlier = related.filter(pk__in=chosen).exclude(pk__in=shown) if chosen else []
        return [(record.pk, str(record)) for record in [*latest, *earlier]]


class RevisionFieldsMixin:
    """Puts the hidden revision field into every form of an admin or inline, whatever
    fields or fieldsets it declares, and keeps the form from writing it to the row."""

    form = RevisionForm

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), "revision"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "revision" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "revision"]}), *rest]


class ReadableHistoryContext(HistoricalRecordContextHelper):
    """The history page's list of changes with an empty value shown as "—", not "None"."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return "—" if value is None or value == "" else value


class ContentAdmin(RevisionFieldsMixin, SimpleHistoryAdmin):
    """Base for content admins: CSV export, no lost updates, and only superusers delete
    what is or was public.

    Editors export either the rows they tick (an action) or, with the "Export CSV"
    button, every row the changelist's current filters and search select. The
    "History" button lists every earlier version of a record and restores any of them.
    """

    csv_exporter: CsvExporter | None = None
    # The model's CSV import (core/csv_import.py), if it has one: an "Import CSV" button.
    csv_importer: type[CsvImporter] | None = None
    # Like the public lists: keys first, through the first 200 pages, counted no further
    # (the page says "20,000+"; filters and search reach the rest, the CSV has every
    # row). One count, not two, per changelist.
    paginator = BoundedPaginator
    show_full_result_count = False
    change_list_template = "admin/change_list_with_export.html"
    actions = ["export_selected_csv"]

    def action_checkbox(self, obj):
        """The row's selection box, the very input Django's own renders.

        Django renders it through the form widget templates, which took about 40% of a
        100-row changelist's time; this writes the same HTML directly.
        """
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            _("Select this object for an action - {}").format(obj),
        )

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history's own version calls select_related() with no fields for a
        # model without foreign keys, which Django 6.1 deprecates.
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *foreign_keys
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContext(self.model, historical_record)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        # Records always public are never deletable by editors (may_delete): the
        # action would only refuse every row.
        always_public = getattr(self.model, "visibility_from", "") is None
        if always_public and not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and to_historic(obj) is not None:
            # Reverting to an earlier version replaces the stored one: the form starts
            # from the stored revision, not from the one that old version had.
            stored = type(obj)._base_manager.filter(pk=obj.pk).values_list("revision", flat=True)
            obj.revision = stored.first() or 0
        return super().get_form(request, obj, change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RevisionConflict:
            # Someone saved between this form's check and its UPDATE, which then wrote
            # nothing, and the transaction rolled back: the form, checked once more,
            # now sees their save and answers with what changed.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except RevisionConflict:
            # As in changeform_view: the revert wrote nothing; check it again.
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_csv_exporter(self) -> CsvExporter:
        return self.csv_exporter or model_exporter(self.model)

    def get_urls(self):
        opts = self.model._meta
        export_url = path(
            "export-csv/",
            self.admin_site.admin_view(self.export_csv_view),
            name=f"{opts.app_label}_{opts.model_name}_export_csv",
        )
        urls = [export_url]
        if self.csv_importer is not None:
            urls.append(
                path(
                    "import-csv/",
                    self.admin_site.admin_view(self.import_csv_view),
                    name=f"{opts.app_label}_{opts.model_name}_import_csv",
                )
            )
        return [*urls, *super().get_urls()]

    def has_import_permission(self, request) -> bool:
        """Importing adds and changes records: it needs both rights."""
        return (
            self.csv_importer is not None
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def changelist_view(self, request, extra_context=None):
        if self.has_import_permission(request):
            opts = self.model._meta
            extra_context = {
                **(extra_context or {}),
                "csv_import_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_import_csv"),
            }
        return super().changelist_view(request, extra_context)

    def import_csv_view(self, request):
        """Upload, preview every row, then confirm: see core/csv_import.py."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        importer = self.csv_importer()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import {opts.verbose_name_plural} from CSV",
            "opts": opts,
            "columns": importer.columns,
            "import_help": importer.help,
            "max_mb": MAX_BYTES // 1024 // 1024,
            "plan": None,
            "error": "",
        }
        template = "admin/csv_import.html"
        if request.method != "POST":
            return TemplateResponse(request, template, context)
        if "token" in request.POST:
            return self._confirm_import(request, importer, context, template)
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "Choose a CSV file to upload."
            return TemplateResponse(request, template, context, status=400)
        try:
            if upload.size > MAX_BYTES:
                raise FileRefused(
                    f"The file is {upload.size / 1024 / 1024:.1f} MB; the import takes files "
                    f"up to {MAX_BYTES // 1024 // 1024} MB. Split it and import the parts."
                )
            data = upload.read()
            plan = importer.plan(data, upload.name)
        except FileRefused as refusal:
            context["error"] = str(refusal)
            return TemplateResponse(request, template, context, status=400)
        context["plan"] = plan
        if plan.can_apply:
            context["token"] = keep_upload(
                data,
                filename=upload.name,
                model_label=opts.label_lower,
                user_pk=request.user.pk,
                digest=plan.digest(),
            )
        return TemplateResponse(request, template, context)

    def _confirm_import(self, request, importer, context, template):
        opts = self.model._meta
        try:
            data, payload = kept_upload(
                request.POST["token"], model_label=opts.label_lower, user_pk=request.user.pk
            )
        except FileRefused as refusal:
            context["error"] = str(refusal)
            return TemplateResponse(request, template, context, status=400)
        try:
            plan = importer.apply(data, payload["name"], payload["digest"])
        except FileRefused as refusal:
            # The records moved on since the preview: show the new one to confirm again.
            plan = importer.plan(data, payload["name"])
            context.update(error=str(refusal), plan=plan)
            forget_upload(payload)
            if plan.can_apply:
                context["token"] = keep_upload(
                    data,
                    filename=payload["name"],
                    model_label=opts.label_lower,
                    user_pk=request.user.pk,
                    digest=plan.digest(),
                )
            return TemplateResponse(request, template, context, status=409)
        forget_upload(payload)
        counts = plan.counts
        self.message_user(
            request,
            f"Imported {payload['name']}: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged.",
            messages.SUCCESS,
        )
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def export_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            opts = self.model._meta
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?e=1"
            )
        return self._csv_response(request, changelist.get_queryset(request))

    @admin.action(
        description="Export selected %(verbose_name_plural)s as CSV", permissions=["view"]
    )
    def export_selected_csv(self, request, queryset):
        return self._csv_response(request, queryset)

    def _csv_response(self, request, queryset):
        name = slugify(self.model._meta.verbose_name_plural)
        return self.get_csv_exporter().streaming_response(queryset, name=name, request=request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_delete(request.user, obj)


class ContentInline(PreloadedAutocompleteInlineMixin, RevisionFieldsMixin, admin.TabularInline):
    extra = 0
    show_change_link = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            # A tabular inline names its fields only in the column headings: give each
            # widget its own accessible name for screen readers.
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield

    def has_delete_permission(self, request, obj=None):
        # obj is the parent: rows of a parent that is or was public are public too.
        return super().has_delete_permission(request, obj) and may_delete(request.user, obj)


class PublishableAdmin(ContentAdmin):
    """Admin for a publishable model: status column and filter, publish actions."""

    actions = [*ContentAdmin.actions, "publish", "unpublish"]
    readonly_fields = ["made_public_at"]
    publishing_fields = ["visibility", ("publish_at", "unpublish_at"), "made_public_at"]

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Visibility.PUBLIC, "Published")

    @admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Visibility.DRAFT, "Returned to draft")

    def _set_status(self, request, queryset, status, verb):
        # Saved one by one rather than with update(), so that save() stamps
        # made_public_at and every change is recorded like an edit in the form.
        changed = queryset.exclude(visibility=status)
        count = 0
        refused = []
        for obj in changed:
            if status == Visibility.PUBLIC and (problem := obj.provenance_problem()):
                refused.append((obj, problem))
                continue
            obj.visibility = status
            obj._change_reason = change_reason(f"{verb} from the changelist")
            obj.save(update_fields=["visibility", "updated_at"])
            count += 1
        self.message_user(request, f"{verb}: {count} {self._noun(count)}.", messages.SUCCESS)
        if refused:
            names = "; ".join(f"“{obj}”" for obj, _problem in refused)
            self.message_user(
                request,
                f"Not published, {len(refused)} {self._noun(len(refused))} without a source "
                f"(publishing needs one; cite it on the record, then publish): {names}.",
                messages.ERROR,
            )

    def _noun(self, count: int) -> str:
        meta = self.model._meta
        return meta.verbose_name if count == 1 else meta.verbose_name_plural


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publication", "published_on", "url"]
    list_filter = ["publication"]
    search_fields = ["title", "publication", "url"]
    date_hierarchy = "published_on"
