"""Filing a wire draft: what ingest pre-selects for the editor to confirm, and what it only
offers (docs/editors/wire-desk.md).

- Regions, sources and people the copy and the agency's tags name are filed when the match
  is certain. A spelling that names several entries (Donetsk the city and Donetsk Oblast) and
  a city that only ever *speaks* in the copy ("Moscow said", meaning the government) are
  offered with their parents instead, never filed both ways.
- Subjects suggest tags by the tags' names and alternative names; never filed, never created.
- The agency's places, people and organisations the vocabulary has no entry for are offered
  as "add to vocabulary".
- Trailer headlines naming our published stories are pinned as related stories.
"""

import re

from django.db.models import Q

from articles.models import Article, Region, RegionKind, RelatedStory, Source, WireProvider
from articles.taxonomy import suggestions
from articles.taxonomy.regions import file_story

from .items import WireItem

# Trailer headlines offered as pins at most (More Stories shows six).
MAX_PINS = 4


def agency_metadata(clean: WireItem, unknown: dict) -> dict:
    """What the agency sent beside the story, for the wire record (`WireStory.metadata`)."""
    data = {
        "byline": clean.byline,
        "subjects": [{"name": e.name, "uri": e.uri} for e in clean.subjects],
        "genres": [{"name": e.name, "uri": e.uri} for e in clean.genres],
        "slugline": clean.slugline,
        "ed_note": clean.ed_note,
        "usage_terms": clean.usage_terms,
        "expires": clean.expires.isoformat() if clean.expires else "",
        "unknown": unknown,
    }
    return {key: value for key, value in data.items() if value}


# The agency's tags, and the kind of vocabulary entry that would know each.
_TAGGED = (("places", "region"), ("people", "source"), ("organisations", "source"))


def unknown_names(clean: WireItem, vocabulary=None) -> dict:
    """The agency's places, people and organisations the vocabulary has no entry for, by
    kind: offered to the editor as "add to vocabulary", never added silently."""
    vocabulary = vocabulary or suggestions.current_name_index()
    unknown = {}
    for key, kind in _TAGGED:
        names = [
            entity.name
            for entity in getattr(clean, key)
            if not any(mention.kind == kind for mention in vocabulary.find(entity.name))
        ]
        if names:
            unknown[key] = names
    return unknown


def _subject_tags(clean: WireItem, vocabulary) -> list[dict]:
    """Our tags the agency's subjects name (by the tags' names and alternative names):
    suggestions for the editor, never filed and never created."""
    text = " · ".join(subject.name for subject in clean.subjects)
    return [
        {"id": mention.pk, "name": mention.name, "matched": mention.matched}
        for mention in vocabulary.find(text)
        if mention.kind == "tag"
    ]


def file_draft(
    article: Article, clean: WireItem, provider: WireProvider, *, new=False
) -> tuple[dict, dict]:
    """File the draft under what the copy mentions (pre-selected for the editor to confirm)
    and pin the trailer's headlines that name our published stories; returns what it chose
    (with the tags the agency's subjects suggest) and the agency's names nobody knows yet."""
    vocabulary = suggestions.current_name_index()
    # The agency's own tags (places, people, organisations) are read like the text.
    tagged = " ".join(entity.name for entity in clean.places + clean.people + clean.organisations)
    found = suggestions.suggest(
        clean.headline,
        clean.standfirst,
        f"{clean.body_html}<p>{tagged}</p>",
        vocabulary=vocabulary,
    )
    regions, offered = _certain(found.get("regions", []), clean)
    sources, offered_sources = _certain(found.get("sources", []) + found.get("people", []), clean)
    offered += offered_sources
    file_story(article, [entry["id"] for entry in regions])
    credited = {provider.source_id, *(entry["id"] for entry in sources)}
    if new:
        # A new draft has no sources yet: one insert, not add()'s look-up first.
        through = Article.sources.through
        through.objects.bulk_create(
            [through(article_id=article.pk, source_id=pk) for pk in credited],
            ignore_conflicts=True,
        )
    else:
        article.sources.set(Source.objects.filter(pk__in=credited))
    related = _pin_trailer(article, clean.trailer_headlines, new=new)
    chosen = {
        "regions": [_named(entry) for entry in regions],
        "sources": [_named(entry) for entry in sources],
        "related": related,
    }
    if offered:
        chosen["offered"] = offered
    tags = _subject_tags(clean, vocabulary)
    if tags:
        chosen["tags"] = tags
    return chosen, unknown_names(clean, vocabulary)


AMBIGUOUS = "one name for several entries: pick the one meant"
GOVERNMENT = "the copy has it speak: it may stand for its government"
# Verbs that make a city the speaker ("Moscow said", "Kyiv has denied"): it then stands for
# its government or authorities, not the place the story is about.
_SPEAKING = (
    r"(?:['’]s?)?\s+(?:(?:has|had|have|will|would|is|was|also|again|then|now|quickly)\s+)*"
    r"(?:said|says|denied|denies|accused|accuses|warned|warns|claimed|claims|insisted|insists|"
    r"announced|announces|demanded|demands|rejected|rejects|responded|responds|threatened|"
    r"threatens|blamed|blames|condemned|condemns|refused|refuses|wants|wanted|dismissed|"
    r"dismisses|called|calls|vowed|vows)\b"
)


def _certain(entries: list[dict], clean: WireItem) -> tuple[list[dict], list[dict]]:
    """(entries to file, entries only to offer, each saying why)."""
    text = suggestions.story_text(clean.headline, clean.standfirst, clean.body_html)
    speakers = _speaking_cities(entries, text)
    certain, offered = [], []
    for entry in entries:
        if entry.get("ambiguous"):
            offered.append({**_named(entry), "context": entry.get("context", ""), "why": AMBIGUOUS})
        elif entry["id"] in speakers and "person" not in entry:
            offered.append(
                {**_named(entry), "context": entry.get("context", ""), "why": GOVERNMENT}
            )
        else:
            certain.append(entry)
    return certain, offered


def _speaking_cities(entries: list[dict], text: str) -> set[int]:
    """Regions whose every mention in the copy is the subject of a speaking verb, if cities."""
    speaking = set()
    for entry in entries:
        if "person" in entry or not entry.get("matched"):
            continue
        name = r"\W+".join(re.escape(word) for word in entry["matched"].split())
        mentions = len(re.findall(rf"\b{name}\b", text, re.IGNORECASE))
        speeches = len(re.findall(rf"\b{name}{_SPEAKING}", text, re.IGNORECASE))
        if mentions and speeches == mentions:
            speaking.add(entry["id"])
    if not speaking:
        return speaking
    return set(
        Region.objects.filter(pk__in=speaking, kind=RegionKind.CITY).values_list("pk", flat=True)
    )


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
