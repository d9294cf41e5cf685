"""Regions, sources (people among them) and tags a story mentions, suggested to the editor and
never applied without a click (ingest pre-selects them for an editor to confirm).

What counts as naming an entry:
- its name and every alternative name, whatever their kind: another spelling ("Kiev" finds
  Kyiv), a short name ("Donetsk" for Donetsk Oblast), an adjective or demonym ("Russian"
  finds Russia), a former name;
- for a province-like region without a short name of its own, the name without its
  designator: "Donetsk Oblast", "Lugansk Oblast" are also read as "Donetsk", "Lugansk" and
  "Donetsk region" (`DESIGNATORS`), unless another region is called that ("Kyiv" is the
  city, not Kyiv Oblast);
- for a person, their surname alone ("Haidai", or "Heidai" from the alternative name
  "Serhiy Heidai"), written with a capital, when no other person and no other entry has it.

Matching is by whole words, in any case, and reads the possessive and simple inflections
English copy puts on names ("Donetsk's", "Kyiv’s", "Kharkivs", "Russians"). Names may span
several words ("Kyiv Oblast"); the longest wins. Headline, standfirst and body are all read.

Where one spelling names several entries of a kind (Donetsk the city, Donetsk Oblast by its
short name), each is offered with its parent, marked ambiguous, so the editor picks.
Suggestions rank by weight — each mention counts 3 in the headline, 2 in the standfirst, 1 in
the body — then by how early the first mention comes.

Speed: the text is split into words once, and each position is looked up in a dict keyed by
word tuples (an Aho–Corasick-like walk over whole words), after a set test that rejects a word
no name starts with. About 8 ms for a 10,000-word story against 50,000 names
(bench/suggestions.py). The dict is built once per version of the names (a fingerprint read
in one query) and kept per process.
"""

import gc
import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import cast

from django.db import connection
from django.utils.html import strip_tags

from articles.models import Region, RegionAlias, Source, SourceAlias, SourceKind, Tag, TagAlias

# Words are runs of letters and digits, so "Donetsk's" reads as "donetsk", "s".
_WORD = re.compile(r"\w+", re.UNICODE)

# Words that say what sort of region a name is ("Donetsk Oblast"): without them, the rest of
# the name is the region's short name in copy ("Donetsk"), and "<short name> region" too.
DESIGNATORS = frozenset(
    "oblast province region krai governorate county district raion state prefecture "
    "voivodeship canton".split()
)
# Where a mention is, and what it weighs there.
WEIGHTS = {"headline": 3, "standfirst": 2, "body": 1}

# How a spelling names its entry (the alias kinds, plus what matching works out itself).
NAME, DERIVED_SHORT, SURNAME = "name", "derived short", "surname"


@dataclass(frozen=True)
class Entry:
    """What a spelling names: a region, source or tag, with what tells it apart from another
    entry of the same spelling (a region's parent, a person's role)."""

    kind: str  # "region", "source" or "tag"
    pk: int
    name: str
    context: str = ""
    person: bool = False


@dataclass
class Mention:
    """One thing the text mentions, and how: the words that first named it, how often and
    how early, and whether the same words also name another entry of its kind."""

    kind: str
    pk: int
    name: str
    matched: str
    count: int = 1
    first: int = 0
    score: int = 0
    context: str = ""
    person: bool = False
    ambiguous: bool = False


def _fold(text: str) -> list[tuple[str, str]]:
    """(word, folded word) pairs of `text`."""
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return [(word, word.casefold()) for word in _WORD.findall(text)]


def _tokens(text: str) -> tuple[str, ...]:
    # Folded whole, then split: the same words as `_fold()`'s, in one pass each.
    return tuple(_WORD.findall(unicodedata.normalize("NFC", text).replace("’", "'").casefold()))


@dataclass
class NameIndex:
    """Spellings as word tuples → the entries they name; built once per version of the names.

    `capital` holds the spellings (surnames) that count only when written with a capital.
    """

    entries: dict[tuple[str, ...], tuple[Entry, ...]]
    longest: int
    capital: frozenset = frozenset()
    starts: frozenset = field(default_factory=frozenset)

    def __post_init__(self):
        if not self.starts:
            self.starts = frozenset(key[0] for key in self.entries)

    def find(self, text: str) -> list[Mention]:
        """What `text` mentions, in the order first mentioned."""
        return self.find_in({"body": text})

    def find_in(self, parts: dict[str, str]) -> list[Mention]:
        """What the `parts` ("headline", "standfirst", "body": text) mention, best first."""
        found: dict[tuple[str, int], Mention] = {}
        offset = 0
        for part, text in parts.items():
            words = _fold(text or "")
            for position, length, entries in self._walk(words):
                matched = " ".join(folded for _, folded in words[position : position + length])
                for entry in entries:
                    mention = found.get((entry.kind, entry.pk))
                    if mention is None:
                        found[(entry.kind, entry.pk)] = Mention(
                            entry.kind,
                            entry.pk,
                            entry.name,
                            matched,
                            first=offset + position,
                            score=WEIGHTS.get(part, 1),
                            context=entry.context,
                            person=entry.person,
                            ambiguous=sum(e.kind == entry.kind for e in entries) > 1,
                        )
                    else:
                        mention.count += 1
                        mention.score += WEIGHTS.get(part, 1)
            offset += len(words)
        return sorted(found.values(), key=lambda m: (-m.score, m.first, m.name.casefold()))

    def _walk(self, words):
        starts, i = self.starts, 0
        while i < len(words):
            word = words[i][1]
            if (
                word not in starts and word[:-1] not in starts and word[:-2] not in starts
                # "Kharkivs" must reach the lookup; anything else cannot start a name.
            ):
                i += 1
                continue
            hit = self._match_at(words, i)
            if hit is None:
                i += 1
                continue
            yield i, *hit
            i += hit[0]

    def _match_at(self, words, i):
        for length in range(min(self.longest, len(words) - i), 0, -1):
            key = tuple(folded for _, folded in words[i : i + length])
            found = self.entries.get(key)
            if found is None:
                # An inflected last word: "Kharkivs", "Donetsks", "Russians" (the apostrophe
                # split off "Donetsk's" already leaves the bare name followed by "s").
                last = key[-1]
                for suffix in ("es", "s"):
                    if last.endswith(suffix) and len(last) > len(suffix) + 2:
                        key = (*key[:-1], last[: -len(suffix)])
                        found = self.entries.get(key)
                        if found is not None:
                            break
            if found is not None and key in self.capital and not words[i][0][:1].isupper():
                found = None  # "haidai" in lower case is not the governor
            if found is not None:
                return length, found
        return None


def _short_name(spelling: str) -> str:
    """ "Donetsk Oblast" → "Donetsk"; "" where the name has no designator to drop."""
    words = spelling.split()
    if len(words) > 1 and words[-1].casefold() in DESIGNATORS:
        return " ".join(words[:-1])
    return ""


def build_name_index(names) -> NameIndex:
    """See `_build()`; the cyclic garbage collector is paused meanwhile (it would walk the
    growing dict again and again: a third of the time at 50,000 names)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(names)
    finally:
        if collecting:
            gc.enable()


def _build(names) -> NameIndex:
    """A NameIndex from rows (kind, pk, canonical name, spelling[, how[, context[, person]]]):
    `how` is NAME or an alternative name's kind, `context` a region's parent or a person's
    role, `person` whether a source is a person. Short names are worked out for province-like
    regions that have none of their own, surnames for people."""
    entries: dict[tuple[str, ...], dict[tuple[str, int], Entry]] = {}
    derived: dict[tuple[str, ...], dict[tuple[str, int], Entry]] = {}
    surnames: dict[tuple[str, ...], dict[tuple[str, int], Entry]] = {}
    has_short = set()
    rows = []
    for row in names:
        kind, pk, canonical, spelling, how, context, person = (*row, NAME, "", False)[:7]
        rows.append((kind, pk, canonical, spelling, how, context, person))
        if how == "short":
            has_short.add((kind, pk))
    for kind, pk, canonical, spelling, how, context, person in rows:
        entry = Entry(kind, pk, canonical, context, bool(person))
        key = _tokens(spelling)
        if not key:
            continue
        entries.setdefault(key, {})[(kind, pk)] = entry
        if kind == "region" and (kind, pk) not in has_short and how in (NAME, "spelling", ""):
            short = _short_name(spelling)
            if short:
                for variant in (short, f"{short} region"):
                    derived.setdefault(_tokens(variant), {})[(kind, pk)] = entry
        if person and len(key) > 1:
            surnames.setdefault(key[-1:], {})[(kind, pk)] = entry
    for key, found in derived.items():
        # A worked-out short name yields to a region really called so ("Kyiv" is the city,
        # not Kyiv Oblast); a short name an editor gave is offered beside it (ambiguous).
        if any(entry.kind == "region" for entry in entries.get(key, {}).values()):
            continue
        for ident, entry in found.items():
            entries.setdefault(key, {}).setdefault(ident, entry)
    capital = set()
    for key, found in surnames.items():
        # A surname alone names a person only when it names nothing else.
        if len(found) == 1 and key not in entries:
            entries[key] = found
            capital.add(key)
    return NameIndex(
        {key: tuple(found.values()) for key, found in entries.items()},
        max((len(key) for key in entries), default=0),
        frozenset(capital),
    )


def _name_rows() -> list[tuple]:
    """Every spelling of every region, source and tag, with what matching needs (six reads)."""
    rows = [
        ("region", pk, name, name, NAME, parent or "", False)
        for pk, name, parent in Region.objects.values_list("pk", "name", "parent__name")
    ]
    rows += [
        ("region", pk, name, alias, how, parent or "", False)
        for pk, name, alias, how, parent in RegionAlias.objects.values_list(
            "region_id", "region__name", "name", "kind", "region__parent__name"
        )
    ]
    rows += [
        ("source", pk, name, name, NAME, role, kind == SourceKind.PERSON)
        for pk, name, role, kind in Source.objects.values_list("pk", "name", "role", "kind")
    ]
    rows += [
        ("source", pk, name, alias, how, role, kind == SourceKind.PERSON)
        for pk, name, alias, how, role, kind in SourceAlias.objects.values_list(
            "source_id", "source__name", "name", "kind", "source__role", "source__kind"
        )
    ]
    rows += [
        ("tag", pk, name, name, NAME, "", False)
        for pk, name in Tag.objects.values_list("pk", "name")
    ]
    rows += [
        ("tag", pk, name, alias, "spelling", "", False)
        for pk, name, alias in TagAlias.objects.values_list("tag_id", "tag__name", "name")
    ]
    return sorted(rows)


# What each table contributes to the vocabulary, as one text per row for the signature.
_SIGNED = (
    (Region, ("name", "parent_id")),
    (RegionAlias, ("name", "kind", "region_id")),
    (Source, ("name", "kind", "role")),
    (SourceAlias, ("name", "kind", "source_id")),
    (Tag, ("name",)),
    (TagAlias, ("name", "tag_id")),
)


def _signature() -> tuple:
    """A cheap fingerprint of every name matching reads, in one query: per table, the row
    count, the highest id and a sum over the rows of their id times the lengths of their
    names and what they say about them (kind, role) plus their parent's or owner's id. Adding, removing, re-parenting or renaming to a name of
    another length changes it; reading the names themselves takes a few hundred milliseconds
    at 50,000 names, this a few."""
    parts = []
    for model, columns in _SIGNED:
        weight = []
        fields = {field.attname: field for field in model._meta.concrete_fields}
        for name in columns:
            field = fields[name]
            # A concrete field always has its column (only relations' far sides lack one).
            column = connection.ops.quote_name(cast(str, field.column))
            # Text by its length, a parent or owner by its id.
            weight.append(f"COALESCE({column}, 0)" if field.is_relation else f"LENGTH({column})")
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [
            f"(SELECT COUNT(*) FROM {table})",
            f"(SELECT COALESCE(MAX(id), 0) FROM {table})",
            f"(SELECT COALESCE(SUM(id * ({' + '.join(weight)})), 0) FROM {table})",
        ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


# A same-length rename ("Kiev" → "Kyev") leaves the fingerprint as it was: the names
# themselves are read again (and the lookup rebuilt if they changed) at least this often.
RECHECK_SECONDS = 30.0

# {hash of the names: NameIndex}, the newest few; per process, never shared state.
_BUILT: dict[str, NameIndex] = {}
_KEEP = 4


@dataclass
class _LastCheck:
    """When this process last fingerprinted the names, what it found, and which lookup it built."""

    signature: tuple | None = None
    version: str = ""
    at: float = float("-inf")


_last = _LastCheck()


def current_name_index() -> NameIndex:
    """The vocabulary for the names in the database now: one cheap query to fingerprint them;
    the names are read only when the fingerprint changed or `RECHECK_SECONDS` passed, and the
    lookup rebuilt only when they really changed."""
    signature, now = _signature(), time.monotonic()
    built = _BUILT.get(_last.version)
    if signature == _last.signature and now - _last.at < RECHECK_SECONDS and built is not None:
        return built
    rows = _name_rows()
    version = hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()
    if version not in _BUILT:
        while len(_BUILT) >= _KEEP:
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[version] = build_name_index(rows)
    _last.signature, _last.version, _last.at = signature, version, now
    return _BUILT[version]


def story_text(headline: str = "", standfirst: str = "", body: str = "") -> str:
    """What the matcher reads: headline, standfirst and the body without its HTML."""
    return "\n".join([headline or "", standfirst or "", strip_tags(body or "")])


def story_parts(headline: str = "", standfirst: str = "", body: str = "") -> dict[str, str]:
    """The three parts the matcher reads, the body without its HTML."""
    return {
        "headline": headline or "",
        "standfirst": standfirst or "",
        "body": strip_tags(body or ""),
    }


def suggest(
    headline="", standfirst="", body="", *, regions=(), sources=(), tags=(), vocabulary=None
) -> dict:
    """{"regions": [...], "sources": [...], "tags": [...]} mentioned in the story but not yet
    filed on it (`regions`/`sources`/`tags`: ids already chosen), best first. Each is
    {id, name, matched, count, context, ambiguous} — `context` is a region's parent or a
    person's role; sources also say whether they are a `person`. A caller matching many
    stories at once (ingest) may pass one `current_name_index()` as `vocabulary`."""
    vocabulary = vocabulary or current_name_index()
    mentions = vocabulary.find_in(story_parts(headline, standfirst, body))
    chosen = {
        "region": {int(pk) for pk in regions},
        "source": {int(pk) for pk in sources},
        "tag": {int(pk) for pk in tags},
    }
    result: dict[str, list[dict]] = {"regions": [], "sources": [], "tags": []}
    for mention in mentions:
        if mention.pk in chosen[mention.kind]:
            continue
        item = {
            "id": mention.pk,
            "name": mention.name,
            "matched": mention.matched,
            "count": mention.count,
            "context": mention.context,
            "ambiguous": mention.ambiguous,
        }
        if mention.kind == "source":
            item["person"] = mention.person
        result[mention.kind + "s"].append(item)
    return result
