"""Inline rows that cost no query each.

An autocomplete widget looks up the record it shows as selected, one query per
widget: a batch with 100 results costs 100 queries for their organizations, and as
many again for each row's title. Here the inline's rows are read with their related
records (select_related), and each row's autocomplete takes its selected record
from the row it belongs to.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.forms.models import BaseInlineFormSet


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that renders its selected option from a record already loaded."""

    preloaded: dict[str, models.Model] = {}  # replaced per form, never mutated

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.preloaded.keys():
            # A new row, or values posted back with a form error: look them up.
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(self.preloaded[key])
            options.append(self.create_option(name, key, label, True, len(options)))
        return [(None, options, 0)]


class PreloadingInlineFormSet(BaseInlineFormSet):
    """Reads the rows with their autocompleted records, and hands each row's to its widget."""

    preloaded_relations: tuple[str, ...] = ()

    def get_queryset(self):
        # Read once: the formset indexes into it for every row.
        if not hasattr(self, "_preloaded_queryset"):
            queryset = super().get_queryset()
            if self.preloaded_relations:
                queryset = queryset.select_related(*self.preloaded_relations)
            self._preloaded_queryset = queryset
        return self._preloaded_queryset

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        for name in self.preloaded_relations:
            # The admin wraps the widget in a RelatedFieldWidgetWrapper.
            widget = getattr(form.fields[name].widget, "widget", None)
            related = getattr(form.instance, name)
            if isinstance(widget, PreloadedAutocompleteSelect) and related is not None:
                widget.preloaded = {str(related.pk): related}
        return form


class PreloadedAutocompleteInlineMixin:
    """For an InlineModelAdmin: its foreign-key autocompletes cost no query per row."""

    formset = PreloadingInlineFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        foreign_keys = {
            field.name for field in self.model._meta.concrete_fields if field.many_to_one
        }
        formset.preloaded_relations = tuple(
            name for name in self.get_autocomplete_fields(request) if name in foreign_keys
        )
        return formset
