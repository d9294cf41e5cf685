"""Sidebar filters for the article list that stay short and cost one query each.

Our own tag filter replaces taggit's (which lists every tag and emits a Django deprecation
warning); the region filter rolls up like the region pages do.
"""

from django.contrib import admin
from django.db.models import Count, Q

from articles.models import Region, RegionKind, Tag

# The sidebar shows the most used tags; the search box finds the rest.
TAG_FILTER_SIZE = 30


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = (
            Tag.objects.annotate(uses=Count("tagged_articles"))
            .filter(Q(uses__gt=0) | Q(slug=self.value() or ""))
            .order_by("-uses", "name")[:TAG_FILTER_SIZE]
        )
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


class RegionFilter(admin.SimpleListFilter):
    """Countries, provinces and groupings; choosing one includes every place below it."""

    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        regions = Region.objects.filter(Q(depth__lte=1) | Q(kind=RegionKind.GROUPING)).only(
            "slug", "name", "depth"
        )
        # Non-breaking spaces keep the tree's indentation visible in the sidebar.
        return [(region.slug, "\u00a0\u00a0" * region.depth + region.name) for region in regions]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        region = Region.objects.filter(slug=self.value()).first()
        if region is None:
            return queryset.none()
        return queryset.in_region(region)
