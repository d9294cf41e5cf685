"""Agency XML (NewsML-G2, NITF), read safely, and what the two share.

Every document is parsed by defusedxml: no entity expansion (billion laughs), no external
entities or DTDs fetched, nothing from the network; a DOCTYPE line alone (NITF files often
name their DTD) is allowed. Names are compared without their namespace, so NewsML-G2 2.x and
NITF 3.x of any revision read the same.
"""

import hashlib
import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from articles.wire.items import RefusedItem

# IPTC's catalogue aliases and where their codes live (a qcode "medtop:04000000" is the URI
# http://cv.iptc.org/newscodes/mediatopic/04000000); other schemes keep their qcode.
_SCHEMES = {
    "medtop": "http://cv.iptc.org/newscodes/mediatopic/",
    "subj": "http://cv.iptc.org/newscodes/subjectcode/",
    "genre": "http://cv.iptc.org/newscodes/genre/",
}


def safe_root(data: bytes) -> Element:
    try:
        return safe_xml.fromstring(data)
    except DefusedXmlException as refused:
        raise RefusedItem(f"The XML declares entities or external content ({refused}).") from None
    except ParseError as error:
        raise RefusedItem(f"Not well-formed XML: {error}.") from None


def local(element: Element) -> str:
    """An element's name without its namespace."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element: Element | None, name: str) -> list[Element]:
    return [node for node in (element if element is not None else ()) if local(node) == name]


def child(element: Element | None, *path: str) -> Element | None:
    """The first element down `path` (names without namespaces), or None."""
    for name in path:
        found = children(element, name)
        if not found:
            return None
        element = found[0]
    return element


def descendants(element: Element | None, name: str) -> list[Element]:
    return [node for node in (element.iter() if element is not None else ()) if local(node) == name]


def text(element: Element | None) -> str:
    """All the text in `element`, its whitespace runs made single spaces."""
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def attribute(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value.strip()
    return ""


def qcode_uri(element: Element) -> str:
    """A concept's URI: its `uri`, or its `qcode` expanded for IPTC's own schemes."""
    uri = attribute(element, "uri")
    if uri:
        return uri
    qcode = attribute(element, "qcode")
    scheme, _, code = qcode.partition(":")
    return _SCHEMES[scheme] + code if scheme in _SCHEMES and code else qcode


def content_id(*parts: str) -> str:
    """An id for an item that sends none: a hash of what it says (like plain text)."""
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"xml:{digest}"
