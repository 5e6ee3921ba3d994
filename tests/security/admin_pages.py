"""The admin as an editor's browser uses it: URLs, forms submitted as shown, actions."""

from django.urls import reverse

from evaluations.models import EvaluationBatch
from forums.models import Forum
from standards.models import Standard, StandardStatus
from tests.evaluations.factories import make_batch, make_result
from tests.forums.factories import make_forum, make_session
from tests.standards.factories import make_milestone, make_standard

PUBLISHABLE = [Forum, Standard, EvaluationBatch]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def submitted(response) -> dict:
    """The form on an add or change page as a browser submits it when nothing is touched."""
    forms = [response.context["adminform"].form]
    # A history revert page has no inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


def inline_prefix(response, model) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.opts.model is model:
            return inline.formset.prefix
    raise AssertionError(f"no {model.__name__} inline")


def run_action(client, model, action: str, objects, **extra):
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], **extra}
    return client.post(admin_url(model, "changelist"), data)


def record_with_part(model, *, published: bool):
    """A forum with a session, a standard with a milestone, or a batch with a result."""
    if model is Forum:
        forum = make_forum(published=published)
        make_session(forum=forum)
        return forum
    if model is Standard:
        standard = make_standard(published=published)
        make_milestone(standard=standard, status=StandardStatus.DRAFTING)
        return standard
    batch = make_batch(published=published)
    make_result(batch=batch)
    return batch


def parts_of(record):
    """The rows that take their visibility from the record."""
    return {
        Forum: lambda: record.sessions.all(),
        Standard: lambda: record.milestones.all(),
        EvaluationBatch: lambda: record.results.all(),
    }[type(record)]()
