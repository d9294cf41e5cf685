"""“More Stories”: the pinned related stories first, then the closest published stories.

Rules: pinned stories in the editor's order, then published stories that share a region or a
tag with the article, newest first; never the article itself, never anything unpublished.
One query whatever the size of the archive: bylines are stored on the stories, and the fill
is found by walking the newest public stories and probing the tagging and filing tables by
index (EXISTS), so a popular tag does not mean sorting all its stories.
"""

from django.db.models import Exists, F, OuterRef, Q, Subquery

from .models import Article, RelatedStory, TaggedArticle


def related_stories(article: Article, limit: int = 6) -> list[Article]:
    pins = RelatedStory.objects.filter(article=article, related=OuterRef("pk"))
    filed = Article.regions.through.objects
    shares_region = filed.filter(
        article=OuterRef("pk"),
        region__in=filed.filter(article=article).values("region_id"),
    )
    shares_tag = TaggedArticle.objects.filter(
        content_object=OuterRef("pk"),
        tag__in=TaggedArticle.objects.filter(content_object=article).values("tag_id"),
    )
    stories = (
        Article.objects.published()
        .with_cards()
        .defer("body")
        .exclude(pk=article.pk)
        .annotate(pin=Subquery(pins.values("position")[:1]))
        .filter(Q(pin__isnull=False) | Exists(shares_region) | Exists(shares_tag))
        .order_by(F("pin").asc(nulls_last=True), "-published_at", "-pk")
    )
    return list(stories[:limit])


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
