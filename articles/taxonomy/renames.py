"""Renaming, or deleting, anything readers reach at its own address: tags, sources, regions,
sections and authors.

Every public address is permanent: a rename saves the entry, leaves each old address (its page
and, where it has one, its feed) answering 301 to the new one, and says what changed
(`articles.changes`). Stories do the same through the workflow; merges (`taxonomy.merging`)
leave their redirects through `leave_redirects()` below. The admin calls these functions
whenever a name or slug changes; so may commands and tests.
"""

from urllib.parse import unquote

from django.db import transaction
from django.urls import reverse

from articles import changes
from articles.addresses.redirects import remember_old_path
from articles.models import Article, Region, Section, Source, Tag
from articles.search import filed_names
from articles.taxonomy.regions import forget_regions, stories_filed_under

# The one place that knows which entries have a feed and under which URL name, so that a
# renamed route is a one-line change here.
_FEEDS = {
    Tag: "articles:feed_tag",
    Section: "articles:feed_section",
    Region: "articles:feed_region",
}


def public_addresses(entry) -> list[str]:
    """The addresses readers reach `entry` at, as its slug now stands: page, then feed.

    Unquoted, as requests arrive (`request.path`): a tag slug may be "київ", which `reverse()`
    percent-encodes and the redirect middleware would then never match.
    """
    addresses = [entry.get_absolute_url()]
    feed = _FEEDS.get(type(entry))
    if feed:
        addresses.append(reverse(feed, kwargs={"slug": entry.slug}))
    return [unquote(address) for address in addresses]


def leave_redirects(old_addresses: list[str], entry) -> None:
    """Make each of `old_addresses` (from `public_addresses()`) answer 301 to the same kind of
    address of `entry` (page to page, feed to feed). Unchanged addresses are left alone."""
    for old, new in zip(old_addresses, public_addresses(entry), strict=True):
        remember_old_path(old, new_path=new)


@transaction.atomic
def rename(entry, *, name: str | None = None, slug: str | None = None):
    """Save `entry` under a new name and/or slug — given here, or already set on it (as the
    admin's form does) — with whatever else changed on it. Its old page and feed answer 301 to
    the new ones. Renaming a tag or source to one of its own alternative names drops that
    alternative name; renaming a tag retouches the stories carrying it (they show its name
    and link), which revokes their preview links."""
    stored = type(entry).objects.select_for_update().get(pk=entry.pk)
    old_addresses = public_addresses(stored)
    if name is not None:
        entry.name = name
    if slug is not None:
        entry.slug = slug
    entry.save()
    leave_redirects(old_addresses, entry)
    if isinstance(entry, Tag | Source):
        # Saved, so `key` is the new name's; an alternative name now repeating it says nothing.
        entry.aliases.filter(key=entry.key).delete()
    if isinstance(entry, Tag):
        changes.stories_retouched(Article.objects.tagged(entry).values("pk"))
    if isinstance(entry, Tag | Source | Region) and stored.name != entry.name:
        # Stories filed under it are searched by its new name (and still by the old one
        # where it became an alternative name).
        filed_names.names_changed(entry)
    changes.vocabulary_changed()
    return entry


@transaction.atomic
def delete_entries(entries) -> int:
    """Delete `entries` (a queryset of one kind). Stories filed under them lose the filing;
    public pages and counts naming them change. Returns how many were deleted."""
    deleted = entries.count()
    # Stories filed under a deleted region stay listed only where their other filings say.
    filed = stories_filed_under(entries) if entries.model is Region else []
    named = filed_names.stories_named_by(entries)
    entries.delete()
    forget_regions(filed)
    # ... and are no longer searched by its names.
    filed_names.index_filings(named)
    if deleted:
        changes.vocabulary_changed()
    return deleted
