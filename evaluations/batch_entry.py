"""Entering a batch's results quickly: a batch-wide default outcome, and a pasted list of
organization names that adds their results at once, in the order pasted.

The batch form takes the names and checks them (matched by name, alias or native name:
directory.matching); nothing is silently dropped or created. Names that match several
organizations, or none, are listed in an error that keeps the pasted text; the ones
not found are created only when the editor ticks "Create the N organizations not
found". The results themselves are added after the results inline is saved
(`add_pasted_results`), so that a row typed in the inline and the same name pasted
are one result, not two.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.text import slugify

from core.admin import RevisionForm
from core.admin_inlines import PreloadingInlineFormSet
from core.models import change_reason
from directory.matching import folded, match_organizations
from directory.models import Organization
from evaluations.models import EvaluationBatch, EvaluationResult, Outcome

DEFAULT_OUTCOME_FIELD = "default_outcome"
# The batch form's fields for entering results, not stored on the batch itself.
ENTRY_FIELDS = (DEFAULT_OUTCOME_FIELD, "organizations_pasted", "create_unmatched")
MAX_PASTED_NAMES = 500
MAX_ORDER = 32767  # PositiveSmallIntegerField's ceiling on every database


def _quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass
class PastedNames:
    """The pasted names, checked: what to add, in the order pasted."""

    # In the order pasted, each organization once: a record, or a name to create.
    entries: list[Organization | str] = field(default_factory=list)
    # Names that repeat an earlier line (the same name, or another name of it).
    repeated: list[str] = field(default_factory=list)

    @property
    def to_create(self) -> list[str]:
        return [entry for entry in self.entries if isinstance(entry, str)]


class EvaluationBatchForm(RevisionForm):
    default_outcome = forms.ChoiceField(
        choices=[("", "No default"), *Outcome.choices],
        required=False,
        # One click each, where a drop-down takes two.
        widget=forms.RadioSelect,
        label="Default outcome",
        help_text="Given to every new result that does not set its own: the rows added "
        "below and the pasted names. Results already saved keep theirs.",
    )
    organizations_pasted = forms.CharField(
        required=False,
        label="Organizations, one per line",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 60}),
        help_text="Names, aliases or native names, as announced. On save, each adds one "
        "result with the default outcome, in the order pasted, after the results below. "
        "Names not found or matching several organizations are listed, never dropped.",
    )
    create_unmatched = forms.BooleanField(
        required=False,
        label="Create the organizations not found",
        help_text="Ticked, the pasted names no organization matches become new "
        "organizations (the name as typed, citing this batch's source).",
    )

    class Meta:
        model = EvaluationBatch
        fields = "__all__"

    pasted: PastedNames | None = None

    def clean(self):
        cleaned_data = super().clean()
        self.pasted = None
        lines = [line.strip() for line in cleaned_data.get("organizations_pasted", "").splitlines()]
        names = [line for line in lines if line]
        if not names:
            return cleaned_data
        if len(names) > MAX_PASTED_NAMES:
            self.add_error(
                "organizations_pasted",
                f"Paste at most {MAX_PASTED_NAMES} names at a time ({len(names)} given).",
            )
            return cleaned_data
        too_long = [name for name in names if len(name) > 200]
        if too_long:
            self.add_error(
                "organizations_pasted",
                f"Names are at most 200 characters: {_quoted(n[:40] + '…' for n in too_long)}.",
            )
            return cleaned_data
        if not cleaned_data.get("default_outcome"):
            self.add_error(
                "default_outcome",
                "Pasted names take the default outcome: choose one (each result can be "
                "changed afterwards).",
            )
        matches = match_organizations(names)
        if matches.ambiguous:
            described = "; ".join(
                f"“{name}” ({' / '.join(org.name for org in orgs)})"
                for name, orgs in matches.ambiguous.items()
            )
            self.add_error(
                "organizations_pasted",
                f"{plural(len(matches.ambiguous), 'name matches', 'names match')} several "
                f"organizations; write the full name instead: {described}.",
            )
        if matches.unmatched:
            count = len(matches.unmatched)
            noun = plural(count, "organization", "organizations")
            self.fields["create_unmatched"].label = f"Create the {noun} not found"
            if not cleaned_data.get("create_unmatched"):
                self.add_error(
                    "organizations_pasted",
                    f"No organization is named {_quoted(matches.unmatched)}. Correct the "
                    f"{'name' if count == 1 else 'names'}, or tick “Create the {noun} not "
                    "found” and save again.",
                )
        self.pasted = self._entries(names, matches)
        return cleaned_data

    @staticmethod
    def _entries(names: list[str], matches) -> PastedNames:
        pasted = PastedNames()
        spelled: dict[str, str] = {}  # folded -> the first spelling, as the matcher keeps it
        seen_organizations: set[int] = set()
        unmatched = set(matches.unmatched)
        for name in names:
            key = folded(name)
            if key in spelled:
                pasted.repeated.append(name)
                continue
            spelled[key] = name
            if name in matches.found:
                organization = matches.found[name]
                if organization.pk in seen_organizations:
                    pasted.repeated.append(name)
                    continue
                seen_organizations.add(organization.pk)
                pasted.entries.append(organization)
            elif name in unmatched:
                pasted.entries.append(name)
        return pasted


class EvaluationResultInlineForm(RevisionForm):
    """A result row: the outcome may come from the batch's default, the order is
    numbered after the others when left empty."""

    outcome = forms.ChoiceField(choices=[("", "—"), *Outcome.choices], required=False)
    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ORDER,
        help_text="Order in the announcement; left empty, after the others.",
    )

    class Meta:
        model = EvaluationResult
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("outcome", "order"):
            self.fields[name].widget.attrs.setdefault("aria-label", name.capitalize())
        if self.instance.pk is None:
            # A new row starts empty, numbered after the others on save (not 0, first).
            self.initial["order"] = None


class EvaluationResultInlineFormSet(PreloadingInlineFormSet):
    """Gives new rows the batch's default outcome and the next order where left empty."""

    def clean(self):
        super().clean()
        default = self.data.get(DEFAULT_OUTCOME_FIELD, "")
        if default not in Outcome.values:
            default = ""  # the batch form says what is wrong with it
        kept = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and not (self.can_delete and self._should_delete_form(form))
            and (form.instance.pk is not None or form.has_changed())
        ]
        orders = [form.cleaned_data.get("order") for form in kept]
        next_order = max([order for order in orders if order is not None], default=0) + 1
        for form in kept:
            if not form.cleaned_data.get("outcome"):
                if form.instance.pk is None and default:
                    form.instance.outcome = default
                elif form.instance.pk is None:
                    form.add_error(
                        "outcome", "Choose an outcome, or a default outcome for the batch."
                    )
                else:
                    form.add_error("outcome", "Choose an outcome.")
            if form.cleaned_data.get("order") is None:
                form.instance.order = min(next_order, MAX_ORDER)
                next_order += 1


@dataclass
class PastedResults:
    """What saving the pasted names did, for the messages to the editor."""

    added: list[EvaluationResult] = field(default_factory=list)
    created: list[Organization] = field(default_factory=list)
    already_in_batch: list[Organization] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)


def add_pasted_results(batch: EvaluationBatch, form: EvaluationBatchForm) -> PastedResults:
    """Adds one result per pasted organization, after the batch's saved rows, creating
    the organizations not found when the form says so; each change recorded with why."""
    done = PastedResults()
    pasted = form.pasted
    if pasted is None:
        return done
    done.repeated = pasted.repeated
    outcome = form.cleaned_data["default_outcome"]
    rows = list(batch.results.values_list("organization_id", "order"))
    in_batch = {organization_id for organization_id, _ in rows}
    next_order = max([order for _, order in rows], default=0) + 1
    created = _create_organizations(pasted.to_create, batch)
    done.created = list(created.values())
    organizations = [created.get(e, e) if isinstance(e, str) else e for e in pasted.entries]
    done.already_in_batch = [org for org in organizations if org.pk in in_batch]
    to_add = [org for org in organizations if org.pk not in in_batch]
    reason = change_reason(f"Added {plural(len(to_add), 'result', 'results')} by pasted names")
    for organization in to_add:
        result = EvaluationResult(
            batch=batch,
            organization=organization,
            outcome=outcome,
            order=min(next_order, MAX_ORDER),
        )
        result._change_reason = reason
        result.save()
        next_order += 1
        done.added.append(result)
    return done


def _create_organizations(names: list[str], batch: EvaluationBatch) -> dict[str, Organization]:
    if not names:
        return {}
    bases = {name: slugify(name)[:180] or "organization" for name in names}
    prefixes = Q()
    for base in set(bases.values()):
        prefixes |= Q(slug__startswith=base)
    taken = set(Organization.objects.filter(prefixes).values_list("slug", flat=True))
    created = {}
    reason = change_reason(f"Created from a name pasted into {batch}")
    for name in names:
        slug, n = bases[name], 2
        while slug in taken:
            slug, n = f"{bases[name]}-{n}", n + 1
        taken.add(slug)
        organization = Organization(name=name, slug=slug, source=batch.source)
        organization._change_reason = reason
        organization.save()
        created[name] = organization
    return created
