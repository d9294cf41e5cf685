"""Pagination for story listings that stays cheap however deep the archive goes.

A listing's cost is its count plus its OFFSET. Counting a million rows on every request, or
offsetting past them, is what makes deep pages slow, so the count stops at `MAX_PAGES` pages:
`SELECT COUNT(*) FROM (… LIMIT n)` reads at most n index entries, and pages past the cap answer
404. Older stories stay reachable through search, feeds, sitemaps and the region/tag pages.

A page is fetched "ids first": the OFFSET runs in a subquery that selects only ids, which the
listing indexes cover (`Article.Meta.indexes`), so skipping 8,000 stories to reach page 400
reads index entries only; the stories themselves are read for the twenty ids found.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class NewsPaginator(Paginator):
    """A Paginator whose count (and so its deepest page) is capped at `max_pages` pages."""

    max_pages = 500

    @cached_property
    def count(self) -> int:
        cap = self.per_page * self.max_pages
        # Counting a sliced queryset wraps it in a subquery: the database stops at `cap` rows.
        # Without the listing's ORDER BY, which would force a walk of the date index; any
        # `cap` matching rows give the same count.
        listing = self.object_list
        if hasattr(listing, "order_by"):
            listing = listing.order_by()
        return listing[:cap].count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        listing = self.object_list
        if isinstance(listing, QuerySet):
            # One query: the outer one keeps the listing's order, columns and prefetches.
            rows = listing.filter(pk__in=listing.values("pk")[bottom:top])
        else:
            rows = listing[bottom:top]
        return self._get_page(rows, number, self)

    @cached_property
    def capped(self) -> bool:
        """Whether there may be more stories than the pages on offer (so "of N" would lie)."""
        return self.count >= self.per_page * self.max_pages
