from django.contrib import admin

from core.admin import ContentAdmin
from core.filters import search_admin
from directory.exports import organization_csv, person_csv
from directory.models import Organization, Person


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    csv_exporter = organization_csv
    list_display = ["name", "native_name", "kind", "region", "parent", "updated_at"]
    list_filter = ["kind", "region"]
    list_select_related = ["parent"]
    search_fields = ["name", "native_name", "aliases", "slug"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "source"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "aliases", "slug", "kind", "region"]}),
        ("Details", {"fields": ["parent", "website", "description", "source"]}),
    ]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    csv_exporter = person_csv
    list_display = ["name", "native_name", "honorific", "updated_at"]
    search_fields = ["name", "native_name", "honorific", "slug"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
