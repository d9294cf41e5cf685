"""Regions: filing stories under them, moving them in the place tree, regrouping them, and
keeping the region pages' listings (`RegionListing`) exact through all of it.

A story filed under Kramatorsk is listed on the pages of Kramatorsk, Donetsk Oblast, Ukraine
and every grouping Donetsk Oblast belongs to (Donbas). That roll-up is stored, not worked out
per page view: `file_story()` writes it when a story's regions are set, and `move_region()`
and `forget_regions()` rewrite it for the stories a change in the tree touches. Anything that
sets a story's regions or changes the tree goes through these functions.
"""

from django.db import connection, transaction
from django.db.models import Q

from articles import changes
from articles.models import Article, Region, RegionListing
from articles.search import filed_names

_FILED = Article.regions.through


@transaction.atomic
def file_story(article: Article, regions) -> None:
    """File `article` under exactly `regions`, and list it on every page that rolls them up."""
    article.regions.set(regions)
    refresh_listings([article.pk])
    filed_names.index_story(article)


@transaction.atomic
def move_region(region: Region, *, parent: Region | None, members=None) -> Region:
    """Put `region` under `parent` (its whole subtree moves along, see `Region.save`) and, if
    `members` is given, make it the grouping of exactly those regions. Region pages and counts
    roll up differently from now on, though no story changed. A new region's first placing is
    a move too."""
    region.parent = parent
    region.save()
    # Stories below the region now roll up to other ancestors (and groupings of them).
    touched = [region]
    if members is not None:
        touched += [*region.members.all(), *members]
        region.members.set(members)
    refresh_listings(_filed_below(touched))
    # The stories below them are searched by other regions' names now.
    filed_names.names_changed(*touched)
    changes.vocabulary_changed()
    return region


def stories_filed_under(regions) -> list[int]:
    """Ids of the stories filed directly under `regions` (a queryset)."""
    return list(_FILED.objects.filter(region__in=regions).values_list("article_id", flat=True))


def forget_regions(stories: list[int]) -> None:
    """After regions were deleted: list `stories` (those filed under them, from
    `stories_filed_under()` taken before the deletion) by the filings they have left."""
    refresh_listings(stories)


def _filed_below(regions):
    """Ids of the stories filed under any of `regions` or anywhere below them (a subquery)."""
    below = Q()
    for region in regions:
        below |= Q(region__path__startswith=Region.objects.get(pk=region.pk).path)
    return _FILED.objects.filter(below).values("article_id")


def refresh_listings(stories) -> None:
    """Rewrite the region listings of `stories` (ids, or a subquery of ids) from their
    filings and the tree as they stand: each story on the page of every region it is filed
    under, every region above those, and every grouping of any of them."""
    if isinstance(stories, list | tuple | set) and not stories:
        return
    RegionListing.objects.filter(article__in=stories).delete()
    filed_ids = _FILED.objects.filter(article__in=stories).values("article_id")
    ids_sql, params = filed_ids.query.sql_with_params()
    filed, region = _FILED._meta, Region._meta
    grouping = Region.members.through._meta
    story, place = filed.get_field("article").column, filed.get_field("region").column
    # `closure` pairs each region stories are filed under with each region whose page lists
    # them: by materialised path, a region's own path starts with each ancestor's path.
    sql = f"""
        WITH places AS (
            SELECT DISTINCT {place} AS id FROM {filed.db_table} WHERE {story} IN ({ids_sql})
        ),
        closure (place_id, listed_id) AS (
            SELECT place.id, listed.id
              FROM places
              JOIN {region.db_table} place ON place.id = places.id
              JOIN {region.db_table} listed ON place.path LIKE listed.path || '%%'
            UNION
            SELECT place.id, grp.{grouping.get_field("from_region").column}
              FROM places
              JOIN {region.db_table} place ON place.id = places.id
              JOIN {region.db_table} member ON place.path LIKE member.path || '%%'
              JOIN {grouping.db_table} grp
                ON grp.{grouping.get_field("to_region").column} = member.id
        )
        INSERT INTO {RegionListing._meta.db_table} (region_id, article_id)
        SELECT DISTINCT closure.listed_id, filed.{story}
          FROM {filed.db_table} filed
          JOIN closure ON closure.place_id = filed.{place}
         WHERE filed.{story} IN ({ids_sql})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params + params)
