"""NewsML-G2 and NITF, read safely (defusedxml: no entity expansion, no DTDs, no network)."""

from articles.wire.items import RefusedItem


def parse(kind: str, data: bytes) -> list:
    raise RefusedItem(f"{kind} copy is not read yet.")
