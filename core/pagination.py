"""Pages whose cost does not grow with the record.

A public list pages through its first MAX_PAGES pages only, and counts no further
than those rows: page 1 and the deepest page cost about the same at any data size,
and no request counts or skips past every row. The page says when a list holds
more, and its CSV download has every row.
"""

from functools import cached_property

from django.core.paginator import Paginator

MAX_PAGES = 200


class BoundedPaginator(Paginator):
    """A paginator that counts at most `max_pages` pages of rows."""

    def __init__(self, object_list, per_page, *, max_pages: int = MAX_PAGES, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages

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

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)
