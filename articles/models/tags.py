"""Tags: taggit tags with a description, joined to articles through a real foreign key."""

from django.db import models
from django.urls import reverse
from taggit.models import ItemBase, TagBase


class Tag(TagBase):
    description = models.TextField("description", blank=True, help_text="Shown on the tag page.")
    mediatopic_uri = models.URLField(
        "IPTC Media Topic URI",
        blank=True,
        help_text="E.g. http://cv.iptc.org/newscodes/mediatopic/20000735 (optional).",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "tag"
        verbose_name_plural = "tags"

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticle(ItemBase):
    # A real foreign key (not taggit's generic relation): joins are plain and integrity holds.
    content_object = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )
    tag = models.ForeignKey(
        Tag,
        verbose_name="tag",
        on_delete=models.CASCADE,
        related_name="tagged_articles",
    )

    class Meta:
        verbose_name = "tagged article"
        verbose_name_plural = "tagged articles"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
