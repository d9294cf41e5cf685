"""Merging duplicate sources ("AFP" and "Agence France-Presse"), the way tags are merged."""

from articles.models import Source, SourceMerge
from articles.models.vocabularies import SOURCES

from .merging import merge


def merge_sources(into: Source, sources, *, by=None) -> SourceMerge:
    """Fold `sources` into `into` (see `merging.merge`): every story citing one of them cites
    `into` instead, their names become alternative names of `into`, their pages answer 301."""
    return merge(SOURCES, into, sources, by=by)
