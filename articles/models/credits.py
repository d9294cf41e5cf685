"""Byline credits: which authors a story carries, in byline order."""

from django.db import models


class ArticleAuthor(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="article_authors",
        help_text="The story.",
    )
    author = models.ForeignKey(
        "articles.Author",
        verbose_name="author",
        on_delete=models.PROTECT,
        related_name="credits",
        help_text="The credited writer.",
        # Served by the (author, story) index below.
        db_index=False,
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Order in the byline."
    )

    class Meta:
        ordering = ["position"]
        verbose_name = "byline credit"
        verbose_name_plural = "byline"
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]
        indexes = [
            # An author's stories in story order, read off the index alone (author pages).
            models.Index(fields=["author", "article"], name="credit_by_author_idx"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


# Byline credits in order, with their authors: the prefetch every card and article page uses.
BYLINE_CREDITS = ArticleAuthor.objects.select_related("author").order_by("position")
