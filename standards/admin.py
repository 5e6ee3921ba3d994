from django.contrib import admin

from core.admin import ContentAdmin, ContentInline, LatestRelatedListFilter, PublishableAdmin
from core.filters import search_admin, search_words
from standards.codes import normalize_code
from standards.exports import standard_csv
from standards.imports import StandardImporter
from standards.models import Committee, DraftingRole, Standard, StatusMilestone


@admin.register(Committee)
class CommitteeAdmin(ContentAdmin):
    list_display = ["name", "code", "kind", "organization"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["name", "native_name", "code"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization", "meetings", "source"]


class DraftingRoleInline(ContentInline):
    model = DraftingRole
    autocomplete_fields = ["organization"]
    fields = ["organization", "is_lead", "order"]
    show_change_link = False


class StatusMilestoneInline(ContentInline):
    model = StatusMilestone
    fields = ["date", "status", "iso_stage", "note", "source"]
    autocomplete_fields = ["source"]
    show_change_link = False


@admin.register(Standard)
class StandardAdmin(PublishableAdmin):
    csv_exporter = standard_csv
    csv_importer = StandardImporter
    list_display = [
        "code",
        "title",
        "level",
        "status",
        "issuing_body",
        "published_on",
        "visibility",
    ]
    list_filter = ["visibility", "level", "status", ("committee", LatestRelatedListFilter)]
    list_select_related = ["issuing_body", "committee"]
    # The normalized code makes `1006-2025` find `T/CNESA 1006—2025` here too.
    search_fields = ["code", "code_normalized", "title", "native_title", "scope"]
    prepopulated_fields = {"slug": ["code", "title"]}
    autocomplete_fields = [
        "issuing_body",
        "committee",
        "replaces",
        "discussed_at_sessions",
        "discussed_in_talks",
        "source",
    ]
    date_hierarchy = "published_on"
    inlines = [DraftingRoleInline, StatusMilestoneInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "mandate"]
    fieldsets = [
        (None, {"fields": ["code", "mandate", "title", "native_title", "slug", "level"]}),
        (
            "Lifecycle",
            {"fields": ["status", "iso_stage", "published_on", "effective_on", "withdrawn_on"]},
        ),
        ("Who", {"fields": ["issuing_body", "committee"]}),
        ("About", {"fields": ["scope", "replaces", "source"]}),
        ("Discussed at", {"fields": ["discussed_at_sessions", "discussed_in_talks"]}),
        ("Publishing", {"fields": PublishableAdmin.publishing_fields}),
    ]

    @admin.display(description="Mandate (from the code)")
    def mandate(self, obj):
        return obj.mandate or "—"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = search_admin(self, request, queryset, search_term)
        if normalized := normalize_code(search_words(search_term).text):
            results |= queryset.filter(code_normalized__contains=normalized)
        return results, may_have_duplicates

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_status_from_milestones()


@admin.register(StatusMilestone)
class StatusMilestoneAdmin(ContentAdmin):
    list_display = ["standard", "status", "date", "iso_stage"]
    list_filter = ["status"]
    list_select_related = ["standard"]
    search_fields = ["standard__code", "standard__title", "note"]
    get_search_results = search_admin
    autocomplete_fields = ["standard", "source"]
    date_hierarchy = "date"


@admin.register(DraftingRole)
class DraftingRoleAdmin(ContentAdmin):
    list_display = ["organization", "standard", "is_lead"]
    list_filter = ["is_lead"]
    list_select_related = ["organization", "standard"]
    search_fields = ["organization__name", "standard__code", "standard__title"]
    get_search_results = search_admin
    autocomplete_fields = ["standard", "organization"]
