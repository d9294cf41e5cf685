"""What reader search knows of a story beyond its own words: the names it is filed under.

A story filed under Luhansk Oblast is found by "Lugansk", and one filed under Lysychansk by
"Lysychansk" even where its text says "Lisichansk". Besides headline, standfirst and body,
the searched document holds `Article.filed_names`: every name and alternative name of

- the regions the story is listed under — its own, every region above them and the groupings
  of any of them (read off `RegionListing`, the stored roll-up), so "Ukraine" and "Donbass"
  find a story filed under Kramatorsk;
- its sources, people included ("Sergei Gaidai" finds a story citing Serhiy Haidai);
- its tags.

On PostgreSQL the column feeds the stored `search_document` (a generated tsvector, weight D,
GIN-indexed; migration 0023); on SQLite reader search matches it like the text.

This module is the column's one home, and every change that alters it calls it explicitly:

- `index_story()` / `index_filings()`: a story's filings changed (the workflow's step on every
  save, `taxonomy.regions.file_story`, the article form, restoring a revision). One UPDATE
  for any number of stories: six correlated subqueries build each story's names in the
  database.
- `names_changed()`: an entry's names changed (renamed, an alternative name added, changed or
  removed, duplicates merged into it) or a region moved in the tree. Every story filed under
  it needs the new names: possibly most of the archive (every story in Ukraine), so the work
  is queued as a background task (`reindex_filed_under`) that updates the stories in batches
  of `BATCH` ids, each one bounded UPDATE, outside the editor's request.
"""

from django.apps import apps as global_apps
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.tasks import task

from articles import changes
from articles.models import Article, Region, RegionListing, Source, Tag, TaggedArticle

# Stories per UPDATE when a name changes under many stories: each batch is one statement that
# locks and rewrites this many rows, short enough not to hold up editors saving stories.
BATCH = 1000


def filed_names_expression(apps=global_apps):
    """The SQL expression for one story's `filed_names` (on an Article queryset): the names
    and alternative names of its listed regions, sources and tags, space-separated. `apps` is
    the model registry (migrations pass their historical one)."""

    def model(name):
        return apps.get_model("articles", name)

    def names(queryset, story, column):
        joined = (
            queryset.filter(**{story: OuterRef("pk")})
            .order_by()
            .values(story)
            .annotate(names=StringAgg(column, Value(" ")))
            .values("names")
        )
        return Coalesce(Subquery(joined), Value(""), output_field=TextField())

    parts = [
        names(model("RegionListing").objects, "article", "region__name"),
        names(model("RegionAlias").objects, "region__listings__article", "name"),
        names(model("Article").sources.through.objects, "article", "source__name"),
        names(model("SourceAlias").objects, "source__articles", "name"),
        names(model("TaggedArticle").objects, "content_object", "tag__name"),
        names(model("TagAlias").objects, "tag__tagged_articles__content_object", "name"),
    ]
    spaced = []
    for part in parts:
        spaced += [part, Value(" ", output_field=TextField())]
    return Concat(*spaced[:-1], output_field=TextField())


def index_filings(stories, apps=global_apps) -> int:
    """Rewrite `filed_names` of `stories` (ids, or a subquery of ids) in one UPDATE, from their
    filings and the names as they stand. Returns how many stories were written."""
    if isinstance(stories, list | tuple | set) and not stories:
        return 0
    articles = apps.get_model("articles", "Article")
    return articles.objects.filter(pk__in=stories).update(filed_names=filed_names_expression(apps))


def index_story(story: Article) -> None:
    """Rewrite one story's `filed_names`, and bring the instance's copy up to date."""
    index_filings([story.pk])
    story.filed_names = Article.objects.values_list("filed_names", flat=True).get(pk=story.pk)


def _filings(kind: str):
    """Where stories meet entries of `kind`: (rows, entry column, story column)."""
    if kind == "region":
        return RegionListing.objects, "region_id", "article_id"
    if kind == "source":
        return Article.sources.through.objects, "source_id", "article_id"
    return TaggedArticle.objects, "tag_id", "content_object_id"


_KINDS = {Region: "region", Source: "source", Tag: "tag"}


def stories_named_by(entries) -> list[int]:
    """Ids of the stories whose filed names include those of `entries` (a queryset of regions,
    sources or tags; anything else names no story), in one query: taken before the entries
    are deleted, to index the stories again afterwards."""
    kind = _KINDS.get(entries.model)
    if kind is None:
        return []
    rows, entry, story = _filings(kind)
    filed = rows.filter(**{f"{entry}__in": entries.values("pk")})
    return sorted(set(filed.values_list(story, flat=True)))


def names_changed(*entries) -> None:
    """The names of `entries` (regions, sources, tags) changed, or a region moved: queue the
    refresh of every story filed under them (see `reindex_filed_under`)."""
    for entry in entries:
        reindex_filed_under.enqueue(_KINDS[type(entry)], entry.pk)


@task()
def reindex_filed_under(kind: str, pk: int) -> int:
    """Refresh `filed_names` of every story filed under the `kind` ("region", "source", "tag")
    entry `pk`, `BATCH` stories per UPDATE, in id order. Idempotent: running it twice writes
    the same names. Returns how many stories were written."""
    rows, entry, story = _filings(kind)
    stories = rows.filter(**{entry: pk}).order_by(story).values_list(story, flat=True)
    written, last = 0, 0
    while True:
        batch = list(stories.filter(**{f"{story}__gt": last})[:BATCH])
        if not batch:
            if written:
                # Search answers differently now: cached result pages are stale.
                changes.search_reindexed()
            return written
        written += index_filings(batch)
        last = batch[-1]
