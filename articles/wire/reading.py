"""What a file, upload or feed response holds: the format recognised, its items read.

ninjs JSON (one item, a list or `{"items": [...]}`), an RSS or Atom feed, or one plain-text
item. Each item comes back as a `WireItem`, or as the `RefusedItem` saying why it cannot be.
"""

import json

from articles.wire.formats.ninjs import ninjs_documents, parse_ninjs
from articles.wire.formats.plaintext import parse_plain_text
from articles.wire.formats.rss_atom import parse_feed

from .items import RefusedItem, WireItem, handled_elsewhere

# Copy larger than this is not a story (a runaway feed, a wrong file).
MAX_COPY_BYTES = 10 * 1024 * 1024


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def guess_format(data: bytes | str) -> str:
    start = _text(data[:2048] if isinstance(data, bytes) else data[:2048]).lstrip()
    if start.startswith(("{", "[")):
        return "ninjs"
    if start.startswith("<"):
        return "rss"
    return "text"


def read_copy(data: bytes | str, *, format: str = "auto") -> list[WireItem | RefusedItem | dict]:
    """The items in `data`, each a WireItem or the RefusedItem saying why not (a ninjs
    document of a type another package takes in, such as an event, comes back as it is)."""
    if len(data) > MAX_COPY_BYTES:
        return [RefusedItem(f"The copy is larger than {MAX_COPY_BYTES // 1024 // 1024} MB.")]
    kind = guess_format(data) if format in ("auto", "") else format
    try:
        if kind == "ninjs":
            documents = ninjs_documents(json.loads(_text(data)))
            return [
                document if handled_elsewhere(document) else _attempt(parse_ninjs, document)
                for document in documents
            ]
        if kind == "rss":
            return parse_feed(data.encode() if isinstance(data, str) else data)
        return [_attempt(parse_plain_text, _text(data))]
    except (ValueError, RefusedItem) as problem:
        return [problem if isinstance(problem, RefusedItem) else RefusedItem(str(problem))]


def _attempt(parse, document):
    try:
        return parse(document)
    except RefusedItem as refusal:
        return refusal
