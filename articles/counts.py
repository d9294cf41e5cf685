"""Story counts for the index pages (regions, sources, tags), cached until readers' view changes.

Counting every published story per region, source or tag reads the whole archive (about 0.1–1.5 s
at 200,000 stories on PostgreSQL), far too slow to repeat on every view of a public page. The
counts are cached under `articles.editions.public_state_token()`, which changes only when what
readers can see changes — a transition, merge or rename of public content, or a scheduled or
embargoed story's time arriving — so a draft save leaves them cached. Readers therefore never see a withdrawn story counted, nor a tag that only
unpublished stories carry, and never wait for a timeout to see a new one.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from .editions import public_state_token
from .models import Article, Region, TaggedArticle

COUNTS_TIMEOUT = 60 * 60


def cached_counts(name: str, compute: Callable):
    """`compute(at)`'s result, reused until what readers can see changes."""
    now = timezone.now()
    key = f"newsroom:counts:{name}:{public_state_token(now)}"
    return cache.get_or_set(key, lambda: compute(now), COUNTS_TIMEOUT)


def _published_sql(at) -> tuple[str, tuple]:
    # The one definition of "public", compiled to SQL for the statement below.
    return Article.objects.published(at=at).values("pk").query.sql_with_params()


def region_story_counts(at=None) -> dict[int, int]:
    """{region id: published stories filed under it, anywhere below it, or (for a grouping)
    under its members or below them}, each story counted once per region.

    One statement: pair every region with every region at or below it (from the materialised
    paths; for a grouping also its members' subtrees), join the filed stories, and count the
    distinct (region, story) pairs. Written in SQL because "path starts with another row's
    path" is a join the ORM cannot express without a correlated subquery per region (~10× slower).
    """
    published_sql, params = _published_sql(at)
    filed = Article.regions.through._meta
    grouping = Region.members.through._meta
    sql = f"""
        WITH rollup (ancestor_id, region_id) AS (
            SELECT ancestor.id, region.id
              FROM {Region._meta.db_table} ancestor
              JOIN {Region._meta.db_table} region ON region.path LIKE ancestor.path || '%%'
            UNION
            SELECT grp.{grouping.get_field("from_region").column}, region.id
              FROM {grouping.db_table} grp
              JOIN {Region._meta.db_table} member
                ON member.id = grp.{grouping.get_field("to_region").column}
              JOIN {Region._meta.db_table} region ON region.path LIKE member.path || '%%'
        )
        SELECT pairs.ancestor_id, COUNT(*) FROM (
            SELECT DISTINCT rollup.ancestor_id, filed.{filed.get_field("article").column} AS story
              FROM rollup
              JOIN {filed.db_table} filed
                ON filed.{filed.get_field("region").column} = rollup.region_id
             WHERE filed.{filed.get_field("article").column} IN ({published_sql})
        ) pairs
        GROUP BY pairs.ancestor_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def source_story_counts(at=None) -> dict[int, int]:
    """{source id: published stories citing it} (sources cited by none are absent)."""
    cited = Article.sources.through.objects.filter(
        article__in=Article.objects.published(at=at).values("pk")
    )
    return dict(cited.values_list("source_id").annotate(n=Count("pk")).order_by())


def public_tags(at=None) -> list[dict]:
    """[{name, slug, stories}] for every tag on at least one published story, A–Z."""
    tagged = TaggedArticle.objects.filter(
        content_object__in=Article.objects.published(at=at).values("pk")
    )
    rows = tagged.values("tag__name", "tag__slug").annotate(stories=Count("pk")).order_by()
    tags = [
        {"name": row["tag__name"], "slug": row["tag__slug"], "stories": row["stories"]}
        for row in rows
    ]
    # Sorted here, not in SQL: collations disagree on case ("ukraine" vs "Energy").
    return sorted(tags, key=lambda tag: (tag["name"].casefold(), tag["name"]))
