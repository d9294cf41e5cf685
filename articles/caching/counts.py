"""Story counts for the index pages (regions, sources, tags), cached until readers' view changes.

Counting every published story per region, source or tag reads the whole archive (about 0.1–1.5 s
at 200,000 stories on PostgreSQL), far too slow to repeat on every view of a public page. The
counts are cached with the keys of what they read (`articles.caching.entries`): the story
tables' key moves only when what readers can see of the stories changes — a transition, a
re-filing, a merge or rename, or a scheduled or embargoed story's time arriving — so a draft
save, or an edit of a story's words, leaves them cached. Readers therefore never see a withdrawn story counted, nor a tag that only
unpublished stories carry, and never wait for a timeout to see a new one.
"""

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db import connections
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils import timezone

from articles.caching.entries import cached
from articles.models import Article, Region, Source, Tag
from articles.models.publication import hidden_conditions

COUNTS_TIMEOUT = 60 * 60


def cached_counts(name: str, compute: Callable):
    """`compute(at)`'s result, reused until what readers can see changes."""
    return cached(f"newsroom:counts:{name}", lambda: compute(timezone.now()), COUNTS_TIMEOUT)


def public_story_counts(subjects, stories: str, *fields: str, at=None) -> dict:
    """{subject id: its published stories} for `subjects` (regions, sources, tags) reaching
    stories through `stories`, a path of relations ending at a story id ("listings__article");
    keyed by (id, *fields) when `fields` ("name", "slug") are asked for too. Subjects without
    a published story are absent.

    Counted as every story minus the hidden ones, in one pass over each subject's links: they
    are read off the (subject, story) index alone, each looked up in the set of hidden
    stories (drafts, scheduled, withdrawn… a small share of an archive, found from the state
    indexes), so no public story's row is read at all.
    """
    hidden = reduce(
        or_,
        (
            Q(**{f"{stories}__in": Article.objects.filter(condition).values("pk")})
            for condition in hidden_conditions(at=at)
        ),
    )
    rows = (
        subjects.order_by()
        .annotate(every=Count(stories), hidden=Count(stories, filter=hidden))
        .values_list("pk", *fields, "every", "hidden")
    )
    return {
        (tuple(key) if fields else key[0]): every - hidden
        for *key, every, hidden in rows
        if every > hidden
    }


def region_story_counts(at=None, *, regions=None) -> dict[int, int]:
    """{region id: published stories filed under it, anywhere below it, or (for a grouping)
    under its members or below them}, each story counted once per region: its stored
    listing (`RegionListing`), counted; for every region, or those in `regions`."""
    regions = Region.objects.all() if regions is None else regions
    return public_story_counts(regions, "listings__article", at=at)


def source_story_counts(at=None) -> dict[int, int]:
    """{source id: published stories citing it} (sources cited by none are absent)."""
    return public_story_counts(Source.objects.all(), "articles", at=at)


def tag_initials() -> dict[str, dict]:
    """{initial as the tags index shows it ("E", "К", "#" for anything but a letter):
    {"starts": the first characters of tag keys it stands for, "tags": how many tags,
    "public": whether any of them is public}}, in index order. One query on the tags table:
    each first character's tags are counted, and then searched for one public tag (the first
    one checked usually is), so an initial only unpublished stories' tags share is not shown.
    (Written around the ORM's two parts: it would search once per tag, not once per group.)"""
    counted, params = (
        Tag.objects.annotate(first=Substr("key", 1, 1))
        .values_list("first")
        .annotate(tags=Count("pk"))
        .order_by()
        .query.sql_with_params()
    )
    example, more = (
        Tag.objects.public()
        .alias(first=Substr("key", 1, 1))
        .filter(first=RawSQL("counted.first", ()))
        .order_by()
        .values("pk")[:1]
        .query.sql_with_params()
    )
    # The raw statement goes where the ORM would send a read of tags (the replica, for a reader).
    with connections[Tag.objects.all().db].cursor() as cursor:
        cursor.execute(
            f"SELECT counted.first, counted.tags, ({example}) FROM ({counted}) AS counted",
            (*more, *params),
        )
        firsts = cursor.fetchall()
    initials: dict[str, dict] = {}
    for first, tags, example in firsts:
        entry = {"starts": [], "tags": 0, "public": False}
        initial = initials.setdefault(initial_of(first), entry)
        initial["starts"].append(first)
        initial["tags"] += tags
        initial["public"] = initial["public"] or example is not None
    return dict(sorted(initials.items(), key=lambda item: item[0].casefold()))


def initial_of(key: str) -> str:
    """The letter a tag is listed under in the tags index, from its key: "E", "К", or "#"
    for a key that does not start with a letter."""
    first = key[:1]
    return first.upper() if first.isalpha() else "#"


def public_tags(at=None, *, starts=None) -> list[dict]:
    """[{name, slug, initial, stories}] for every tag on at least one published story, A–Z;
    only those whose key starts with one of the characters `starts`, if given."""
    tags = Tag.objects.all()
    if starts is not None:
        tags = tags.alias(first=Substr("key", 1, 1)).filter(first__in=starts)
    counts = public_story_counts(
        tags, "tagged_articles__content_object", "name", "slug", "key", at=at
    )
    # Sorted here, not in SQL: collations disagree on case ("ukraine" vs "Energy").
    return sorted(
        (
            {"name": name, "slug": slug, "initial": initial_of(key), "stories": n}
            for (_, name, slug, key), n in counts.items()
        ),
        key=lambda tag: (tag["name"].casefold(), tag["name"]),
    )
