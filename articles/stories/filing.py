"""What a story is filed under — its regions, topics (tags) and sources (outlets and the
people it cites) — read in one query.

The article page, its structured data and the CDN purge list all need the three lists; one
UNION ALL query fetches them (instead of one query per relation), as unsaved model instances
carrying what pages print: name, address and the links structured data cites.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, F, IntegerField, Value

from articles.models import Article, Region, Source, Tag


@dataclass
class Filing:
    regions: list[Region] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def __bool__(self):
        return bool(self.regions or self.tags or self.sources)

    @property
    def outlets(self) -> list[Source]:
        """The sources that are not people: agencies, broadcasters, papers, bodies."""
        return [source for source in self.sources if not source.is_person]

    @property
    def people(self) -> list[Source]:
        """The people the story cites (sources of kind person), with their roles."""
        return [source for source in self.sources if source.is_person]


_COLUMNS = ("filed_as", "id", "name", "slug", "link", "rank", "source_kind", "person_role")


def filing_of(article: Article) -> Filing:
    """The story's regions and sources A–Z and its tags in the order they were added."""
    text, number = CharField(), IntegerField()

    def rows(queryset, kind, link, rank, source_kind=None, person_role=None):
        return (
            queryset.annotate(
                filed_as=Value(kind, output_field=text),
                link=link,
                rank=rank,
                source_kind=source_kind or Value("", output_field=text),
                person_role=person_role or Value("", output_field=text),
            )
            .order_by()
            .values_list(*_COLUMNS)
        )

    regions = rows(
        Region.objects.filter(articles=article),
        "region",
        F("geonames_uri"),
        Value(0, output_field=number),
    )
    sources = rows(
        Source.objects.filter(articles=article),
        "source",
        F("homepage_url"),
        Value(0, output_field=number),
        source_kind=F("kind"),
        person_role=F("role"),
    )
    tags = rows(
        Tag.objects.filter(tagged_articles__content_object=article),
        "tag",
        Value("", output_field=text),
        F("tagged_articles__id"),
    )
    filing = Filing()
    # Ordered by columns the union selects: a model's own default ordering would not be.
    for kind, pk, name, slug, link, _, source_kind, role in regions.union(
        sources, tags, all=True
    ).order_by("rank", "name"):
        if kind == "region":
            filing.regions.append(Region(pk=pk, name=name, slug=slug, geonames_uri=link))
        elif kind == "source":
            filing.sources.append(
                Source(pk=pk, name=name, slug=slug, homepage_url=link, kind=source_kind, role=role)
            )
        else:
            filing.tags.append(Tag(pk=pk, name=name, slug=slug))
    return filing
