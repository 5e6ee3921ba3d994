"""The public list page every app uses: filters, search, sorting, pagination, CSV."""

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.encoding import escape_uri_path
from django.utils.text import slugify
from django.views import View

from core.page_cache import canonical_redirect
from core.pagination import BoundedPaginator

PAGE_PARAM = "page"
FORMAT_PARAM = "format"


def describe_value(bound_field, value) -> str:
    """The reader-facing text for a cleaned filter value."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):  # OrderingFilter gives a list of field names
        choices = dict(bound_field.field.choices)
        return ", ".join(str(choices.get(item, item)) for item in value)
    choices = getattr(bound_field.field, "choices", None)
    if choices is not None and not hasattr(value, "pk"):
        return str(dict(choices).get(value, value))
    return str(value)


def active_filters(request: HttpRequest, form) -> list[dict]:
    """Each filter in use, with a link that removes it and keeps the others."""
    active = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        remaining = request.GET.copy()
        remaining.pop(name, None)
        remaining.pop(PAGE_PARAM, None)
        active.append(
            {
                "label": form[name].label,
                "value": describe_value(form[name], value),
                "remove_query": remaining.urlencode(),
            }
        )
    return active


CSV_NAME_LIMIT = 120


def filtered_csv_name(name: str, form) -> str:
    """The download's name says what was filtered: "evaluation-results-outcome-passed-
    year-2025" (ASCII letters, digits and hyphens only; at most CSV_NAME_LIMIT
    characters, cut at a hyphen, before the date the exporter adds)."""
    parts = [name]
    for field, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        described = slugify(describe_value(form[field], value))
        if described:
            parts.append(f"{slugify(field)}-{described}")
    full = "-".join(parts)
    if len(full) > CSV_NAME_LIMIT:
        full = full[:CSV_NAME_LIMIT].rsplit("-", 1)[0]
    return full


def title_filters(active: list[dict]) -> str:
    """The filters in use, for the page title: "passed, 2025"."""
    return ", ".join(item["value"] for item in active)


def implied_values(form) -> dict[str, str]:
    """What a select shows, and the list applies, when its parameter is absent: its
    first option ("Sort by": the default order; "Has results": unknown). A form sends
    it all the same; the URL without it is the same page."""
    implied = {}
    for name, field in form.fields.items():
        widget = field.widget
        # Model choices start with their empty label, and listing them costs a query.
        if (
            not isinstance(widget, forms.Select)
            or isinstance(widget, forms.SelectMultiple)
            or isinstance(field, forms.ModelChoiceField)
        ):
            continue
        first = next(iter(widget.choices), None)
        if first is not None and str(first[0]):
            implied[name] = str(first[0])
    return implied


def canonical_page_redirect(request: HttpRequest, number: int) -> HttpResponse | None:
    """A redirect to the URL of page `number` (page 1 has none), unless already there.

    Any format left here is not CSV (that one was downloaded), so it goes too.
    """
    shown = "" if number == 1 else str(number)
    if request.GET.get(PAGE_PARAM, "") == shown and FORMAT_PARAM not in request.GET:
        return None
    query = request.GET.copy()
    query.pop(FORMAT_PARAM, None)
    query.pop(PAGE_PARAM, None)
    if shown:
        query[PAGE_PARAM] = shown
    path = escape_uri_path(request.path)
    return HttpResponsePermanentRedirect(f"{path}?{query.urlencode()}" if query else path)


class FilteredListView(View):
    """A list of published records that readers filter, search, sort, page and download.

    Invalid filter values (an unknown choice, a year that is not a number, a NUL
    character) give the page with the form's errors and status 400, never a 500.

    One list page has one URL, so one entry in the page cache: a valid query with
    other parameters, empty ones, default ones (implied_values) or another order
    redirects (301) to the canonical one (core.page_cache.canonical_query, in the
    order of query_parameters()), and so does
    a page number that is not the page shown (page=1, page=abc, a page past the end)
    or a format other than CSV.
    """

    filterset_class = None
    template_name = ""
    paginate_by = 25
    csv_exporter = None  # a core.csv_export.CsvExporter; `?format=csv` downloads the list
    csv_name = ""

    def get_queryset(self):
        raise NotImplementedError

    def query_parameters(self, filterset) -> list[str]:
        """What the list reads, in canonical order: its filters in the form's order
        (the order a browser submits them in), then the page, then the format."""
        names = [*filterset.form.fields, PAGE_PARAM]
        if self.csv_exporter is not None:
            names.append(FORMAT_PARAM)
        return names

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            context = {"filterset": filterset, "form": filterset.form, "page_obj": None}
            return render(request, self.template_name, context, status=400)
        names, implied = self.query_parameters(filterset), implied_values(filterset.form)
        if (redirect := canonical_redirect(request, names, implied)) is not None:
            return redirect

        queryset = filterset.qs
        if request.GET.get(FORMAT_PARAM) == "csv" and self.csv_exporter is not None:
            return self.csv_exporter.streaming_response(
                queryset, name=filtered_csv_name(self.csv_name, filterset.form), request=request
            )

        page_obj = BoundedPaginator(queryset, self.paginate_by).get_page(
            request.GET.get(PAGE_PARAM)
        )
        if (redirect := canonical_page_redirect(request, page_obj.number)) is not None:
            return redirect
        active = active_filters(request, filterset.form)
        csv_query = request.GET.copy()
        csv_query.pop(PAGE_PARAM, None)
        csv_query[FORMAT_PARAM] = "csv"
        context = {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page_obj,
            "object_list": page_obj.object_list,
            "active_filters": active,
            "title_filters": title_filters(active),
            "csv_query": csv_query.urlencode() if self.csv_exporter is not None else "",
        }
        return render(request, self.template_name, context)
