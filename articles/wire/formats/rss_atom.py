"""RSS 2.0 and Atom feeds (feedparser) read into `WireItem`s, one per entry.

The entry's GUID (Atom `id`) is its identity, falling back to its link; its update time (else
its publication time) is its version, so an agency correcting an entry sends a newer one.
feedparser sanitises the entries' HTML itself; cleaning sanitises again with our rules.
"""

import calendar
import time

import feedparser

from articles.wire.items import Entity, RefusedItem, WireItem


def _version(entry) -> str:
    # Read the dict itself: feedparser's own .get() maps one name to the other, with a warning.
    moment = dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
    if not moment:
        return ""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(moment)))


def _body_and_standfirst(entry) -> tuple[str, str]:
    summary = entry.get("summary", "")
    contents = entry.get("content") or []
    if contents:
        return contents[0].get("value", ""), summary if summary != contents[0].get("value") else ""
    return summary, ""


def _language(entry, feed_language: str) -> str:
    """The entry's own language (Atom `xml:lang` on its title or content), else the feed's."""
    for detail in (entry.get("title_detail"), *(entry.get("content") or [])):
        if detail and detail.get("language"):
            return str(detail["language"])
    return feed_language


def parse_feed_entry(entry, *, language: str = "") -> WireItem:
    item_id = entry.get("id") or entry.get("guid") or entry.get("link")
    if not item_id:
        raise RefusedItem("The feed entry has neither a GUID nor a link.")
    headline = entry.get("title", "").strip()
    if not headline:
        raise RefusedItem(f"The feed entry {item_id} has no title.")
    body, standfirst = _body_and_standfirst(entry)
    return WireItem(
        item_id=item_id,
        version=_version(entry),
        headline=headline,
        standfirst=standfirst,
        body_html=body,
        byline=entry.get("author", ""),
        language=_language(entry, language)[:12],
        subjects=[Entity(tag.get("term", "")) for tag in entry.get("tags", []) if tag.get("term")],
    )


def parse_feed(data: bytes) -> list[WireItem | RefusedItem]:
    """Each entry of an RSS or Atom document as a WireItem (or the reason it was refused)."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise RefusedItem(f"Not a readable feed: {parsed.get('bozo_exception', 'unknown error')}")
    detail = parsed.feed.get("title_detail") or {}
    language = parsed.feed.get("language") or detail.get("language") or ""
    items = []
    for entry in parsed.entries:
        try:
            items.append(parse_feed_entry(entry, language=language))
        except RefusedItem as refusal:
            items.append(refusal)
    return items
