"""Admin pieces every content app shares: publishing and deletion rules."""

from django.contrib import admin, messages

from core.models import PublicationStatus, Source


class ContentAdmin(admin.ModelAdmin):
    """Base for content admins: only superusers delete what the public can see."""

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is not None and getattr(obj, "is_public", False):
            return request.user.is_superuser
        return True


class ContentInline(admin.TabularInline):
    extra = 0
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # obj is the parent: rows of a published parent are published too.
        if not super().has_delete_permission(request, obj):
            return False
        if obj is not None and getattr(obj, "is_public", False):
            return request.user.is_superuser
        return True


class PublishableAdmin(ContentAdmin):
    """Admin for a publishable model: status column and filter, publish actions."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["published_at"]

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, "Published")

    @admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT, "Returned to draft")

    def _set_status(self, request, queryset, status, verb):
        # Saved one by one rather than with update(), so that save() stamps
        # published_at and every change is recorded like an edit in the form.
        changed = queryset.exclude(publication_status=status)
        count = 0
        for obj in changed:
            obj.publication_status = status
            obj.save(update_fields=["publication_status", "updated_at"])
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
