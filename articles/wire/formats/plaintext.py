"""Plain-text copy as agencies and email deliver it, read into a `WireItem`.

    URGENT                                   ← optional flash/urgent/bulletin line
    Headline on the first line
    By Jane Doe                              ← optional byline
    KYIV, Dec 4 (Agency) - Hard-wrapped body text that runs on
    to the next line...

    More Stories                             ← optional trailer, cut off
    - Another desk's headline

The item's id is a hash of its text (plain text carries no id of its own), so the same copy
twice is one item and a changed text is another.
"""

import hashlib
import re

from articles.wire.cleaning import cut_trailer_text, reflow_text, strip_invisible, text_to_html
from articles.wire.items import RefusedItem, WireItem

_FLAGS = {"flash": 1, "urgent": 2, "bulletin": 2, "alert": 2, "update": 4, "advisory": 5}
_FLAG_LINE = re.compile(r"^\s*(flash|urgent|bulletin|alert|advisory)\s*[:!]*\s*$", re.I)
_BYLINE = re.compile(r"^\s*by\s+(.{3,80})$", re.I)
# "KYIV, Dec 4 (Agency) - " or "LYSYCHANSK, Ukraine — " at the start of the body.
_DATELINE = re.compile(
    r"^\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ .-]{1,40}?)(?:,[^–—\n]{0,50}?)?\s*(?:\([^)]{1,40}\)\s*)?"
    r"\s[-–—]{1,2}\s+"
)


# A headline is a short line that does not run on as prose: a first line longer than this, or
# a long sentence ending in a full stop, is the story's first paragraph (machine-translated and
# some emailed copy come without a headline line).
_HEADLINE_LIMIT = 120
_HEADLINE_WORDS = 14
_MADE_HEADLINE_LIMIT = 90
MADE_HEADLINE_NOTE = "The agency sent no headline: this one is the first paragraph's start."


def _is_paragraph(line: str) -> bool:
    line = line.strip()
    if len(line) > _HEADLINE_LIMIT:
        return True
    return line.endswith(".") and not line.endswith("..") and len(line.split()) > _HEADLINE_WORDS


def headline_from(paragraph: str) -> str:
    """A provisional headline from a paragraph: its first sentence, cut at a word."""
    sentence = re.split(r"(?<=[.!?])\s", paragraph.strip(), maxsplit=1)[0].rstrip(".")
    if len(sentence) <= _MADE_HEADLINE_LIMIT:
        return sentence
    return sentence[:_MADE_HEADLINE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:–— ") + "…"


def item_id_for_text(text: str) -> str:
    normalised = re.sub(r"\s+", " ", strip_invisible(text)).strip().casefold()
    return "text:" + hashlib.sha256(normalised.encode()).hexdigest()[:40]


def parse_plain_text(text: str) -> WireItem:
    """One plain-text item; RefusedItem if it has no headline or no body."""
    lines = strip_invisible(text).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    urgency = None
    if lines and _FLAG_LINE.match(lines[0]):
        urgency = _FLAGS[_FLAG_LINE.match(lines[0]).group(1).lower()]
        lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    if not lines:
        raise RefusedItem("The text is empty.")
    notes = []
    if _is_paragraph(lines[0]):
        # Kept in the body whole; the headline is only a start the editor will replace.
        headline = headline_from(lines[0])
        notes.append(MADE_HEADLINE_NOTE)
    else:
        headline = lines.pop(0).strip()
    byline = ""
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _BYLINE.match(lines[0]):
        byline = _BYLINE.match(lines.pop(0)).group(1).strip()
    body, trailer = cut_trailer_text("\n".join(lines))
    dateline = ""
    match = _DATELINE.match(body.lstrip())
    if match:
        dateline = match.group(1).strip()
        body = body.lstrip()[match.end() :]
    paragraphs = reflow_text(body)
    if not paragraphs:
        raise RefusedItem(f"“{headline}” has no text.")
    return WireItem(
        item_id=item_id_for_text(text),
        headline=headline,
        body_html=text_to_html(paragraphs),
        byline=byline,
        dateline=dateline,
        urgency=urgency,
        trailer_headlines=trailer,
        notes=notes,
    )
