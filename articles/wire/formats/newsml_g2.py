"""IPTC NewsML-G2 text news items read into `WireItem`s: a `newsItem`, or every `newsItem` of a
`newsMessage` (pictures, packages and concept items are refused as not stories).

- `newsItem/@guid` (identity), `@version`, `@xml:lang` (else `contentMeta/language/@tag`);
- `itemMeta`: `itemClass` (only `ninat:text`), `pubStatus` (`stat:usable`, `stat:withheld`,
  `stat:canceled`), `embargoed`, `edNote`; `rightsInfo/usageTerms`;
- `contentMeta`: `headline`, `description` (standfirst), `slugline`, `by` (else the NITF
  byline, `creditline`, the creators' names), `dateline` (else `located`), `urgency`,
  `subject` (people, organisations and places by their `type`, the rest as subjects with
  their URIs; IPTC qcodes expanded), `genre`, `located`;
- `contentSet`: NITF or XHTML in `inlineXML` before plain text in `inlineData`.
"""

from xml.etree.ElementTree import Element

from django.utils.html import escape

from articles.wire.items import KILLS, Entity, RefusedItem, WireItem

from .nitf import _norm_time, body_html, nitf_parts
from .xml_formats import attribute, child, children, descendants, local, qcode_uri, text

_PEOPLE = ("cpnat:person",)
_ORGANISATIONS = ("cpnat:organisation", "cpnat:organization")
_PLACES = ("cpnat:geoArea", "cpnat:poi")


def parse_document(root: Element) -> list[WireItem | RefusedItem]:
    """The news items of a NewsML-G2 document, each read on its own."""
    if local(root) == "newsItem":
        return [parse_news_item(root)]
    if local(root) == "newsMessage":
        return [parse_news_item(item) for item in descendants(root, "newsItem")]
    return [RefusedItem(f"A NewsML-G2 <{local(root)}> is not a news item.")]


def _concepts(container: Element | None, name: str, types: tuple = ()) -> list[Entity]:
    found = []
    for node in children(container, name):
        if types and attribute(node, "type") not in types:
            continue
        label = text(child(node, "name")) or attribute(node, "literal")
        if label:
            found.append(Entity(label, qcode_uri(node)))
    return found


def _body(content_set: Element | None) -> tuple[str, dict]:
    """(HTML body, what an NITF body head adds) from the best content the item carries."""
    for inline in children(content_set, "inlineXML"):
        kind = attribute(inline, "contenttype").lower()
        nitf = next((node for node in inline if local(node) == "nitf"), None)
        if nitf is not None:
            return body_html(child(nitf, "body", "body.content")), nitf_parts(nitf)
        if "html" in kind:
            html_body = next((node for node in inline.iter() if local(node) == "body"), inline)
            return body_html(html_body), {}
    for inline in children(content_set, "inlineData"):
        value = (inline.text or "").strip()
        if value:
            paragraphs = [block.strip() for block in value.split("\n\n") if block.strip()]
            return "".join(f"<p>{escape(block)}</p>" for block in paragraphs), {}
    return "", {}


def parse_news_item(item: Element) -> WireItem | RefusedItem:
    guid = attribute(item, "guid")
    if not guid:
        return RefusedItem("The NewsML-G2 news item has no guid.")
    item_meta, content_meta = child(item, "itemMeta"), child(item, "contentMeta")
    item_class = attribute(child(item_meta, "itemClass"), "qcode")
    if item_class and item_class.rsplit(":", 1)[-1] not in ("text", "composite"):
        return RefusedItem(f"The NewsML-G2 item {guid} is a {item_class}, not a story.")
    status = attribute(child(item_meta, "pubStatus"), "qcode").rsplit(":", 1)[-1] or "usable"
    body, from_nitf = _body(child(item, "contentSet"))
    headline = text(child(content_meta, "headline")) or from_nitf.get("headline", "")
    if not headline and status not in KILLS:
        return RefusedItem(f"The NewsML-G2 item {guid} has no headline.")
    embargo_text = text(child(item_meta, "embargoed"))
    embargo = _norm_time(embargo_text)
    if embargo_text and embargo is None:
        return RefusedItem(f"The NewsML-G2 item {guid} has an embargo that is not a time.")
    urgency = text(child(content_meta, "urgency"))
    creators = ", ".join(text(child(node, "name")) for node in children(content_meta, "creator"))
    located = _concepts(content_meta, "located")
    language = attribute(item, "lang") or attribute(child(content_meta, "language"), "tag")
    return WireItem(
        item_id=guid,
        version=attribute(item, "version"),
        headline=headline,
        standfirst=text(child(content_meta, "description")) or from_nitf.get("standfirst", ""),
        body_html=body,
        byline=text(child(content_meta, "by"))
        or from_nitf.get("byline", "")
        or text(child(content_meta, "creditline"))
        or creators.strip(", "),
        dateline=text(child(content_meta, "dateline"))
        or (located[0].name if located else "")
        or from_nitf.get("dateline", ""),
        urgency=int(urgency) if urgency.isdigit() and 1 <= int(urgency) <= 9 else None,
        embargoed_until=embargo,
        language=language[:12],
        places=located + _concepts(content_meta, "subject", _PLACES),
        people=_concepts(content_meta, "subject", _PEOPLE),
        organisations=_concepts(content_meta, "subject", _ORGANISATIONS),
        subjects=[
            subject
            for node in children(content_meta, "subject")
            if attribute(node, "type") not in _PEOPLE + _ORGANISATIONS + _PLACES
            for subject in _concepts_of(node)
        ],
        status=status,
        genres=_concepts(content_meta, "genre"),
        slugline=text(child(content_meta, "slugline")),
        ed_note=text(child(item_meta, "edNote")),
        usage_terms=text(child(item, "rightsInfo", "usageTerms")),
    )


def _concepts_of(node: Element) -> list[Entity]:
    label = text(child(node, "name")) or attribute(node, "literal")
    return [Entity(label, qcode_uri(node))] if label else []
