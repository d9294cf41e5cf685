"""Regions: a place tree (country > province > city) plus named groupings and alternative names.

The tree is stored as a materialised path ("1/7/42/") so that "this region and everything below
it" is one indexed prefix match, whatever the depth: region pages roll up in a fixed number of
queries instead of walking the tree row by row.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse

from .publication import has_public_story
from .vocabulary import AliasBase, alternative_name_kind_field


class RegionKind(models.TextChoices):
    COUNTRY = "country", "Country"
    PROVINCE = "province", "Province, state or oblast"
    CITY = "city", "City or town"
    AREA = "area", "Area or district"
    GROUPING = "grouping", "Grouping (spans several regions)"


class RegionQuerySet(models.QuerySet["Region"]):
    def public(self, at=None):
        """Regions whose page shows a public story (filed under it, below it, or under a
        grouping's members): a region page without one is empty, so crawlers are not sent."""
        listings = RegionListing.objects.filter(region=OuterRef("pk"))
        return self.filter(has_public_story(listings, "article", at=at))


class Region(models.Model):
    name = models.CharField("name", max_length=120, help_text="The house spelling, e.g. “Kyiv”.")
    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        help_text="The end of the region page's address: “kyiv” makes /regions/kyiv/. "
        "A changed slug leaves the old address redirecting.",
    )
    kind = models.CharField(
        "kind",
        max_length=20,
        choices=RegionKind.choices,
        default=RegionKind.CITY,
        help_text="A grouping is a named area made of other regions (e.g. a historical region).",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="parent region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The region this one lies in; empty for a country.",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name="members",
        symmetrical=False,
        blank=True,
        related_name="groupings",
        help_text="For a grouping: the regions it is made of. Its page rolls up their stories.",
    )
    geonames_uri = models.URLField(
        "GeoNames URI", blank=True, help_text="E.g. http://sws.geonames.org/703448/ (optional)."
    )
    description = models.TextField("description", blank=True, help_text="Shown on the region page.")
    path = models.CharField(
        "tree path",
        max_length=255,
        editable=False,
        db_index=True,
        default="",
        help_text="Ancestor ids from the root, maintained automatically.",
    )
    depth = models.PositiveSmallIntegerField(
        "depth", default=0, editable=False, help_text="0 for a root."
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "region"
        verbose_name_plural = "regions"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The path is part of the row's own data (like a slug), not a side effect: every way of
        # saving a region (admin, demo loader, shell) must keep the tree consistent, so it
        # lives here rather than in one caller.
        with transaction.atomic():
            if self.parent_id and self.pk:
                parent_path = Region.objects.values_list("path", flat=True).get(pk=self.parent_id)
                if parent_path.startswith(self.path or "\0"):
                    raise ValidationError(
                        "A region cannot lie inside itself or its own sub-region."
                    )
            super().save(*args, **kwargs)
            self._sync_path()

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})

    @property
    def is_grouping(self):
        return self.kind == RegionKind.GROUPING

    def ancestor_ids(self):
        """Ids from the root down to (not including) this region, read off the path."""
        return [int(part) for part in self.path.split("/") if part][:-1]

    def clean(self):
        if self.parent_id and self.pk:
            if self.parent_id == self.pk or (
                self.path and self.parent is not None and self.parent.path.startswith(self.path)
            ):
                raise ValidationError(
                    {"parent": "A region cannot lie inside itself or its own sub-region."}
                )

    def _sync_path(self):
        parent_path = (
            Region.objects.values_list("path", flat=True).get(pk=self.parent_id)
            if self.parent_id
            else ""
        )
        old_path = Region.objects.values_list("path", flat=True).get(pk=self.pk)
        new_path = f"{parent_path}{self.pk}/"
        if new_path == old_path:
            self.path, self.depth = new_path, new_path.count("/") - 1
            return
        new_depth = new_path.count("/") - 1
        if old_path:
            # Moving a subtree: rewrite every descendant's prefix in one statement.
            Region.objects.filter(path__startswith=old_path).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + (new_depth - (old_path.count("/") - 1)),
            )
        else:
            Region.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
        self.path, self.depth = new_path, new_depth


class RegionAlias(AliasBase):
    """Another spelling of a region. Unique per region only: two places may share a spelling
    (there is more than one Springfield), so no vocabulary-wide rule applies."""

    region = models.ForeignKey(
        Region,
        verbose_name="region",
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The region this is another name for.",
    )
    name = models.CharField(
        "alternative name",
        max_length=120,
        help_text="Another spelling or transliteration, e.g. “Kiev” for Kyiv.",
    )
    kind = alternative_name_kind_field()

    class Meta(AliasBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["region", "key"],
                name="unique_region_alias_key",
                violation_error_message="This region already has this alternative name.",
            ),
        ]


class RegionListing(models.Model):
    """One story on one region's page: the story is filed under the region, under a region
    below it, or (for a grouping) under one of its members or below them.

    The roll-up of every filing through the tree, stored when stories are filed and when the
    tree changes, so that a region page, feed or count reads one indexed key instead of
    matching every filing against every region's path. Written only by
    `articles.taxonomy.regions`; never edited by hand.
    """

    pk = models.CompositePrimaryKey("region", "article")
    region = models.ForeignKey(
        Region,
        verbose_name="region",
        on_delete=models.CASCADE,
        related_name="listings",
        # The primary key (region, article) serves lookups by region.
        db_index=False,
        help_text="The region whose page lists the story.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="story",
        on_delete=models.CASCADE,
        related_name="region_listings",
        help_text="The story listed.",
    )

    class Meta:
        verbose_name = "region listing"
        verbose_name_plural = "region listings"

    def __str__(self):
        return f"{self.article_id} on {self.region_id}"
