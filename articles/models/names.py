"""What a vocabulary name (tag, source, alternative name) may be, its one canonical spelling
and the key two names must share to be the same.

Names are compared case-insensitively, with runs of whitespace collapsed and Unicode in NFC
(so a decomposed "é" typed on one machine is the same tag as the composed one from another).
Names that no reader could use — empty, absurdly long, carrying control characters or the
invisible bidirectional overrides used to disguise text (U+202E) — are refused with a message
that says why, wherever they come from: the tag admin, the article form or code.
"""

import unicodedata

from django.core.exceptions import ValidationError
from taggit.utils import _parse_tags

MAX_NAME_LENGTH = 100

# Invisible characters that reorder or hide text. Joiners (U+200C, U+200D) stay allowed:
# Persian words and emoji sequences need them.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def normalize_name(value: str) -> str:
    """The canonical spelling: NFC, whitespace runs collapsed to one space, no edge spaces."""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def name_key(value: str) -> str:
    """What two names must share to be the same entry: case-, whitespace-, Unicode-form- and
    compatibility-insensitive ("Straße" = "STRASSE", "ΣΑΣ" = "σας", "ǅemal" = "ǆemal",
    fullwidth "Ｋyiv" = "kyiv", "ﬁnance" = "finance").

    Computed here, in Python, and stored beside the name (a `key` column), because databases'
    own `lower()` disagree: SQLite folds ASCII only and no database folds "ß" to "ss". This is
    Unicode's compatibility caseless match (D146: fold and decompose compatibility forms
    twice, compose again), so a name typed on a CJK keyboard or pasted from a PDF is the same
    entry. Migration 0037 recomputed the keys stored before compatibility forms were folded.
    """
    folded = unicodedata.normalize("NFD", str(value))
    for _ in range(2):
        folded = unicodedata.normalize("NFKD", folded.casefold())
    return " ".join(unicodedata.normalize("NFC", folded).split())


def _refused_character(value: str) -> str | None:
    for character in value:
        if (
            unicodedata.category(character) in _REFUSED_CATEGORIES
            and character not in _ALLOWED_FORMAT_CHARACTERS
        ):
            return character
    return None


def clean_name(value, *, what: str = "tag", max_length: int = MAX_NAME_LENGTH) -> str:
    """`value` in its canonical spelling, or a ValidationError saying what is wrong with it."""
    if not isinstance(value, str):
        raise ValidationError(f"A {what} name must be text.", code="invalid")
    name = normalize_name(value)
    if not name:
        raise ValidationError(f"A {what} needs a name: this one is empty.", code="empty")
    if len(name) > max_length:
        raise ValidationError(
            f"A {what} name can be at most {max_length} characters (this one has {len(name):,}).",
            code="too_long",
        )
    refused = _refused_character(name)
    if refused is not None:
        raise ValidationError(
            f"A {what} name cannot contain invisible control or text-direction characters "
            f"(found U+{ord(refused):04X}). Retype the name without it.",
            code="control_character",
        )
    return name


def parse_tag_string(value: str) -> list[str]:
    """The article form's tags field: taggit's comma/quote syntax, each name checked and
    normalized, duplicates (by case, spacing or accents) dropped. Wired in by the
    TAGGIT_TAGS_FROM_STRING setting."""
    names, problems, seen = [], [], set()
    for raw in _parse_tags(value or ""):
        try:
            name = clean_name(raw)
        except ValidationError as error:
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            problems.append(f"“{ascii_safe(shown)}”: {error.messages[0]}")
            continue
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    if problems:
        raise ValidationError(problems, code="invalid_tag")
    return names


def ascii_safe(value: str) -> str:
    """`value` with control and direction characters shown as U+XXXX, so an error message
    quoting it cannot itself be garbled by them."""
    return "".join(
        f"U+{ord(c):04X}"
        if unicodedata.category(c) in _REFUSED_CATEGORIES and c not in _ALLOWED_FORMAT_CHARACTERS
        else c
        for c in value
    )
