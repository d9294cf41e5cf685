"""NITF 3.x (News Industry Text Format) read into a `WireItem`; `body_html` turns an NITF body
into the markup the editor allows (NewsML-G2 carries NITF inside `inlineXML` too).

- `head/docdata`: `doc-id/@id-string` (identity; else a hash of the text), `du-key/@version`
  (version), `urgency/@ed-urg`, `date.release/@norm` (embargo), `date.expire/@norm`,
  `ed-msg/@info` (editorial note), `key-list/keyword/@key` and `head/tobject/tobject.subject`
  (subjects),
  `identified-content` (places, people, organisations), `docdata/@management-status`
  (usable, withheld, canceled).
- `body/body.head`: `hedline/hl1` (headline), `hl2` or `abstract` (standfirst), `byline`,
  `dateline`; `body/body.content` (the story).
"""

import re
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from articles.wire.items import KILLS, Entity, RefusedItem, WireItem

from .xml_formats import attribute, child, children, content_id, descendants, local, text

# NITF body elements and the HTML the editor knows for them; others give their text only.
_HTML = {
    "p": "p",
    "hl2": "h3",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "bq": "blockquote",
    "blockquote": "blockquote",
    "ul": "ul",
    "ol": "ol",
    "li": "li",
    "table": "table",
    "tr": "tr",
    "td": "td",
    "th": "th",
    "em": "em",
    "strong": "strong",
    "b": "strong",
    "i": "em",
    "br": "br",
    "a": "a",
}
# Not story: pictures and media (not in our library), notes to the desk, end marks.
_SKIP = {"media", "fn", "ed", "note", "byline", "dateline", "tagline", "pre"}


def _norm_time(value: str) -> datetime | None:
    """NITF's ISO 8601 basic times ("20261204T180000Z", "20261204T180000+0100") or extended."""
    value = value.strip()
    if not value:
        return None
    if len(value) >= 15 and value[8] == "T" and value[:8].isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[9:11]}:{value[11:13]}:{value[13:15]}{value[15:]}"
    try:
        moment = parse_datetime(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def body_html(element: Element | None) -> str:
    """An NITF body (`body.content`, or any block) as HTML for the cleaner to sanitise."""
    if element is None:
        return ""
    return "".join(_node_html(node) for node in element)


def _flat(value: str | None) -> str:
    """Text as HTML, its line breaks and indentation (XML layout) made single spaces."""
    return escape(re.sub(r"\s+", " ", value or ""))


def _node_html(node: Element) -> str:
    name = local(node)
    tail = _flat(node.tail)
    if name in _SKIP:
        return tail
    inner = _flat(node.text) + "".join(_node_html(sub) for sub in node)
    tag = _HTML.get(name)
    if tag is None:
        return f"{inner}{tail}" if name != "block" else f"{inner}\n{tail}"
    if tag == "br":
        return f"<br>{tail}"
    if tag == "a":
        href = attribute(node, "href")
        if href.startswith(("http://", "https://")):
            return f'<a href="{escape(href)}">{inner}</a>{tail}'
        return f"{inner}{tail}"
    return f"<{tag}>{inner}</{tag}>{tail}"


def _entities(container: Element | None, *names: str) -> list[Entity]:
    found, seen = [], set()
    for name in names:
        for node in descendants(container, name):
            if len(node):
                continue  # a container (a location holding city and country): its parts count
            label = attribute(node, "value") or text(node)
            if label and label not in seen:
                seen.add(label)
                found.append(Entity(label))
    return found


def _subjects(head: Element | None) -> list[Entity]:
    subjects = []
    for node in descendants(head, "tobject.subject"):
        code = attribute(node, "tobject.subject.refnum")
        name = attribute(node, "tobject.subject.matter") or attribute(node, "tobject.subject.type")
        uri = f"http://cv.iptc.org/newscodes/subjectcode/{code}" if code.isdigit() else ""
        if name or code:
            subjects.append(Entity(name or code, uri))
    for node in descendants(head, "keyword"):
        if attribute(node, "key"):
            subjects.append(Entity(attribute(node, "key")))
    return subjects


def nitf_parts(nitf: Element) -> dict:
    """What an NITF document says, as WireItem fields (without identity and status)."""
    head, body = child(nitf, "head"), child(nitf, "body")
    body_head = child(body, "body.head")
    headline = text(child(body_head, "hedline", "hl1")) or text(child(head, "title"))
    standfirst = text(child(body_head, "hedline", "hl2")) or text(child(body_head, "abstract"))
    docdata = child(head, "docdata")
    located = child(body_head, "dateline", "location")
    if located is None:
        located = child(body_head, "dateline")
    content = child(body, "body.content")
    return {
        "headline": headline,
        "standfirst": standfirst,
        "body_html": body_html(content),
        "byline": text(child(body_head, "byline")),
        "dateline": text(located),
        "places": _entities(docdata, "location", "city", "country", "region"),
        "people": _entities(docdata, "person"),
        "organisations": _entities(docdata, "org"),
        "subjects": _subjects(head),
    }


def parse_nitf(nitf: Element) -> WireItem | RefusedItem:
    """One NITF document as a WireItem (or the RefusedItem saying why not)."""
    if local(nitf) != "nitf":
        return RefusedItem(f"An NITF document starts with <nitf>, not <{local(nitf)}>.")
    parts = nitf_parts(nitf)
    docdata = child(nitf, "head", "docdata")
    item_id = attribute(child(docdata, "doc-id"), "id-string") or content_id(
        parts["headline"], parts["body_html"]
    )
    status = attribute(docdata, "management-status").lower() or "usable"
    if not parts["headline"] and status not in KILLS:
        return RefusedItem(f"The NITF document {item_id} has no headline.")
    urgency = attribute(child(docdata, "urgency"), "ed-urg")
    release = attribute(child(docdata, "date.release"), "norm")
    embargo = _norm_time(release)
    if release and embargo is None:
        return RefusedItem(f"The NITF document {item_id} has a release time that is not one.")
    language = attribute(nitf, "lang") or attribute(child(nitf, "body"), "lang")
    return WireItem(
        item_id=item_id,
        version=attribute(child(docdata, "du-key"), "version"),
        urgency=int(urgency) if urgency.isdigit() and 1 <= int(urgency) <= 9 else None,
        embargoed_until=embargo,
        language=language[:12],
        status=status,
        ed_note=" ".join(attribute(node, "info") for node in children(docdata, "ed-msg")).strip(),
        expires=_norm_time(attribute(child(docdata, "date.expire"), "norm")),
        **parts,
    )
