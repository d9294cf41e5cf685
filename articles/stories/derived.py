"""What readers see of a story that can be worked out when it is saved, not on every request:
its byline as printed (names and author-page addresses, in order) and its reading time.

`derive_onto()` sets them on a story about to be saved; every workflow step calls it, so a
published story's stored byline is always its credits as of its last step. Credits are edited
beside the story (the admin's byline rows, saved after the story itself), so whoever changes
credits without a step calls `refresh()` afterwards; an author's new name or address reaches
their stories through `refresh_credited()` (called by `articles.taxonomy.renames`). Listings and pages
then print bylines without a query per story.
"""

import math
import re

from django.utils.html import strip_tags

from articles.models import Article, ArticleAuthor

# A common figure for adult silent reading of news prose.
WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")


def credited_authors(article: Article) -> list[dict]:
    """The story's credited authors from the database, in byline order, as stored."""
    credits = (
        ArticleAuthor.objects.filter(article_id=article.pk)
        .select_related("author")
        .order_by("position", "pk")
    )
    return [{"name": credit.author.name, "slug": credit.author.slug} for credit in credits]


def reading_minutes(body_html: str) -> int:
    """Whole minutes to read the body (at least one for any text at all)."""
    words = len(_WORD.findall(strip_tags(body_html or "")))
    return math.ceil(words / WORDS_PER_MINUTE) if words else 0


def derive_onto(article: Article) -> None:
    """Set the derived fields on `article` (saved by the caller)."""
    article.credited = credited_authors(article) if article.pk else []
    article.reading_minutes = reading_minutes(article.body)


def refresh(article: Article) -> None:
    """Store the derived fields of a saved story afresh (after its credits changed)."""
    derive_onto(article)
    Article.objects.filter(pk=article.pk).update(
        credited=article.credited, reading_minutes=article.reading_minutes
    )


def refresh_credited(stories) -> int:
    """Store afresh the bylines of `stories` (a queryset), e.g. those crediting a renamed
    author. Returns how many."""
    count = 0
    for story in stories.only("pk", "body").iterator(chunk_size=500):
        Article.objects.filter(pk=story.pk).update(credited=credited_authors(story))
        count += 1
    return count
