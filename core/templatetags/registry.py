import json
from itertools import batched

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.models import can_preview_drafts, shown_to

register = template.Library()


@register.filter
def figure(number, is_lower_bound=False) -> str:
    """A count as sources give it: 16000 with a lower bound reads “16,000+”."""
    if number is None or number == "":
        return "—"
    return f"{number:,}+" if is_lower_bound else f"{number:,}"


@register.filter(name="shown_to")
def shown_to_filter(obj, user):
    """`{% with forum=batch.announced_at|shown_to:user %}`: None for a draft a reader
    may not see, so its link and name stay off the page."""
    return shown_to(user, obj)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail):
    """`{% breadcrumbs "Standards" "standards:standard_list" %}`: the pages above this
    one as label and URL-name pairs, after the home page, which every trail starts at."""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes label and URL-name pairs")
    crumbs = [("Home", reverse("core:home"))]
    crumbs += [(label, reverse(name)) for label, name in batched(trail, 2)]
    return {"crumbs": crumbs}


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context, record):
    """`{% edit_link forum %}`: a link to the record's admin form for staff who may change
    it, nothing for anyone else. Pages for signed-in users are never cached
    (core.page_cache), so readers never get a page with the link, nor staff one without."""
    request = context.get("request")
    user = getattr(request, "user", None)
    opts = record._meta
    if user is None or not can_preview_drafts(user):
        return {"url": None}
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return {"url": None}
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return {"url": url, "noun": opts.verbose_name}


# What json_script escapes (django.utils.html): no text can close the <script> block or
# open a comment in it, whatever the data says.
_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """`{% json_ld data %}`: schema.org data as <script type="application/ld+json">.

    A data block, never run: the CSP's script-src 'self' does not apply to it. Escaped
    as json_script escapes (which only writes type="application/json").
    """
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_LD_ESCAPES)),  # noqa: S308 - escaped just above
    )
