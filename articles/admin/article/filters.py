"""Sidebar filters for the article list that stay short and cost one small query each, however
large the archive.

The tag and source filters offer what the newest stories use — the entries most used on the
newest `RECENT_STORIES` stories — rather than counting every link in the archive (seconds at a
million stories, on every load of the list); the search box finds the rest, and a chosen entry
stays on offer. Our own tag filter also replaces taggit's (which lists every tag and emits a
Django deprecation warning). The region filter rolls up like the region pages do; the year
filter reads the two ends of the publish-time index.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from articles.models import Article, Region, RegionKind, Source, Tag, TaggedArticle

# How many of the newest stories the tag and source filters look at, and how many entries
# they offer.
RECENT_STORIES = 1000
FILTER_SIZE = 30


def _most_used(links, entry: str, story: str):
    """Ids of the `FILTER_SIZE` entries most used by the newest stories (a subquery)."""
    newest = Article.objects.order_by("-pk").values("pk")[:RECENT_STORIES]
    return (
        links.filter(**{f"{story}__in": newest})
        .values(entry)
        .annotate(uses=Count("pk"))
        .order_by("-uses", entry)
        .values(entry)[:FILTER_SIZE]
    )


class TagFilter(admin.SimpleListFilter):
    """The tags the newest stories use most, A–Z."""

    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        used = _most_used(TaggedArticle.objects, "tag", "content_object")
        tags = Tag.objects.filter(Q(pk__in=used) | Q(slug=self.value() or "")).order_by("name")
        return [(tag.slug, tag.name) for tag in tags.only("slug", "name")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        tag = Tag.objects.filter(slug=self.value()).first()
        return queryset.tagged(tag) if tag else queryset.none()


class SourceFilter(admin.SimpleListFilter):
    """The sources the newest stories cite most, A–Z."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        used = _most_used(Article.sources.through.objects, "source", "article")
        sources = Source.objects.filter(Q(pk__in=used) | Q(slug=self.value() or ""))
        return [(source.slug, source.name) for source in sources.only("slug", "name")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        source = Source.objects.filter(slug=self.value()).first()
        return queryset.citing(source) if source else queryset.none()


class RegionFilter(admin.SimpleListFilter):
    """Countries, provinces and groupings; choosing one includes every place below it."""

    title = "region"
    parameter_name = "region"
    # Indents each choice by its depth with CSS: spaces inside the link were underlined, and
    # read as "_Kharkiv Oblast".
    template = "admin/articles/article/region_filter.html"

    def lookups(self, request, model_admin):
        regions = Region.objects.filter(Q(depth__lte=1) | Q(kind=RegionKind.GROUPING)).only(
            "slug", "name", "depth"
        )
        self.depths = {region.slug: region.depth for region in regions}
        return [(region.slug, region.name) for region in regions]

    def choices(self, changelist):
        # "All" first, then one choice per lookup, in order.
        depths = [0] + [self.depths.get(slug, 0) for slug, _ in self.lookup_choices]
        for choice, depth in zip(super().choices(changelist), depths, strict=True):
            yield choice | {"depth": depth}

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        region = Region.objects.filter(slug=self.value()).first()
        if region is None:
            return queryset.none()
        return queryset.in_region(region)


class YearFilter(admin.SimpleListFilter):
    """Publish year, newest first: the years between the first and the latest publish time.

    In place of the admin's date hierarchy, which lists the years by reading every story's
    publish time (a scan of the archive on every load of the list).
    """

    title = "year published"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        span = Article.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
        years = range(last, first - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(f"{self.value()!r} is not a year.")
        return queryset.filter(published_at__year=int(self.value()))
