"""The public views (docs/development/decisions.md, "Public URLs"): reader pages, search, and what crawlers fetch. Thin views:
a queryset (or a domain function) and a template."""

from articles.public.views.corrections import CorrectionsView
from articles.public.views.crawlers import news_sitemap, robots_txt, sitemap_file, sitemap_index
from articles.public.views.directories import (
    AuthorView,
    SourceView,
    TagView,
    source_index,
    tag_index,
)
from articles.public.views.fronts import SectionView, home
from articles.public.views.places import RegionView, region_index
from articles.public.views.preview import shared_preview
from articles.public.views.search import search_results
from articles.public.views.stories import article

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
