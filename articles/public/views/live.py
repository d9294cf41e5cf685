"""Live coverage for readers: the updates an open page polls for, and entry permalinks
(docs/editors/live-coverage.md, docs/operations/live-coverage.md). The live page itself is the
story's page (`stories.story_page` adds the entries).

The updates answer is public and the same for every reader with the same cursor: the page
cache and a CDN keep it for a few seconds (`SHARED_SECONDS`, serving it stale a little longer
while one request renews it), an `ETag` turns repeats into 304s, and posting an entry forgets
it at once (`articles.changes.live_changed`).
"""

from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string

from articles.caching.pages import set_public_cache_control
from articles.live import showing
from articles.models import Article, LiveCoverage, LiveEntry

# What a shared cache may keep an updates answer for: short, as readers wait on it; the purge
# on every change makes it exact, this only bounds what a CDN without purges shows.
SHARED_SECONDS = 5


def _coverage(slug) -> LiveCoverage:
    story = Article.objects.published().filter(slug=slug).only("pk", "slug").first()
    if story is None:
        raise Http404("No such story")
    coverage = LiveCoverage.objects.filter(article=story).first()
    if coverage is None:
        raise Http404("This story is not covered live")
    return coverage


def updates(request, section, year, month, day, slug):
    """`?since=<cursor>`: the entries that changed since, rendered, with the next cursor and
    the poll interval the server asks for (0: stop)."""
    since = showing.parse_cursor(request.GET.get("since"))
    if since is None:
        return HttpResponseBadRequest("since must be a cursor from the page")
    coverage = _coverage(slug)
    found = showing.updates(coverage, since)
    response = JsonResponse(
        {
            "cursor": str(found.cursor),
            "poll": found.poll,
            "ended": found.ended,
            "behind": found.behind,
            "pinned": found.pinned,
            "entries": [
                {
                    "id": entry.pk,
                    "version": entry.version,
                    "state": entry.state,
                    "html": render_to_string(
                        "includes/live_entry.html", {"entry": entry, "pinned_id": found.pinned}
                    ),
                }
                for entry in found.entries
            ],
        }
    )
    # Kept by the page cache with this lifetime (`articles.caching.pages`), and said so here
    # for when the page cache is off.
    response.shared_max_age = SHARED_SECONDS  # type: ignore[attr-defined]
    set_public_cache_control(response, None, SHARED_SECONDS)
    return response


def entry(request, section, year, month, day, slug, pk):
    """An entry's permalink: the page of the coverage it is on, at its anchor."""
    coverage = _coverage(slug)
    found = LiveEntry.objects.shown().filter(coverage=coverage, pk=pk).first()
    if found is None:
        raise Http404("No such entry")
    page = showing.page_of(found)
    address = _story_path(request)
    query = f"?page={page}" if page > 1 else ""
    return HttpResponseRedirect(f"{address}{query}#entry-{found.pk}")


def _story_path(request) -> str:
    """The story's address: this one up to `live/`."""
    return request.path.split("live/", 1)[0]
