"""Filter menus and figures whose cost does not grow with the record.

Counting a whole table, or listing every issuing body, costs more the bigger the
record; but the answer only changes when the content does. Both are computed once
per content version (core.models.ContentVersion, which every change moves on) and
kept in the cache, and a menu offers at most MENU_LIMIT choices, the most used first.
"""

from collections.abc import Callable

from django.core.cache import cache

from core.filters import PlainSelect
from core.models import ContentVersion

MENU_LIMIT = 100
KEPT_SECONDS = 24 * 60 * 60  # what an unchanged record keeps computed


def per_content_version(key: str, compute: Callable):
    """compute(), done once for each version of the content and then read from the cache."""
    number, _changed_at = ContentVersion.current()
    return cache.get_or_set(f"{key}:{number}", compute, KEPT_SECONDS)


class MostUsedSelect(PlainSelect):
    """A menu of records that offers the MENU_LIMIT most used, as `menu()` ranks them.

    The filter still accepts any record of its queryset (a link from an organization's
    page to the standards it issued works for the 500th body too); the one chosen is
    offered as well when the menu leaves it out.
    """

    def __init__(self, *, key: str, menu: Callable, attrs=None):
        super().__init__(attrs)
        self.key = key
        self.menu = menu

    def offered(self) -> list[tuple[str, str]]:
        field = self.choices.field
        to_field = field.to_field_name or "pk"

        def compute():
            return [
                (str(getattr(record, to_field)), field.label_from_instance(record))
                for record in self.menu()[:MENU_LIMIT]
            ]

        return per_content_version(f"menu:{self.key}", compute)

    def optgroups(self, name, value, attrs=None):
        # Built from the offered list, never by iterating the field's queryset.
        field = self.choices.field
        offered = self.offered()
        chosen = [v for v in value if v and v not in {key for key, _label in offered}]
        # A NUL cannot be in any key, and PostgreSQL refuses it in a query: nothing to find.
        if chosen and "\x00" not in chosen[0]:
            record = field.queryset.filter(**{field.to_field_name or "pk": chosen[0]}).first()
            if record is not None:
                offered = [*offered, (chosen[0], field.label_from_instance(record))]
        options = [
            self.create_option(name, key, label, key in value, index)
            for index, (key, label) in enumerate([("", field.empty_label or ""), *offered])
        ]
        return [(None, options, 0)]
