"""The wire desk: agency copy in, cleaned, deduplicated and filed, as drafts in a queue.

- `items` — `WireItem`, the one shape every format is read into; `is_newer` for versions.
- `formats/`: `ninjs`, `rss_atom`, `plaintext`, `newsml_g2`, `nitf` — one small parser per format (`parse_ninjs` is public: the
  syndication output is read back through it); `reading` recognises a file's format.
- `cleaning` — reflow, invisible characters, trailers, the editor's sanitiser.
- `ingest` — the one entry point (`ingest`, `ingest_copy`): identity, versions, drafts, kills.
- `filing` — what a draft is filed under (certain matches only) and what is only offered.
- `desk` — taking a draft over, applying an update, overriding a kill; `polling` — agency
  feeds, conditionally.
"""

from articles.wire.formats.ninjs import parse_ninjs

from .ingest import IngestResult, ingest, ingest_copy
from .items import Entity, RefusedItem, WireItem

__all__ = [
    "Entity",
    "IngestResult",
    "RefusedItem",
    "WireItem",
    "ingest",
    "ingest_copy",
    "parse_ninjs",
]
