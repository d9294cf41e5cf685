"""The public, reader-facing pages (DESIGN.md §4). Thin views: a queryset and a template."""

from .corrections import CorrectionsView
from .directories import AuthorView, SourceView, TagView, source_index, tag_index
from .fronts import SectionView, home
from .places import RegionView, region_index
from .preview import shared_preview
from .stories import article

__all__ = [
    "AuthorView",
    "CorrectionsView",
    "RegionView",
    "SectionView",
    "SourceView",
    "TagView",
    "article",
    "home",
    "region_index",
    "shared_preview",
    "source_index",
    "tag_index",
]
