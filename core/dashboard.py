"""The editors' dashboard (/admin/dashboard/): what is waiting for them.

For each publishable model (found by base class, so core imports no app): the latest
drafts, what is scheduled next (to publish, to unpublish) and what is public without
a source. Each list is bounded and read through an index, so the page runs the same
few queries (three per model) whatever the size of the record.
"""

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse

from core.management.commands.publish_scheduled import publishable_models
from core.models import Visibility

SHOWN = 10  # rows per list


def _rows(model, condition: Q, order: str) -> list:
    rows = model._base_manager.filter(condition).order_by(order, "-pk")
    # What the record's name reads (a batch names its program) comes with it.
    if model.str_related:
        rows = rows.select_related(*model.str_related)
    return list(rows[:SHOWN])


def dashboard_sections(user) -> list[dict]:
    sections = []
    for model in publishable_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        sections.append(
            {
                "name": opts.verbose_name_plural,
                "change_url": f"admin:{opts.app_label}_{opts.model_name}_change",
                "changelist": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                "drafts": _rows(model, Q(visibility=Visibility.DRAFT), "-updated_at"),
                "to_publish": _rows(model, Q(publish_at__isnull=False), "publish_at"),
                "to_unpublish": _rows(model, Q(unpublish_at__isnull=False), "unpublish_at"),
                "unsourced": _rows(
                    model, Q(visibility=Visibility.PUBLIC, source__isnull=True), "-updated_at"
                ),
            }
        )
    return sections


def dashboard_view(request):
    context = {
        **admin.site.each_context(request),
        "title": "Dashboard",
        "sections": dashboard_sections(request.user),
        "shown": SHOWN,
    }
    return TemplateResponse(request, "admin/dashboard.html", context)
