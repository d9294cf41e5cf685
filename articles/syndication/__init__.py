"""Syndication out: our stories as IPTC ninjs 3.2 documents, for the read API and for partners.

- `ninjs` — the serializer: one published story as one ninjs 3.2 document (and the short
  document that announces a withdrawal).
- `push` — partners who take stories by push: which subscribers a change concerns, the queued
  deliveries, the signed POST, retries with backoff, dead letters, embargoes.
"""
