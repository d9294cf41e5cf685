"""Telling a CDN in front of the site which addresses a change made stale (optional).

Pages reach CDNs with `s-maxage` (see `articles.caching.pages`), so without a hook they are fresh
within minutes anyway. With `CDN_PURGE_URL` set, `articles.changes` posts the site's public
addresses a change touched — as JSON `{"paths": [...], "everything": false}` — to that URL once
the change is committed (a vocabulary rename or merge says `"everything": true`). The request
has a short timeout and a failure is logged, never raised: an editor's save must not fail
because a CDN is slow. Adapting the JSON to a given CDN's purge API is a small proxy's job.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from articles.addresses.absolute import absolute_url
from articles.stories.filing import filing_of

logger = logging.getLogger(__name__)
TIMEOUT = 2


def addresses_showing(article, old_path: str = "") -> list[str]:
    """The public addresses that list or show `article`: its page (and old page), the fronts,
    its section, tags, regions (with those above them and their groupings), sources and
    authors, with their feeds, and the indexes, corrections page and sitemaps. Computed only
    when a hook is configured."""
    if not settings.CDN_PURGE_URL:
        return []
    from articles.models import Region

    paths = [article.get_absolute_url(), old_path] if old_path else [article.get_absolute_url()]
    paths += [
        reverse(name)
        for name in (
            "articles:home",
            "articles:tag_index",
            "articles:region_index",
            "articles:source_index",
            "articles:corrections",
            "articles:feed_latest_rss",
            "articles:feed_latest_atom",
            "articles:sitemap",
            "articles:sitemap_news",
        )
    ]
    section = article.section
    paths += [section.get_absolute_url(), reverse("articles:feed_section", args=[section.slug])]
    filing = filing_of(article)
    for tag in filing.tags:
        paths += [tag.get_absolute_url(), reverse("articles:feed_tag", args=[tag.slug])]
    filed = Region.objects.filter(pk__in=[region.pk for region in filing.regions])
    above = Region.objects.filter(pk__in={pk for region in filed for pk in region.ancestor_ids()})
    groupings = Region.objects.filter(members__in=[*filed, *above])
    for region in {*filed, *above, *groupings}:
        paths += [region.get_absolute_url(), reverse("articles:feed_region", args=[region.slug])]
    paths += [source.get_absolute_url() for source in filing.sources]
    paths += [author.get_absolute_url() for author in article.byline_authors]
    return paths


def addresses_live(article) -> list[str]:
    """The public addresses a live story's new entry changes: its page, its updates (every
    cursor: a CDN purges the prefix), its feed, and the fronts that show its card."""
    if not settings.CDN_PURGE_URL:
        return []
    page = article.get_absolute_url()
    return [page, page + "live/updates", page + "live/feed", reverse("articles:home")]


def purge_later(paths=(), *, everything=False) -> None:
    """Send the purge once the current transaction commits (now, outside one)."""
    if not settings.CDN_PURGE_URL:
        return
    body = {"paths": sorted({absolute_url(path) for path in paths}), "everything": everything}
    transaction.on_commit(lambda: _send(body))


def _send(body: dict) -> None:
    request = urllib.request.Request(
        settings.CDN_PURGE_URL,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):
            pass
    except OSError as error:
        logger.warning("CDN purge failed (%s): %s", settings.CDN_PURGE_URL, error)
