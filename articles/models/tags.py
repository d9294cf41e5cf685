"""Tags: taggit tags with a description, aliases, pinned stories and a record of merges.

A tag's name is kept in one canonical spelling (see `articles.taxonomy.names`) and is unique
regardless of case, enforced by the database. Articles take tags through `CanonicalTagManager`,
so `article.tags.add("ams")` files the story under the tag that "AMS" is an alias of, from the
admin form and from code alike.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from taggit.managers import _TaggableManager
from taggit.models import ItemBase, TagBase

from articles.taxonomy.names import MAX_NAME_LENGTH, clean_name, name_key

# Room left in the slug column for taggit's "_2"-style suffixes.
_SLUG_BASE_LENGTH = 90


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
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_tag_name_any_case",
                violation_error_message="A tag with this name already exists (in another case).",
            ),
        ]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        # The canonical spelling is the row's own data, like a slug: every way in (admin,
        # taggit, shell, demo loader) must store it, so it is enforced here.
        self.name = clean_name(self.name)
        clash = TagAlias.objects.filter(name__iexact=self.name)
        if self.pk:
            clash = clash.exclude(tag_id=self.pk)
        if clash.exists():
            raise ValidationError(
                f"“{self.name}” is already an alternative name of another tag.", code="alias"
            )
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = super().slugify(tag)[:_SLUG_BASE_LENGTH].strip("-_") or "tag"
        return slug if i is None else f"{slug}_{i}"


class TagAlias(models.Model):
    tag = models.ForeignKey(
        Tag,
        verbose_name="tag",
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The tag this is another name for.",
    )
    name = models.CharField(
        "alternative name",
        max_length=MAX_NAME_LENGTH,
        help_text="An abbreviation, old spelling or transliteration, e.g. “AMS”. Typing it "
        "in a story's tags applies the tag itself.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "alternative name"
        verbose_name_plural = "alternative names"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_tag_alias_any_case",
                violation_error_message="This alternative name is already taken.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name, what="alternative")
        super().save(*args, **kwargs)

    def clean(self):
        self.name = clean_name(self.name, what="alternative")
        taken_by_tag = Tag.objects.filter(name__iexact=self.name)
        if self.tag_id:
            taken_by_tag = taken_by_tag.exclude(pk=self.tag_id)
        if taken_by_tag.exists():
            raise ValidationError(
                {"name": f"“{self.name}” is the name of another tag; merge the two instead."}
            )
        if self.tag_id and Tag.objects.filter(pk=self.tag_id, name__iexact=self.name).exists():
            raise ValidationError({"name": "An alternative name cannot repeat the tag's name."})
        other_aliases = TagAlias.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if other_aliases.exists():
            raise ValidationError({"name": f"“{self.name}” is already an alternative name."})


class TagPin(models.Model):
    tag = models.ForeignKey(
        Tag,
        verbose_name="tag",
        on_delete=models.CASCADE,
        related_name="pins",
        help_text="The tag page the story is pinned to.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="story",
        on_delete=models.CASCADE,
        related_name="tag_pins",
        help_text="Shown at the top of the tag page while it is published.",
    )
    position = models.PositiveSmallIntegerField("position", default=0, help_text="0 comes first.")

    # The most stories a tag page pins above its listing.
    MAX_PER_TAG = 3

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "pinned story"
        verbose_name_plural = "pinned stories"
        constraints = [
            models.UniqueConstraint(fields=["tag", "article"], name="unique_tag_pin"),
        ]

    def __str__(self):
        return f"{self.tag}: {self.article}"


class TagMerge(models.Model):
    """An append-only record of one merge: which tags went into which, by whom, when."""

    into = models.ForeignKey(
        Tag,
        verbose_name="surviving tag",
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges",
        help_text="The tag the others were merged into.",
    )
    into_name = models.CharField(
        "surviving tag name", max_length=MAX_NAME_LENGTH, help_text="Its name at the time."
    )
    merged_names = models.JSONField(
        "merged tags", default=list, help_text="Names of the tags merged away."
    )
    merged_slugs = models.JSONField(
        "merged slugs", default=list, help_text="Their old slugs (now redirecting)."
    )
    stories_retagged = models.PositiveIntegerField(
        "stories retagged", default=0, help_text="Stories that carried a merged tag."
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="merged by",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who merged them.",
    )
    merged_at = models.DateTimeField("merged at", auto_now_add=True, help_text="When.")

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = "tag merge"
        verbose_name_plural = "tag merges"

    def __str__(self):
        return f"{', '.join(self.merged_names)} → {self.into_name}"


class CanonicalTagManager(_TaggableManager):
    """taggit's per-article tag manager, speaking our vocabulary: names are checked and
    normalized, and an alias stands for its tag (typing "AMS" applies the canonical tag)."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = [clean_name(tag) for tag in tags if isinstance(tag, str)]
        by_alias = {}
        if names:
            matching = reduce(or_, (Q(name__iexact=name) for name in names))
            by_alias = {
                name_key(alias.name): alias.tag
                for alias in TagAlias.objects.filter(matching).select_related("tag")
            }
        resolved = []
        for tag in tags:
            if isinstance(tag, str):
                name = clean_name(tag)
                tag = by_alias.get(name_key(name), name)
            resolved.append(tag)
        return super()._to_tag_model_instances(resolved, tag_kwargs)


class TaggedArticle(ItemBase):
    # What `Article.tags` hands out per story; named here so the article model needs no import.
    article_tags_manager = CanonicalTagManager

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
