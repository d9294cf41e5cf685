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

import reversion
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, RelatedStory, Source, Status, WireProvider, WireStory
from articles.taxonomy import suggestions
from articles.taxonomy.regions import file_story
from articles.wire.formats.ninjs import parse_ninjs
from articles.workflow import create_story, save_edits, set_embargo

from .cleaning import clean_item
from .items import ITEM_TYPES, RefusedItem, WireItem, handled_elsewhere, is_newer
from .reading import read_copy

log = logging.getLogger(__name__)

NEW, UPDATED, HELD, UNCHANGED, REFUSED = "new", "updated", "held", "unchanged", "refused"
OUTCOMES = (NEW, UPDATED, HELD, UNCHANGED, REFUSED)
# Trailer headlines offered as pins at most (More Stories shows six).
MAX_PINS = 4


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


def ingest(item: WireItem | dict, *, provider: WireProvider) -> IngestResult:
    """Take one agency item into the wire queue (see the module docstring); an item of a type
    another package registered (an event) goes to that package instead."""
    if handled_elsewhere(item):
        return ITEM_TYPES[item["type"]](item, provider=provider)
    try:
        if isinstance(item, dict):
            item = parse_ninjs(item)
        if item.status in ("canceled", "withheld"):
            raise RefusedItem(f"The agency marked it {item.status}.")
        clean = clean_item(item)
    except RefusedItem as refusal:
        return IngestResult(REFUSED, getattr(item, "headline", ""), reason=str(refusal))
    try:
        with transaction.atomic():
            return _take_in(clean, item.fingerprint(), provider)
    except IntegrityError:
        # Another process took the same item in at the same moment: it is there once.
        return IngestResult(UNCHANGED, clean.headline, clean.item_id, reason="taken in meanwhile")


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
    if editor_has_it(wire):
        _hold_update(wire, clean, fingerprint)
        return IngestResult(HELD, clean.headline, clean.item_id, wire.article, "update available")
    _update(wire, clean, fingerprint)
    return IngestResult(UPDATED, clean.headline, clean.item_id, wire.article)


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
    article.byline_override = provider.byline
    article.language = (clean.language or settings.SITE_LANGUAGE)[:12]


def _create(clean: WireItem, fingerprint: str, provider: WireProvider) -> IngestResult:
    article = Article(slug=_unique_slug(clean, provider), section=provider.section)
    _content(article, clean, provider)
    create_story(article)
    # Filed outside any revision (each change inside one would serialize the story again),
    # then recorded once, filing included (reversion follows the story's rows).
    preselected = _file(article, clean, provider, new=True)
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment("Filed by the wire desk")
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
    )
    return IngestResult(NEW, clean.headline, clean.item_id, article)


def _update(wire: WireStory, clean: WireItem, fingerprint: str) -> None:
    article = wire.article
    _content(article, clean, wire.provider)
    # Filed first, so the revision `save_edits` records holds the new filing too.
    wire.preselected = _file(article, clean, wire.provider)
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
        "fingerprint": fingerprint,
        "received": timezone.now().isoformat(),
    }
    wire.save(update_fields=["update_version", "update"])


def _file(article: Article, clean: WireItem, provider: WireProvider, *, new=False) -> dict:
    """File the draft under what the copy mentions (pre-selected for the editor to confirm)
    and pin the trailer's headlines that name our published stories; returns what it chose."""
    # The agency's own tags (places, people, organisations) are read like the text.
    tagged = " ".join(entity.name for entity in clean.places + clean.people + clean.organisations)
    found = suggestions.suggest(
        clean.headline, clean.standfirst, f"{clean.body_html}<p>{tagged}</p>"
    )
    regions = found.get("regions", [])
    sources = found.get("sources", []) + found.get("people", [])
    file_story(article, [entry["id"] for entry in regions])
    credited = {provider.source_id, *(entry["id"] for entry in sources)}
    if new:
        article.sources.add(*credited)
    else:
        article.sources.set(Source.objects.filter(pk__in=credited))
    related = _pin_trailer(article, clean.trailer_headlines, new=new)
    return {
        "regions": [_named(entry) for entry in regions],
        "sources": [_named(entry) for entry in sources],
        "related": related,
    }


def _named(entry: dict) -> dict:
    return {"id": entry["id"], "name": entry["name"], "matched": entry.get("matched", "")}


def _pin_trailer(article: Article, headlines: list[str], *, new=False) -> list[dict]:
    """Pin (as related stories) our published stories the trailer names by headline."""
    wanted = [headline.strip() for headline in headlines if headline.strip()][:20]
    if not new:
        RelatedStory.objects.filter(article=article).delete()
    if not wanted:
        return []
    condition = Q()
    for headline in wanted:
        condition |= Q(headline__iexact=headline)
    matches = list(
        Article.objects.published()
        .filter(condition)
        .exclude(pk=article.pk)
        .only("pk", "headline")
        .order_by("-published_at")[:MAX_PINS]
    )
    RelatedStory.objects.bulk_create(
        RelatedStory(article=article, related=story, position=position)
        for position, story in enumerate(matches)
    )
    return [{"id": story.pk, "name": story.headline} for story in matches]
