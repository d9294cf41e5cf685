"""What a file, upload or feed response holds: the format recognised, its items read.

ninjs JSON (one item, a list or `{"items": [...]}`), an RSS or Atom feed, a NewsML-G2 news
item or message, an NITF document, or one plain-text item. Each item comes back as a
`WireItem`, or as the `RefusedItem` saying why it cannot be; one bad item never takes its
neighbours with it.

Bytes are decoded by what they say about themselves: a byte-order mark (UTF-8, UTF-16, UTF-32),
the null-byte pattern of UTF-16/32 without one, an XML declaration's encoding, else UTF-8 and
then Windows-1252 (agencies' old systems). Input that is not text in any of them is refused.
"""

import codecs
import json
import re

from articles.wire.formats.newsml_g2 import parse_document as parse_news_items
from articles.wire.formats.ninjs import ninjs_documents, parse_ninjs
from articles.wire.formats.nitf import parse_nitf
from articles.wire.formats.plaintext import parse_plain_text
from articles.wire.formats.rss_atom import parse_feed
from articles.wire.formats.xml_formats import safe_root

from .items import RefusedItem, WireItem, handled_elsewhere

# Copy larger than this is not a story (a runaway feed, a wrong file).
MAX_COPY_BYTES = 10 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The first character (ASCII, as every format here starts) in UTF-16/32 without a mark.
_NULL_PATTERNS = (
    (re.compile(rb"^[^\x00]\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"^\x00\x00\x00[^\x00]"), "utf-32-be"),
    (re.compile(rb"^[^\x00]\x00[^\x00]\x00"), "utf-16-le"),
    (re.compile(rb"^\x00[^\x00]\x00[^\x00]"), "utf-16-be"),
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
# Where the root element of an XML document starts (after declarations, comments, doctype).
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOGUE = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL)
_ENTITIES = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY", re.IGNORECASE)
XML_FORMATS = {"newsitem": "newsml", "newsmessage": "newsml", "nitf": "nitf"}
_NAMES = {"ninjs": "ninjs JSON", "rss": "an RSS or Atom feed", "text": "plain text"}
_NAMES |= {"newsml": "NewsML-G2", "nitf": "NITF"}


class Undecodable(RefusedItem):
    """Bytes that are not text in any encoding the desk reads."""


def decode(data: bytes | str) -> str:
    """The text of `data`, by its own byte-order mark, null-byte pattern or XML declaration;
    Undecodable when it is not text (binary, or a declared encoding it does not hold)."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    encodings = [name for mark, name in _BOMS if data.startswith(mark)]
    if encodings:
        data = data[len(next(m for m, n in _BOMS if n == encodings[0])) :]
    else:
        encodings = [name for pattern, name in _NULL_PATTERNS if pattern.match(data[:4])]
    declared = _DECLARED.match(data) if not encodings else None
    if declared:
        encodings = [declared.group(1).decode("ascii")]
    for encoding in encodings or ["utf-8", "cp1252"]:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text
    raise Undecodable(
        "The copy is not text the desk can read (binary, or not in the encoding it declares"
        f"{': ' + encodings[0] if encodings else ''})."
    )


def guess_format(data: bytes | str) -> str:
    """ "ninjs", "rss", "newsml", "nitf" or "text", from how the copy starts."""
    try:
        start = decode(data[:4096]).lstrip()
    except RefusedItem:
        return "text"
    if start.startswith(("{", "[")):
        return "ninjs"
    if start.startswith("<"):
        root = _ROOT.match(_PROLOGUE.sub("", start, count=20).lstrip())
        name = root.group(1).rsplit(":", 1)[-1].lower() if root else ""
        return XML_FORMATS.get(name, "rss")
    return "text"


def _as_utf8_xml(text: str) -> bytes:
    """XML text for a byte-reading parser: UTF-8, its declaration saying so."""
    return _DECLARATION.sub(r"\1utf-8\2", text, count=1).encode()


def read_copy(data: bytes | str, *, format: str = "auto") -> list[WireItem | RefusedItem | dict]:
    """The items in `data`, each a WireItem or the RefusedItem saying why not (a ninjs
    document of a type another package takes in, such as an event, comes back as it is)."""
    if len(data) > MAX_COPY_BYTES:
        return [RefusedItem(f"The copy is larger than {MAX_COPY_BYTES // 1024 // 1024} MB.")]
    try:
        text = decode(data)
    except RefusedItem as refusal:
        return [refusal]
    looks = guess_format(text)
    kind = looks if format in ("auto", "") else format
    if kind != looks and looks != "text":
        return [
            RefusedItem(
                f"The provider is set to {_NAMES.get(kind, kind)}, but this looks like "
                f"{_NAMES[looks]}: choose that format (or “Recognise automatically”)."
            )
        ]
    try:
        items = _read(kind, text)
    except RecursionError:
        return [RefusedItem("The copy is nested too deeply to be a news item.")]
    except (ValueError, RefusedItem) as problem:
        return [problem if isinstance(problem, RefusedItem) else RefusedItem(str(problem))]
    return items or [RefusedItem(f"The copy holds no items ({_NAMES.get(kind, kind)}).")]


def _read(kind: str, text: str) -> list:
    if kind == "ninjs":
        documents = ninjs_documents(json.loads(text))
        return [
            document if handled_elsewhere(document) else _attempt(parse_ninjs, document)
            for document in documents
        ]
    if kind == "rss":
        if _ENTITIES.search(text[:65536]):
            # feedparser expands a document's own entities: a few lines can grow to gigabytes.
            raise RefusedItem("The feed declares entities (refused: they can expand endlessly).")
        return parse_feed(_as_utf8_xml(text))
    if kind in ("newsml", "nitf"):
        root = safe_root(_as_utf8_xml(text))
        return parse_news_items(root) if kind == "newsml" else [parse_nitf(root)]
    return [_attempt(parse_plain_text, text)]


def _attempt(parse, document):
    """One item read on its own: a field of the wrong type refuses that item only."""
    try:
        return parse(document)
    except RefusedItem as refusal:
        return refusal
    except (TypeError, ValueError, AttributeError, KeyError) as problem:
        item = document.get("uri") or document.get("guid") if isinstance(document, dict) else ""
        return RefusedItem(f"The item {item or ''} has a field of the wrong type ({problem}).")
