"""Pinned related stories: the ones an editor chose for a story's "More Stories" box."""

from django.db import models
from django.db.models import Q


class RelatedStory(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="pinned_related",
        help_text="The story the box appears on.",
    )
    related = models.ForeignKey(
        "articles.Article",
        verbose_name="related story",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The story to show under “More Stories”.",
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Order in the box (pinned stories come first)."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "pinned related story"
        verbose_name_plural = "pinned related stories"
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_story"),
            models.CheckConstraint(
                condition=~Q(article=models.F("related")), name="related_story_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.related} (related to {self.article})"
