"""Reader search: /search/?q=…, published stories matching the words, 20 to a page.

What matches and in which order is `articles.search.full_text`'s business; this view only reads the
query, pages the results and picks the template.
"""

from urllib.parse import quote_plus as urlquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.public.page_head import index_head
from articles.public.pagination import NewsPaginator
from articles.search.full_text import MAX_RESULTS, clean_query, search_stories

SEARCH_PAGE_SIZE = 20


class SearchPaginator(NewsPaginator):
    """Pages over at most MAX_RESULTS results; "capped" (so "many match") when there are more."""

    max_pages = MAX_RESULTS // SEARCH_PAGE_SIZE


@require_safe
def search_results(request: HttpRequest) -> HttpResponse:
    """Published stories matching the words typed, best first, 20 to a page."""
    query = clean_query(request.GET.get("q"))
    page_obj = None
    if query:
        # Cards never show the body, the largest column.
        results = search_stories(query).with_cards().defer("body")
        paginator = SearchPaginator(results, SEARCH_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
    head = index_head(
        f"Search: {query}" if query else "Search",
        reverse("articles:search"),
        f"Search the published stories of {settings.SITE_NAME}.",
        page_obj,
        q=urlquote(query),
    )
    context = {"query": query, "page_obj": page_obj, "head": head}
    return render(request, "articles/search.html", context)
