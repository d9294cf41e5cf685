"""The newsroom's data model, split by meaning and re-exported here."""

from .articles import Article, ArticleAuthor, ArticleQuerySet, Correction, RelatedStory, Status
from .desks import Author, Section
from .places import Region, RegionAlias, RegionKind
from .redirects import Redirect
from .sources import Source, SourceKind
from .tags import Tag, TaggedArticle

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Author",
    "Correction",
    "Redirect",
    "Region",
    "RegionAlias",
    "RegionKind",
    "RelatedStory",
    "Section",
    "Source",
    "SourceKind",
    "Status",
    "Tag",
    "TaggedArticle",
]
