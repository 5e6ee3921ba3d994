"""Admin pieces every content app shares: CSV export, publishing and deletion rules."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst, slugify
from simple_history.admin import SimpleHistoryAdmin

from core.csv_export import CsvExporter, model_exporter
from core.models import Source, Visibility


def may_delete(user, obj) -> bool:
    """Only superusers delete what the public can see or ever could see; editors may
    delete drafts that were never public. A record public through its parent (a forum's
    sessions, a batch's results) shares its parent's past."""
    return obj is None or user.is_superuser or not getattr(obj, "was_ever_public", False)


class ContentAdmin(SimpleHistoryAdmin):
    """Base for content admins: CSV export, and only superusers delete what is public.

    Editors export either the rows they tick (an action) or, with the "Export CSV"
    button, every row the changelist's current filters and search select. The
    "History" button lists every earlier version of a record and restores any of them.
    """

    csv_exporter: CsvExporter | None = None
    change_list_template = "admin/change_list_with_export.html"
    actions = ["export_selected_csv"]

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

    def get_csv_exporter(self) -> CsvExporter:
        return self.csv_exporter or model_exporter(self.model)

    def get_urls(self):
        opts = self.model._meta
        export_url = path(
            "export-csv/",
            self.admin_site.admin_view(self.export_csv_view),
            name=f"{opts.app_label}_{opts.model_name}_export_csv",
        )
        return [export_url, *super().get_urls()]

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


class ContentInline(admin.TabularInline):
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
        for obj in changed:
            obj.visibility = status
            obj.save(update_fields=["visibility", "updated_at"])
            count += 1
        self.message_user(request, f"{verb}: {count} {self._noun(count)}.", messages.SUCCESS)

    def _noun(self, count: int) -> str:
        meta = self.model._meta
        return meta.verbose_name if count == 1 else meta.verbose_name_plural


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publication", "published_on", "url"]
    list_filter = ["publication"]
    search_fields = ["title", "publication", "url"]
    date_hierarchy = "published_on"
