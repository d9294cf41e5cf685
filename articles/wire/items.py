"""The one shape every wire format is read into: `WireItem`.

Parsers (`ninjs`, `feeds`, `plaintext`) turn what an agency sends into WireItems; cleaning and
ingest work on WireItems only, so a new format is one small parser more.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

# Agency items that are not stories, by their ninjs `type` ("event"): taken in by the package
# that owns them, which registers a handler `(document, provider=…) -> IngestResult` when the
# app starts (`register_item_type`). Ingest hands such a document over whole.
ITEM_TYPES: dict[str, Callable] = {}


def register_item_type(kind: str, handler: Callable) -> None:
    """Send agency items of ninjs type `kind` to `handler` instead of the wire queue."""
    ITEM_TYPES[kind] = handler


def handled_elsewhere(document) -> bool:
    """Whether a ninjs document is of a type another package takes in."""
    return isinstance(document, dict) and document.get("type") in ITEM_TYPES


# Agency statuses that kill or hold an item (ninjs and NewsML-G2 `pubStatus`).
KILLS = ("canceled", "withheld")


class RefusedItem(ValueError):
    """Copy that cannot become a story (no headline, no text, cancelled by the agency)."""


@dataclass(frozen=True)
class Entity:
    """A place, person, organisation or subject the agency tagged, with its URI if any."""

    name: str
    uri: str = ""


_LATER_FIELDS = {"genres", "slugline", "ed_note", "usage_terms", "expires", "notes"}


@dataclass
class WireItem:
    """One agency item, as read from any format (before cleaning, `body_html` is the agency's
    markup or text as paragraphs; after `cleaning.clean_item`, the body a draft may carry)."""

    item_id: str
    headline: str
    version: str = ""
    standfirst: str = ""
    body_html: str = ""
    byline: str = ""
    dateline: str = ""
    urgency: int | None = None
    embargoed_until: datetime | None = None
    language: str = ""
    places: list[Entity] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    organisations: list[Entity] = field(default_factory=list)
    subjects: list[Entity] = field(default_factory=list)
    trailer_headlines: list[str] = field(default_factory=list)
    # "usable", "withheld" or "canceled" (ninjs pubStatus); feeds and text are usable.
    status: str = "usable"
    # Added after the first release (see `fingerprint`): the agency's metadata, kept on the
    # wire record for the editor, and notes on what the desk made of the copy.
    genres: list[Entity] = field(default_factory=list)
    slugline: str = ""
    ed_note: str = ""
    usage_terms: str = ""
    expires: datetime | None = None
    notes: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A hash of everything the item says: the same copy twice has the same fingerprint.
        Fields added later count only when set, so fingerprints stored before stay valid (an
        unversioned item would otherwise come back as "changed" once)."""
        content = {
            name: value
            for name, value in asdict(self).items()
            if name not in _LATER_FIELDS or value not in ("", None, [])
        }
        if content.get("expires"):
            content["expires"] = self.expires.isoformat()
        content["embargoed_until"] = (
            self.embargoed_until.isoformat() if self.embargoed_until else None
        )
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


def is_newer(version: str, than: str) -> bool:
    """Whether wire version `version` comes after `than`: numbers compare as numbers, other
    versions (timestamps) as text; an item without versions is never "newer"."""
    if not version or not than:
        return bool(version) and not than
    if version.isdigit() and than.isdigit():
        return int(version) > int(than)
    return version > than
