"""The public views (DESIGN.md §4): reader pages, search, and what crawlers fetch. Thin views:
a queryset (or a domain function) and a template."""

from .corrections import CorrectionsView
from .crawlers import news_sitemap, robots_txt, sitemap_file, sitemap_index
from .directories import AuthorView, SourceView, TagView, source_index, tag_index
from .fronts import SectionView, home
from .places import RegionView, region_index
from .preview import shared_preview
from .search import search_results
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
    "news_sitemap",
    "region_index",
    "robots_txt",
    "search_results",
    "shared_preview",
    "sitemap_file",
    "sitemap_index",
    "source_index",
    "tag_index",
]
