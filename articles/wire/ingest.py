"""Ingest: agency copy in, as clean drafts in the wire queue — the one entry point.

`ingest(item, provider=…)` takes one item (a `WireItem`, or a ninjs document) and returns an
`IngestResult`; `ingest_copy(data, provider=…)` reads a file, upload or feed response and
ingests every item in it. `manage.py ingest`, the admin's Wire screen and `poll_wires` call
these and nothing else.

Identity is the provider plus the item's own id (ninjs uri, feed GUID, a hash of plain text);
its version and a fingerprint of its content decide what happens:

- new: a draft is created through the workflow (`create_story`), cleaned (`cleaning`), credited
  to the agency and bylined "Agencies", filed under the regions and sources `suggestions`
  finds (pre-selected for the editor to confirm), with trailer headlines that name our
  published stories pinned as related stories, and the agency's embargo set (`set_embargo`);
- the same version again: nothing changes ("unchanged");
- a newer version of a draft still in the queue: the draft is updated as a new revision;
- a newer version of a story an editor took over, edited or published: kept beside the story
  as "update available", never written over the editor's work ("held").

Each item is its own transaction: a batch interrupted half-way keeps the items done, and
running it again changes only what is left.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    AgencyStatus,
    Article,
    AuditAction,
    Status,
    WireProvider,
    WireStory,
)
from articles.wire.formats.ninjs import parse_ninjs
from articles.workflow import create_story, record, save_edits, set_embargo

from .cleaning import clean_item
from .filing import agency_metadata, file_draft, unknown_names
from .items import ITEM_TYPES, KILLS, RefusedItem, WireItem, handled_elsewhere, is_newer
from .reading import read_copy

log = logging.getLogger(__name__)

NEW, UPDATED, HELD, UNCHANGED, REFUSED = "new", "updated", "held", "unchanged", "refused"
OUTCOMES = (NEW, UPDATED, HELD, UNCHANGED, REFUSED)
# A kill or hold that reached the desk (counted in summaries only when there are some).
KILLED = "killed"


@dataclass
class IngestResult:
    outcome: str  # one of OUTCOMES
    headline: str = ""
    item_id: str = ""
    article: Article | None = None
    reason: str = ""

    def __str__(self):
        detail = f" ({self.reason})" if self.reason else ""
        return f"{self.outcome}: {self.headline or self.item_id or 'copy'}{detail}"


def summary(counts) -> str:
    """ "3 new, 0 updated, 0 held, 1 unchanged, 0 refused" (and kills, when there are any)."""
    text = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
    if counts[KILLED]:
        text += f", {counts[KILLED]} killed or withheld"
    return text


def ingest(item: WireItem | dict, *, provider: WireProvider) -> IngestResult:
    """Take one agency item into the wire queue (see the module docstring); an item of a type
    another package registered (an event) goes to that package instead."""
    if handled_elsewhere(item):
        return ITEM_TYPES[item["type"]](item, provider=provider)
    if isinstance(item, dict):
        try:
            item = parse_ninjs(item)
        except RefusedItem as refusal:
            return IngestResult(REFUSED, reason=str(refusal))
        except (TypeError, ValueError, AttributeError, KeyError) as problem:
            # A field of the wrong type refuses this item, never the request around it.
            return IngestResult(REFUSED, reason=f"a field of the wrong type ({problem})")
    if item.status in KILLS:
        return _kill(item, provider)
    fingerprint = item.fingerprint()
    known, unchanged = _unchanged(item, fingerprint, provider)
    if unchanged is not None:
        return unchanged
    try:
        clean = clean_item(item)
    except RefusedItem as refusal:
        return IngestResult(REFUSED, item.headline, item.item_id, reason=str(refusal))
    try:
        with transaction.atomic():
            if not known:
                # New: nothing to lock; a copy taken in meanwhile fails the unique constraint.
                return _create(clean, fingerprint, provider)
            return _take_in(clean, fingerprint, provider)
    except IntegrityError:
        # Another process took the same item in at the same moment: it is there once.
        return IngestResult(UNCHANGED, clean.headline, clean.item_id, reason="taken in meanwhile")


def _unchanged(item: WireItem, fingerprint: str, provider: WireProvider):
    """(whether the desk has the item, the UNCHANGED result if this is the same copy again):
    told in one query, before any cleaning (most of a feed, most of the time)."""
    wire = (
        WireStory.objects.filter(provider=provider, item_id=item.item_id[:500])
        .select_related("article")
        .only("fingerprint", "update", "article")
        .first()
    )
    if wire is None:
        return False, None
    if fingerprint not in (wire.fingerprint, (wire.update or {}).get("fingerprint")):
        return True, None
    return True, IngestResult(UNCHANGED, item.headline, item.item_id, wire.article)


def ingest_copy(data: bytes | str, *, provider: WireProvider, format: str = "") -> list:
    """Every item in a file, upload or feed response, each ingested on its own."""
    results = []
    for item in read_copy(data, format=format or provider.format):
        if isinstance(item, RefusedItem):
            results.append(IngestResult(REFUSED, reason=str(item)))
        else:
            results.append(ingest(item, provider=provider))
    return results


def _take_in(clean: WireItem, fingerprint: str, provider: WireProvider) -> IngestResult:
    wire = (
        WireStory.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(provider=provider, item_id=clean.item_id[:500])
        .first()
    )
    if wire is None:
        return _create(clean, fingerprint, provider)
    result = IngestResult(UNCHANGED, clean.headline, clean.item_id, wire.article)
    if wire.fingerprint == fingerprint or wire.update.get("fingerprint") == fingerprint:
        return result
    versioned = bool(clean.version or wire.version)
    if versioned and not is_newer(clean.version, wire.update_version or wire.version):
        result.reason = f"version {clean.version or '–'} is not newer"
        return result
    if wire.article is None:
        return IngestResult(REFUSED, clean.headline, clean.item_id, reason="its story was deleted")
    if wire.agency_status != AgencyStatus.USABLE:
        # A newer usable version lifts the agency's kill or hold; the story stays as it is.
        _set_agency_status(wire, AgencyStatus.USABLE)
    if editor_has_it(wire):
        _hold_update(wire, clean, fingerprint)
        return IngestResult(HELD, clean.headline, clean.item_id, wire.article, "update available")
    _update(wire, clean, fingerprint)
    return IngestResult(UPDATED, clean.headline, clean.item_id, wire.article)


def _kill(item: WireItem, provider: WireProvider) -> IngestResult:
    """A kill or hold reaches the desk whatever its version: the draft is marked, publishing
    is blocked (`workflow.rules.agency_block`), and a story already out alerts every editor
    (`WireStory.objects.kills_to_act_on`). Nothing is unpublished here."""
    with transaction.atomic():
        wire = (
            WireStory.objects.select_for_update(of=("self",))
            .select_related("article")
            .filter(provider=provider, item_id=item.item_id[:500])
            .first()
        )
        if wire is None:
            return IngestResult(
                REFUSED,
                item.headline,
                item.item_id,
                reason=f"{item.status} by the agency, but the desk never had {item.item_id}",
            )
        result = IngestResult(KILLED, item.headline or wire.headline, item.item_id, wire.article)
        if wire.agency_status == item.status:
            result.outcome, result.reason = UNCHANGED, f"already {item.status}"
            return result
        if item.version and is_newer(item.version, wire.version):
            wire.version = item.version[:64]
        _set_agency_status(wire, item.status)
        result.reason = f"{item.status} by {provider.name}"
        return result


def _set_agency_status(wire: WireStory, status: str) -> None:
    wire.agency_status, wire.agency_status_at = status, timezone.now()
    wire.override_by, wire.override_reason = None, ""
    wire.save()
    if wire.article is not None:
        label = (
            AgencyStatus(status).label
            if status != AgencyStatus.USABLE
            else "cleared again by the agency"
        )
        record(wire.article, AuditAction.AGENCY_KILL, note=f"{label} ({wire.provider.name})")


def editor_has_it(wire: WireStory) -> bool:
    """Whether the story is an editor's now: taken over, edited since ingest wrote it, or
    moved out of draft (submitted, published, withdrawn)."""
    article = wire.article
    return (
        wire.taken_over_at is not None
        or article.version != wire.article_version
        or article.status != Status.DRAFT
    )


# A wire draft's address is short: cut at a word, whatever the agency's headline is.
SLUG_WORDS_LIMIT = 60


def _unique_slug(clean: WireItem, provider: WireProvider) -> str:
    base = slugify(clean.headline)
    if len(base) > SLUG_WORDS_LIMIT:
        base = base[: SLUG_WORDS_LIMIT + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "wire"
    suffix = WireItem(item_id=f"{provider.pk}:{clean.item_id}", headline="").fingerprint()[:8]
    return f"{base}-{suffix}"


def _content(article: Article, clean: WireItem, provider: WireProvider) -> None:
    article.headline = clean.headline
    article.standfirst = clean.standfirst
    article.body = clean.body_html
    article.dateline = clean.dateline
    # The agency's own byline ("Von Christian Hollmann, dpa") is printed; else the feed's.
    article.byline_override = clean.byline or provider.byline
    article.language = (clean.language or settings.SITE_LANGUAGE)[:12]


def _create(clean: WireItem, fingerprint: str, provider: WireProvider) -> IngestResult:
    article = Article(slug=_unique_slug(clean, provider), section=provider.section)
    _content(article, clean, provider)
    filed: dict = {}

    def file_it(story):
        filed["preselected"], filed["unknown"] = file_draft(story, clean, provider, new=True)

    # Created and filed in one revision (reversion follows the story's rows).
    create_story(article, then=file_it, comment="Filed by the wire desk")
    preselected, unknown = filed["preselected"], filed["unknown"]
    if clean.embargoed_until:
        set_embargo(article, clean.embargoed_until)
    WireStory.objects.create(
        provider=provider,
        item_id=clean.item_id[:500],
        version=clean.version[:64],
        fingerprint=fingerprint,
        headline=clean.headline[:300],
        urgency=clean.urgency,
        article=article,
        article_version=article.version,
        preselected=preselected,
        notes=clean.notes,
        metadata=agency_metadata(clean, unknown),
    )
    return IngestResult(NEW, clean.headline, clean.item_id, article)


def _update(wire: WireStory, clean: WireItem, fingerprint: str) -> None:
    article = wire.article
    _content(article, clean, wire.provider)
    # Filed first, so the revision `save_edits` records holds the new filing too.
    wire.preselected, unknown = file_draft(article, clean, wire.provider)
    wire.metadata = agency_metadata(clean, unknown)
    save_edits(article)
    if clean.embargoed_until != article.embargo_until:
        set_embargo(article, clean.embargoed_until)
    wire.version, wire.fingerprint = clean.version[:64], fingerprint
    wire.headline, wire.urgency = clean.headline[:300], clean.urgency
    wire.notes = clean.notes
    wire.article_version, wire.received_at = article.version, timezone.now()
    wire.save()


def _hold_update(wire: WireStory, clean: WireItem, fingerprint: str) -> None:
    wire.update_version = (clean.version or "newer")[:64]
    wire.update = {
        "headline": clean.headline,
        "standfirst": clean.standfirst,
        "body_html": clean.body_html,
        "dateline": clean.dateline,
        "byline": clean.byline,
        "metadata": agency_metadata(clean, unknown_names(clean)),
        "fingerprint": fingerprint,
        "received": timezone.now().isoformat(),
    }
    wire.save(update_fields=["update_version", "update"])
