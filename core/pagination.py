"""Pages whose cost does not grow with the record.

Two ideas, used by the public lists and the admin's changelists:

* Keys first. A deep page skips many rows; the skipping is done on the primary keys
  alone (an index-only walk where an index serves the order), and only the page's
  own rows are then read in full, with their related records.
* A bound. A public list pages through its first MAX_PAGES pages only, and counts no
  further than those rows: its deepest page and its count cost the same at any data
  size. The page says when a list holds more, and its CSV download has every row.
"""

from functools import cached_property

from django.core.paginator import Paginator

MAX_PAGES = 200


class KeysFirstPaginator(Paginator):
    """Finds a page's rows by their keys, then reads just those rows."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # The same queryset, so its annotations and select_related stay.
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


class BoundedPaginator(KeysFirstPaginator):
    """A paginator that counts, and pages through, at most `max_pages` pages of rows."""

    def __init__(self, object_list, per_page, *args, max_pages: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.max_pages = max_pages or MAX_PAGES

    @property
    def row_limit(self) -> int:
        return self.per_page * self.max_pages

    @cached_property
    def count(self) -> int:
        """The rows, counted up to one past the limit (a count of a LIMIT subquery)."""
        return self.object_list.order_by()[: self.row_limit + 1].count()

    @property
    def has_more_than_shown(self) -> bool:
        """True when the list holds more rows than its pages reach."""
        return self.count > self.row_limit

    @property
    def shown_count(self) -> int:
        return min(self.count, self.row_limit)

    @property
    def display_count(self) -> str:
        """The count as the page says it: "5,000+" past the bound."""
        return f"{self.shown_count:,}+" if self.has_more_than_shown else f"{self.count:,}"

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)
