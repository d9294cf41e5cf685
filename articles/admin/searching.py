"""Admin search boxes, autocompletes and list filters that answer input no stored text holds.

A term or filter value holding a NUL character (`?q=%00`, `/admin/autocomplete/?term=%00`,
`?status__exact=%00`) can match nothing (`articles.search.full_text.can_match`), and PostgreSQL fails
on it instead of finding nothing. Every ModelAdmin on the site mixes this in, Django's own
user and group admins included (`accounts.py`), so such input answers an empty result (or
Django's "invalid filter" page) instead of a 500.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import SEARCH_VAR

from articles.search.full_text import can_match


class SafeSearchMixin:
    """For a ModelAdmin: search terms and filter values that can match nothing find nothing."""

    def get_search_results(self, request, queryset, search_term):
        # The changelist search box and every autocomplete pointing at this model land here.
        if not can_match(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def get_changelist_instance(self, request):
        # The search box already has Django's own answer (its form refuses NUL with a message
        # and lists everything); a list filter has none, so answer it as Django answers any
        # filter value it cannot use: the list without filters and an "e=1" notice.
        for name, values in request.GET.lists():
            if name != SEARCH_VAR and not all(can_match(value) for value in values):
                raise IncorrectLookupParameters(f"The {name!r} filter cannot hold a NUL character.")
        return super().get_changelist_instance(request)
