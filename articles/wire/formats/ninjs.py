"""IPTC ninjs (News in JSON), versions 1.x, 2.x and 3.x, read into a `WireItem`.

- 1.x: flat names (`headline`, `body_html`/`body_text`, `description_text`, `byline`,
  `versioncreated`, `embargoed`, `urgency`, `located`) and singular or plural arrays
  (`subject`/`place`/`person`/`organisation`). Superdesk's ninjs (`guid`, `body_html`,
  `description_html`) is the same dialect.
- 2.x: lower-case names, `headlines`/`bodies`/`descriptions` arrays of
  `{role, contenttype, value}`, `embargoed`, `pubstatus`, `by`.
- 3.x: camelCase (`versionCreated`, `embargoedUntil`, `pubStatus`, `contentType`, `altIds`),
  urgency 1–9.

One reader handles all three: it looks for each property under every name it has had.
"""

import re
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from django.utils.html import escape, strip_tags

from articles.wire.items import KILLS, Entity, RefusedItem, WireItem

# Roles the standard and its producers use for the parts of a story.
_MAIN = ("main", "", None)
# A description that is the item's whole text (NTB), taken as the body when there is none.
_DESCRIPTION_AS_BODY = ("text", "body", "main", "")
SHORT_NOTE = "Short item: the agency sent only a description, taken as the text."
_STANDFIRST = ("subheadline", "sub", "summary", "standfirst", "lead")
# Bodies: HTML by content type, or (when none is given) by role; the roles in the order the
# desk prefers them: TT's "html5" before its "richhtml5" (which opens on a picture), any
# article markup before plain text; XML dialects (TT's "ttnitf") are never a body.
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html")
_HTML_ROLES = ("html", "html5", "xhtml", "richhtml5", "richtext")
_BODY_ROLES = ("main", "html5", "html", "xhtml", "richtext", "richhtml5", "", "text")


def _get(document: dict, *names, default=None):
    for name in names:
        if document.get(name) not in (None, "", []):
            return document[name]
    return default


def _when(value) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    moment = parse_datetime(value.strip().replace("Z", "+00:00"))
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _expires(document: dict) -> datetime | None:
    try:
        return _when(_get(document, "expires"))
    except ValueError:
        return None


def _embargo(document: dict, item_id: str) -> datetime | None:
    """The embargo; an embargo that is not a time refuses the item (never ignored: the copy
    could go out early), and only that item."""
    value = _get(document, "embargoedUntil", "embargoed", "embargo")
    try:
        moment = _when(value)
    except ValueError:
        moment = None
    if value and moment is None:
        raise RefusedItem(f"The ninjs item {item_id} has an embargo that is not a time: {value!r}.")
    return moment


def _entities(document: dict, *names) -> list[Entity]:
    found, seen = [], set()
    for name in names:
        for entry in document.get(name) or []:
            if isinstance(entry, str):
                entry = {"name": entry}
            if not isinstance(entry, dict):
                continue
            label = str(entry.get("name") or entry.get("literal") or "").strip()
            uri = str(entry.get("uri") or "").strip()
            if not uri and entry.get("scheme") and entry.get("code"):
                uri = f"{entry['scheme']}:{entry['code']}"
            literal = str(entry.get("literal") or "")
            if not uri and _SUBJECT_CODE.fullmatch(literal):
                # NTB and others send IPTC Subject Codes as bare literals ("13010000").
                uri = f"http://cv.iptc.org/newscodes/subjectcode/{literal}"
            if label and (label, uri) not in seen:
                seen.add((label, uri))
                found.append(Entity(label, uri))
    return found


_SUBJECT_CODE = re.compile(r"\d{8}")


def _byline(document: dict) -> str:
    """ninjs `by` (a string), or 3.x `bylines` ([{byline|name}] or strings), joined."""
    by = _get(document, "by", "byline")
    if isinstance(by, str):
        return by.strip()
    names = []
    for entry in document.get("bylines") or []:
        if isinstance(entry, dict):
            entry = entry.get("byline") or entry.get("name") or ""
        if isinstance(entry, str) and entry.strip():
            names.append(entry.strip())
    return ", ".join(names)


def _string(document: dict, *names) -> str:
    value = _get(document, *names, default="")
    return value.strip() if isinstance(value, str) else ""


def _text_parts(entries) -> list[tuple[str, str, str]]:
    """[(role, content type, value)] from a ninjs 2.x/3.x array of texts."""
    parts = []
    for entry in entries or []:
        if isinstance(entry, str):
            parts.append(("", "", entry))
        elif isinstance(entry, dict) and entry.get("value") and isinstance(entry["value"], str):
            role = (entry.get("role") or "").lower()
            kind = (entry.get("contentType") or entry.get("contenttype") or "").lower()
            parts.append((role, kind, entry["value"]))
    return parts


def _pick(parts, roles) -> str:
    for role, _, value in parts:
        if role in roles:
            return value
    return ""


def _as_html(value: str, content_type: str) -> str:
    """Markup as sent, or plain text as paragraphs (blank lines part them)."""
    if "html" in content_type or (not content_type and value.lstrip().startswith("<")):
        return value
    paragraphs = [block.strip() for block in value.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in paragraphs if block)


def _rank(role: str, kind: str, value: str) -> tuple[int, int] | None:
    """How much the desk wants this body (lower is better); None for XML dialects."""
    html = kind in _HTML_TYPES or (not kind and (role in _HTML_ROLES or value.lstrip()[:1] == "<"))
    if not html and kind not in ("", "text/plain"):
        return None
    order = _BODY_ROLES.index(role) if role in _BODY_ROLES else len(_BODY_ROLES)
    return (0 if html else 1, order)


def _body(document: dict) -> str:
    """The best of the bodies sent: HTML (by content type, else by role) before plain text,
    and among them the roles in `_BODY_ROLES` order; plain text becomes paragraphs."""
    ranked = []
    for position, (role, kind, value) in enumerate(_text_parts(document.get("bodies"))):
        rank = _rank(role, kind, value)
        if rank is not None:
            ranked.append((rank, position, kind, value))
    if ranked:
        (html, _), _, kind, value = min(ranked)
        return _as_html(value, "html" if html == 0 else "text/plain")
    html = _get(document, "body_html", "body_richtext", "body_xhtml")
    if isinstance(html, str) and html:
        return html
    text = _get(document, "body_text", "body_main", "body", default="")
    return _as_html(text, "") if isinstance(text, str) else ""


def _headline_and_standfirst(document: dict) -> tuple[str, str]:
    headlines = _text_parts(document.get("headlines"))
    headline = _pick(headlines, _MAIN) or (headlines[0][2] if headlines else "")
    standfirst = _pick(headlines, _STANDFIRST)
    headline = headline or _get(document, "headline", "headline_main", default="")
    descriptions = _text_parts(document.get("descriptions"))
    standfirst = (
        standfirst
        or _pick(descriptions, _STANDFIRST + _MAIN)
        or _get(document, "description_text", "description_main", "abstract", default="")
    )
    if not standfirst and isinstance(document.get("description_html"), str):
        standfirst = strip_tags(document["description_html"])
    # Only text counts: an object where a headline should be is no headline.
    return (
        headline.strip() if isinstance(headline, str) else "",
        standfirst.strip() if isinstance(standfirst, str) else "",
    )


def _item_id(document: dict) -> str:
    for alt in document.get("altIds") or document.get("altids") or []:
        # An agency's own GUID, when it sends one, outlives changes to the uri's form.
        if isinstance(alt, dict) and (alt.get("role") or "").lower() in ("guid", "itemid"):
            return str(alt.get("value") or "")
    uri = _get(document, "uri", "guid", "id", default="")
    return str(uri).strip() if isinstance(uri, str | int) else ""


def _urgency(document: dict) -> int | None:
    value = _get(document, "urgency", "priority")
    try:
        urgency = int(value)
    except (TypeError, ValueError):
        return None
    return urgency if 1 <= urgency <= 9 else None


def parse_ninjs(document: dict) -> WireItem:
    """One ninjs news item (any of 1.x, 2.x, 3.x) as a WireItem; RefusedItem if it has no id
    or no headline, or is not a text item."""
    if not isinstance(document, dict):
        raise RefusedItem("A ninjs item is a JSON object.")
    item_id = _item_id(document)
    if not item_id:
        raise RefusedItem("The ninjs item has no uri.")
    kind = document.get("type", "text")
    if kind not in ("text", "composite"):
        raise RefusedItem(f"A ninjs {kind} item is not a story.")
    headline, standfirst = _headline_and_standfirst(document)
    status = str(_get(document, "pubStatus", "pubstatus", default="usable")).lower()
    if not headline and status not in KILLS:  # a kill needs only the item's id
        raise RefusedItem(f"The ninjs item {item_id} has no headline.")
    version = _get(document, "version", "versionCreated", "versioncreated", default="")
    version = version if isinstance(version, str | int) else ""
    body, notes = _body(document), []
    if not body:
        # NTB sends short items whose only text is a description with role "text".
        text = _pick(_text_parts(document.get("descriptions")), _DESCRIPTION_AS_BODY)
        if text:
            body = _as_html(text, "")
            notes.append(SHORT_NOTE)
    return WireItem(
        item_id=item_id,
        version=str(version),
        headline=headline,
        standfirst=_standfirst_beside(notes, standfirst, document),
        body_html=body,
        byline=_byline(document),
        dateline=_string(document, "located"),
        urgency=_urgency(document),
        embargoed_until=_embargo(document, item_id),
        language=_string(document, "language"),
        places=_entities(document, "places", "place"),
        people=_entities(document, "people", "person"),
        organisations=_entities(document, "organisations", "organisation", "organizations"),
        subjects=_entities(document, "subjects", "subject"),
        status=status,
        genres=_entities(document, "genres", "genre"),
        slugline=_string(document, "slugline"),
        ed_note=_string(document, "edNote", "ednote", "ed_note"),
        usage_terms=_string(document, "usageTerms", "usageterms", "usage_terms"),
        expires=_expires(document),
        notes=notes,
    )


def _standfirst_beside(body_notes: list[str], standfirst: str, document: dict) -> str:
    """No standfirst repeating the description that became the body."""
    if SHORT_NOTE in body_notes:
        text = _pick(_text_parts(document.get("descriptions")), _DESCRIPTION_AS_BODY)
        if standfirst.strip() == str(text).strip():
            return ""
    return standfirst


def ninjs_documents(data) -> list[dict]:
    """The items in a ninjs file: one object, a list of them, or a feed-like {"items": [...]}."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("items"), list) and "uri" not in data:
        return data["items"]
    return [data]
