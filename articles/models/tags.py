"""Tags: taggit tags with a description, aliases, pinned stories and a record of merges.

A tag's name is kept in one canonical spelling (see `articles.models.names`) and its `key`
(the name case-folded in Python) is unique, enforced by the database; a name is given only if
`TAGS.ensure_name_free()` allows it. Articles take tags through `CanonicalTagManager`, which
matches by key, so `article.tags.add("ams")` files the story under the tag that "AMS" is an
alias of, and "STRASSE" under "Straße", from the admin form and from code, on any database.
"""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef
from django.db.models.functions import Substr
from django.urls import reverse
from taggit.managers import _TaggableManager
from taggit.models import ItemBase, NaturalKeyManager, TagBase

from articles.models.names import MAX_NAME_LENGTH, clean_name, name_key
from articles.models.vocabularies import TAGS

from .publication import has_public_story
from .vocabulary import AliasBase, EntryBase, MergeRecordBase

# Room left in the slug column for taggit's "_2"-style suffixes.
_SLUG_BASE_LENGTH = 90


class TagQuerySet(models.QuerySet):
    def public(self, at=None):
        """Tags on at least one public story. A tag only unpublished stories carry is not
        shown anywhere: a topic being worked on may itself be news."""
        tagged = TaggedArticle.objects.filter(tag=OuterRef("pk"))
        return self.filter(has_public_story(tagged, "content_object", at=at))


# taggit's manager (a tag keeps its natural key, the name, for dumpdata and loaddata) with the
# queryset's methods.
TagManager = NaturalKeyManager.from_queryset(TagQuerySet)


class Tag(EntryBase, TagBase):
    vocabulary = TAGS

    objects: ClassVar[TagManager] = TagManager()

    # taggit's slug, with a help text saying what it is for.
    slug = models.SlugField(
        "slug",
        unique=True,
        max_length=100,
        allow_unicode=True,
        help_text="The end of the tag page's address: “energy” makes /tags/energy/. Made from "
        "the name; a changed slug leaves the old address (and feed) redirecting.",
    )
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
                fields=["key"],
                name="unique_tag_key",
                violation_error_message="A tag with this name already exists (in another case).",
            ),
        ]
        indexes = [
            # The tags index's first letters (`articles.caching.counts.tag_initials`): one letter's
            # tags found without reading all of them, and the number of letters known to the
            # planner (an unknown one made it expect 20,000 and compile its plan for seconds).
            models.Index(Substr("key", 1, 1), name="tag_initial_idx"),
        ]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = super().slugify(tag)[:_SLUG_BASE_LENGTH].strip("-_") or "tag"
        return slug if i is None else f"{slug}_{i}"


class TagAlias(AliasBase):
    vocabulary = TAGS

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

    class Meta(AliasBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="unique_tag_alias_key",
                violation_error_message="This alternative name is already taken.",
            ),
        ]


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
        # Shown to tag managers (the pin's row, what deleting a tag takes along), who may not
        # read unpublished stories: no headline of one.
        story = self.article if self.article.is_public else "unpublished story"
        return f"{self.tag}: {story}"


class TagMerge(MergeRecordBase):
    into = models.ForeignKey(
        Tag,
        verbose_name="surviving tag",
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges",
        help_text="The tag the others were merged into.",
    )

    class Meta(MergeRecordBase.Meta):
        verbose_name = "tag merge"
        verbose_name_plural = "tag merges"


class CanonicalTagManager(_TaggableManager):
    """taggit's per-article tag manager, speaking our vocabulary: names are checked and
    normalized, and a name applies the tag with the same key, or whose alternative name it is
    (typing "AMS" or "ams" applies the canonical tag), on every database alike."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        # Replaces taggit's lookup, which compares names with the database's own case folding
        # (`iexact`): SQLite folds ASCII only, and no database folds "ß" to "ss".
        keys = {name_key(clean_name(tag)) for tag in tags if isinstance(tag, str)}
        found = self._existing(keys, tag_kwargs)
        result = []
        for tag in tags:
            if isinstance(tag, str):
                name = clean_name(tag)
                key = name_key(name)
                if key not in found:
                    found[key] = self._new_tag(name, tag_kwargs)
                tag = found[key]
            elif not isinstance(tag, Tag):
                raise ValueError(f"Cannot add {tag!r}: expected a tag or a name.")
            if tag not in result:
                result.append(tag)
        return result

    def _existing(self, keys, tag_kwargs) -> dict:
        """{key: tag} for the tags, and the tags of the alternative names, with those keys."""
        found = {tag.key: tag for tag in Tag.objects.filter(key__in=keys, **tag_kwargs)}
        aliases = TagAlias.objects.filter(key__in=set(keys) - found.keys()).select_related("tag")
        found.update({alias.key: alias.tag for alias in aliases})
        return found

    def _new_tag(self, name, tag_kwargs):
        try:
            # A savepoint: losing a race must not break the caller's transaction.
            with transaction.atomic():
                return Tag.objects.create(name=name, **tag_kwargs)
        except (IntegrityError, ValidationError):
            # Someone else gave the name meanwhile (as a tag or an alternative name): use it.
            existing = self._existing([name_key(name)], tag_kwargs).get(name_key(name))
            if existing is None:
                raise
            return existing


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
        # Served by the (tag, story) index below.
        db_index=False,
    )

    class Meta:
        verbose_name = "tagged article"
        verbose_name_plural = "tagged articles"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [
            # A tag's stories in story order, read off the index alone: tag pages and counts,
            # and "does this tag have a public story?" stopping at the first one.
            models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag_idx"),
        ]

    def __str__(self):
        # Listed to tag managers (what deleting a tag takes along), who may not read
        # unpublished stories: no headline of one.
        story = self.content_object if self.content_object.is_public else "An unpublished story"
        return f"{story} tagged with {self.tag}"
