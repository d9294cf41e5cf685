"""Region pages: the place tree with story counts, and one region's rolled-up stories."""

from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from articles.addresses.absolute import SlugPaths
from articles.caching.counts import cached_counts, region_story_counts
from articles.models import Article, Region
from articles.public.page_head import index_head, listing_head
from articles.public.views.listings import StoryListView


@dataclass
class RegionNode:
    """One region in the index tree, with the regions directly below it."""

    region: Region
    children: list["RegionNode"] = field(default_factory=list)


def region_tree(regions) -> list[RegionNode]:
    """Nest regions into a tree of RegionNodes, siblings in alphabetical order."""
    by_name = sorted(regions, key=lambda region: region.name.casefold())
    nodes = {region.pk: RegionNode(region) for region in by_name}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.region.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


# A place tree this small is shown whole; a larger one (a gazetteer's thousands of towns) shows
# the countries with their provinces, and the groupings: each region's page lists the places
# within it, so nothing is out of reach, and the index neither renders nor counts them all.
WHOLE_TREE_REGIONS = 500


def region_index(request):
    """The region tree, each region with its rolled-up count of published stories: the whole
    tree when it is small, else its top two levels."""
    regions = Region.objects.all()
    whole = regions.count() <= WHOLE_TREE_REGIONS
    if not whole:
        regions = regions.filter(depth__lte=1)
    counts = cached_counts(
        "regions" if whole else "regions:top", partial(region_story_counts, regions=regions)
    )
    paths = SlugPaths("articles:region")
    regions = list(regions)
    for region in regions:
        region.stories = counts.get(region.pk, 0)
        region.url = paths(region.slug)
    head = index_head(
        "Regions",
        reverse("articles:region_index"),
        f"Stories from {settings.SITE_NAME} by place: countries, provinces, cities and the "
        "areas they make up.",
        collection=True,
    )
    context = {"tree": region_tree(regions), "whole": whole, "head": head}
    return render(request, "articles/region_index.html", context)


class RegionView(StoryListView):
    """A region: where it lies, its other names, what lies below it, and its stories — those
    filed under it, under any region below it, and, for a grouping, under its members."""

    template_name = "articles/region.html"
    subject_name = "region"

    def get_subject(self):
        by_name = Region.objects.order_by("name")
        return get_object_or_404(
            Region.objects.prefetch_related(
                "aliases",
                Prefetch("children", queryset=by_name),
                Prefetch("groupings", queryset=by_name),
                Prefetch("members", queryset=by_name),
            ),
            slug=self.kwargs["slug"],
        )

    def get_stories(self, region):
        return Article.objects.published().in_region(region)

    def get_context_data(self, **kwargs):
        ancestor_ids = self.subject.ancestor_ids()
        ancestors = (
            list(Region.objects.filter(pk__in=ancestor_ids).order_by("depth"))
            if ancestor_ids
            else []
        )
        return super().get_context_data(ancestors=ancestors, **kwargs)

    def get_head(self, page_obj, ancestors, **kwargs):
        return listing_head("region", self.subject, page_obj, ancestors=ancestors)
