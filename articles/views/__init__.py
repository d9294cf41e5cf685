"""The public, reader-facing pages (DESIGN.md §4). Thin views: a queryset and a template."""

from .directories import AuthorView, SourceView, TagView, source_index, tag_index
from .fronts import SectionView, home
from .places import RegionView, region_index
from .stories import article

__all__ = [
    "AuthorView",
    "RegionView",
    "SectionView",
    "SourceView",
    "TagView",
    "article",
    "home",
    "region_index",
    "source_index",
    "tag_index",
]
