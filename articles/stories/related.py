"""“More Stories”: the pinned related stories first, then the closest published stories.

Rules: pinned stories in the editor's order, then published stories that share a region or a
tag with the article, newest first; never the article itself, never anything unpublished.
Two queries whatever the size of the archive (bylines are stored on the stories).

Why two and not one: ordering pins and fill in one statement ("pin position, then newest")
makes the database sort every candidate story before it can stop, which at 20,000 stories
already took a quarter of a second. Apart, the pins are a few rows by the pinning story's
index, and the fill walks the newest-first index, checking each story against the sets of
stories sharing a region or tag (hashed once), and stops at the sixth match.
"""

from django.db.models import Q

from articles.models import Article, RelatedStory, TaggedArticle


def related_stories(article: Article, limit: int = 6) -> list[Article]:
    public = Article.objects.published()
    pins = (
        RelatedStory.objects.filter(article=article, related__in=public)
        .exclude(related=article)
        .select_related("related__section", "related__lead_image")
        .defer("related__body")
        .order_by("position", "pk")[:limit]
    )
    pinned = [pin.related for pin in pins]
    if len(pinned) >= limit:
        return pinned
    filed = Article.regions.through.objects
    shares_region = filed.filter(
        region__in=filed.filter(article=article).values("region_id")
    ).values("article_id")
    shares_tag = TaggedArticle.objects.filter(
        tag__in=TaggedArticle.objects.filter(content_object=article).values("tag_id")
    ).values("content_object_id")
    fill = (
        public.with_cards()
        .defer("body")
        .filter(Q(pk__in=shares_region) | Q(pk__in=shares_tag))
        .exclude(pk__in=[article.pk, *(story.pk for story in pinned)])
        .latest_first()[: limit - len(pinned)]
    )
    return pinned + list(fill)


def pinned_but_hidden(article: Article) -> list[Article]:
    """Stories pinned to `article` that readers cannot see (yet): "More Stories" leaves them
    out until they are public."""
    pinned = RelatedStory.objects.filter(article=article).values("related_id")
    return list(
        Article.objects.hidden()
        .filter(pk__in=pinned)
        .only("headline", "status", "published_at", "embargo_until")
        .order_by("headline")
    )
