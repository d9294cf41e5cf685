"""“More Stories”: the pinned related stories first, then the closest published stories.

Rules: pinned stories in the editor's order, then published stories that share a region or a
tag with the article, newest first; never the article itself, never anything unpublished.
Four queries whatever the size of the archive (pinned and fill, each with its bylines).
"""

from django.db.models import Prefetch, Q

from .models import Article, RelatedStory, TaggedArticle
from .models.credits import BYLINE_CREDITS


def related_stories(article: Article, limit: int = 6) -> list[Article]:
    public = Article.objects.published()
    pinned_links = (
        RelatedStory.objects.filter(article=article, related__in=public)
        .select_related("related__section")
        .prefetch_related(
            Prefetch("related__article_authors", queryset=BYLINE_CREDITS, to_attr="ordered_authors")
        )
        .order_by("position", "pk")[:limit]
    )
    pinned = [link.related for link in pinned_links]
    if len(pinned) >= limit:
        return pinned

    shares_region = Article.regions.through.objects.filter(
        region__in=Article.regions.through.objects.filter(article=article).values("region_id")
    ).values("article_id")
    shares_tag = TaggedArticle.objects.filter(
        tag__in=TaggedArticle.objects.filter(content_object=article).values("tag_id")
    ).values("content_object_id")
    fill = (
        public.with_cards()
        .filter(Q(pk__in=shares_region) | Q(pk__in=shares_tag))
        .exclude(pk=article.pk)
        .exclude(pk__in=[story.pk for story in pinned])
        .latest_first()[: limit - len(pinned)]
    )
    return pinned + list(fill)
