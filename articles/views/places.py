"""Region pages: the place tree with story counts, and one region's rolled-up stories."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.shortcuts import get_object_or_404, render

from ..models import Article, Region
from .listings import StoryListView


@dataclass
class RegionNode:
    """One region in the index tree, with the regions directly below it."""

    region: Region
    children: list["RegionNode"] = field(default_factory=list)


def with_story_counts(regions):
    """Annotate `stories`: published stories filed under each region, anywhere below it, or
    (for a grouping) under its members — the same roll-up as the region page, counted once
    per story, in one SQL statement (a correlated subquery per row, no Python loop)."""
    filed = Article.regions.through.objects.filter(
        article__in=Article.objects.published().values("pk")
    )
    # A grouping's members and their subtrees count too: "the filed region's path starts with
    # the path of one of the grouping's members".
    via_member = Region.members.through.objects.filter(
        StartsWith(OuterRef("region__path"), F("to_region__path")),
        from_region=OuterRef(OuterRef("pk")),
    )
    rolled_up = (
        filed.filter(Q(region__path__startswith=OuterRef("path")) | Q(Exists(via_member)))
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("article_id", distinct=True))
        .values("n")
    )
    return regions.annotate(stories=Coalesce(Subquery(rolled_up, output_field=IntegerField()), 0))


def region_tree(regions) -> list[RegionNode]:
    """Nest regions (ordered by path, so parents come first) into a tree of RegionNodes."""
    nodes = {region.pk: RegionNode(region) for region in regions}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.region.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def region_index(request):
    """Every region as a tree, each with its rolled-up count of published stories."""
    regions = with_story_counts(Region.objects.order_by("path"))
    return render(request, "articles/region_index.html", {"tree": region_tree(regions)})


class RegionView(StoryListView):
    """A region: where it lies, its other names, what lies below it, and its stories — those
    filed under it, under any region below it, and, for a grouping, under its members."""

    template_name = "articles/region.html"
    subject_name = "region"

    def get_subject(self):
        return get_object_or_404(
            Region.objects.prefetch_related(
                "aliases",
                "children",
                "groupings",
                # in_region() reads the members from this prefetch instead of querying again.
                "members",
            ),
            slug=self.kwargs["slug"],
        )

    def get_stories(self, region):
        return Article.objects.published().in_region(region)

    def get_context_data(self, **kwargs):
        ancestor_ids = self.subject.ancestor_ids()
        ancestors = (
            Region.objects.filter(pk__in=ancestor_ids).order_by("depth") if ancestor_ids else []
        )
        return super().get_context_data(ancestors=ancestors, **kwargs)
