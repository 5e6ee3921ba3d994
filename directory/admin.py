from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.admin import ContentAdmin
from core.filters import search_admin
from directory.exports import organization_csv, person_csv
from directory.imports import OrganizationImporter, PersonImporter
from directory.models import Organization, Person
from directory.services import organization_merge, organization_merge_plan


class MergeForm(forms.Form):
    """The organizations to merge (`ids`) and the one that stays (`survivor`)."""

    ids = forms.CharField(widget=forms.HiddenInput)
    survivor = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Keep this one",
        help_text="The others' names become its aliases and their URLs lead to it.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = organizations
        self.fields["survivor"].choices = [
            (
                o.pk,
                f"{o.name} ({o.native_name}) — /{o.slug}/"
                if o.native_name
                else f"{o.name} — /{o.slug}/",
            )
            for o in organizations
        ]

    def survivor_and_merged(self) -> tuple[Organization, list[Organization]]:
        chosen = self.cleaned_data["survivor"]
        survivor = next(o for o in self.organizations if o.pk == chosen)
        return survivor, [o for o in self.organizations if o.pk != chosen]


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    csv_exporter = organization_csv
    csv_importer = OrganizationImporter
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
    actions = [*ContentAdmin.actions, "merge_selected"]

    def get_urls(self):
        merge_url = path(
            "merge/",
            self.admin_site.admin_view(self.merge_view),
            name="directory_organization_merge",
        )
        return [merge_url, *super().get_urls()]

    def has_merge_permission(self, request) -> bool:
        # A merge deletes the merged records: it needs both rights.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected organizations…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.order_by("pk").values_list("pk", flat=True))
        return redirect(f"{reverse('admin:directory_organization_merge')}?ids={ids}")

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        ids = {int(pk) for pk in data.get("ids", "").split(",") if pk.strip().isdigit()}
        organizations = list(Organization.objects.filter(pk__in=ids).order_by("name", "pk"))
        if len(organizations) < 2:
            self.message_user(request, "Select two or more organizations to merge.", messages.ERROR)
            return redirect("admin:directory_organization_changelist")
        bound = "survivor" in data
        form = MergeForm(
            data if bound else None,
            organizations=organizations,
            initial={"ids": ",".join(map(str, sorted(ids)))},
        )
        plan = None
        if bound and form.is_valid():
            survivor, merged = form.survivor_and_merged()
            if request.method == "POST":
                organization_merge(survivor=survivor, merged=merged)
                names = ", ".join(f"“{o.name}”" for o in merged)
                self.message_user(
                    request, f"Merged {names} into “{survivor.name}”.", messages.SUCCESS
                )
                return redirect("admin:directory_organization_change", survivor.pk)
            plan = organization_merge_plan(survivor=survivor, merged=merged)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge organizations",
            "opts": self.model._meta,
            "organizations": organizations,
            "form": form,
            "plan": plan,
        }
        return TemplateResponse(request, "admin/directory/organization/merge.html", context)


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    csv_exporter = person_csv
    csv_importer = PersonImporter
    list_display = ["name", "native_name", "honorific", "updated_at"]
    search_fields = ["name", "native_name", "honorific", "slug"]
    get_search_results = search_admin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
