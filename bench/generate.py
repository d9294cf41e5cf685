"""Fill an empty PostgreSQL database with a large synthetic archive for the benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/generate.py --stories 1000000      (or: generate.py 1000000)

The archive's shape (lopsided desks, countries, sources and a long tail of tags, drafts,
scheduled, embargoed and withdrawn stories, pins, corrections) is `bench/archive_shape.py`'s;
this module loads it: COPY in chunks with the big tables' indexes set aside
(`bench/bulk_load.py`), then ANALYZE. Derived data is filled by the same rules the domain
applies: vocabulary keys by `names.name_key`, region paths and the region listings (the
roll-up of filings through the tree), `first_published_at` as the workflow sets it, the
archive generation row. A million stories take a few minutes.

Refuses a database that already holds stories, so it cannot pollute a real newsroom.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:  # run as a script (a test importing it has Django set up already)
    django.setup()

from archive_shape import StoryMaker, Vocabularies, build_vocabularies  # noqa: E402
from bulk_load import (  # noqa: E402
    copy_rows,
    indexes_set_aside,
    reset_sequences,
    truncate_for_freeze,
)
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import (  # noqa: E402
    ArchiveState,
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Region,
    RegionAlias,
    RegionListing,
    RelatedStory,
    Section,
    Source,
    SourceAlias,
    Tag,
    TagAlias,
    TaggedArticle,
    TagPin,
)
from articles.models.names import name_key  # noqa: E402

CHUNK = 20_000
VOCABULARY_TABLES = [
    Section,
    Region,
    Region.members.through,
    RegionAlias,
    Source,
    SourceAlias,
    Author,
    Tag,
    TagAlias,
    TagPin,
]
STORY_TABLES = [
    Article,
    Article.regions.through,
    Article.sources.through,
    TaggedArticle,
    ArticleAuthor,
    RelatedStory,
    Correction,
    RegionListing,
]


def _load_vocabularies(v: Vocabularies) -> None:
    copy_rows(Section, ({"id": i, "name": n, "slug": s, "order": o} for i, n, s, o in v.sections))
    copy_rows(Region, v.regions)
    copy_rows(
        Region.members.through,
        ({"from_region_id": g, "to_region_id": m} for g, m in v.groupings),
        with_id=False,
    )
    copy_rows(
        RegionAlias,
        (
            {"region_id": r["id"], "name": f"{r['name']}e", "key": name_key(f"{r['name']}e")}
            for r in v.regions[::25]
        ),
        with_id=False,
    )
    copy_rows(
        Source,
        (
            {"id": i, "name": n, "slug": s, "kind": k, "key": name_key(n)}
            for i, n, s, k in v.sources
        ),
    )
    copy_rows(
        SourceAlias,
        (
            {"source_id": i, "name": f"SRC{i}", "key": name_key(f"SRC{i}")}
            for i, *_ in v.sources[:20]
        ),
        with_id=False,
    )
    copy_rows(Author, ({"id": i, "name": n, "slug": s} for i, n, s in v.authors))
    copy_rows(Tag, ({"id": i, "name": n, "slug": s, "key": name_key(n)} for i, n, s in v.tags))
    copy_rows(
        TagAlias,
        (
            {"tag_id": i, "name": f"{n} (old)", "key": name_key(f"{n} (old)")}
            for i, n, _ in v.tags[:40]
        ),
        with_id=False,
    )


def _names_by_entry() -> dict:
    """{(kind, id): "name alternative names…"} of every region, source and tag: what
    `articles.search.filed_names` writes into a story's `filed_names` for each entry it is filed
    under (worked out here per story, as COPY loads rows that no UPDATE touches again)."""
    names = {}
    for kind, model, alias, owner in (
        ("region", Region, RegionAlias, "region_id"),
        ("source", Source, SourceAlias, "source_id"),
        ("tag", Tag, TagAlias, "tag_id"),
    ):
        for pk, name in model.objects.values_list("pk", "name"):
            names[(kind, pk)] = name
        for pk, name in alias.objects.values_list(owner, "name"):
            names[(kind, pk)] += " " + name
    return names


def _load_chunk(
    stories: list[dict], rng: random.Random, listed_on: dict, names: dict | None = None
) -> None:
    for s in stories if names else ():
        listed = set().union(*(listed_on[place] for place in s["regions"]))
        s["row"]["filed_names"] = " ".join(
            [names[("region", r)] for r in sorted(listed)]
            + [names[("source", x)] for x in s["sources"]]
            + [names[("tag", t)] for t in s["tags"]]
        )
    copy_rows(Article, (s["row"] for s in stories))
    copy_rows(
        Article.regions.through,
        ({"article_id": s["row"]["id"], "region_id": r} for s in stories for r in s["regions"]),
        with_id=False,
    )
    copy_rows(
        RegionListing,
        (
            {"article_id": s["row"]["id"], "region_id": r}
            for s in stories
            for r in set().union(*(listed_on[place] for place in s["regions"]))
        ),
    )
    copy_rows(
        Article.sources.through,
        ({"article_id": s["row"]["id"], "source_id": x} for s in stories for x in s["sources"]),
        with_id=False,
    )
    copy_rows(
        TaggedArticle,
        ({"content_object_id": s["row"]["id"], "tag_id": t} for s in stories for t in s["tags"]),
        with_id=False,
    )
    copy_rows(
        ArticleAuthor,
        (
            {"article_id": s["row"]["id"], "author_id": a, "position": p}
            for s in stories
            for p, a in enumerate(s["authors"])
        ),
        with_id=False,
    )
    # One story in twenty pins one or two earlier stories under "More Stories".
    copy_rows(
        RelatedStory,
        (
            {"article_id": s["row"]["id"], "related_id": related, "position": p}
            for s in stories
            if s["row"]["id"] % 20 == 7
            for p, related in enumerate(
                sorted(
                    {
                        max(1, s["row"]["id"] - rng.randint(1, 2000))
                        for _ in range(rng.randint(1, 2))
                    }
                )
            )
            if related != s["row"]["id"]
        ),
        with_id=False,
    )
    # One published story in a hundred carries a correction.
    copy_rows(
        Correction,
        (
            {
                "article_id": s["row"]["id"],
                "kind": "correction",
                "text": "An earlier version of this story misstated a figure.",
                "created_at": s["row"]["published_at"],
            }
            for s in stories
            if s["row"]["id"] % 100 == 42
            and s["row"]["status"] == "published"
            and s["row"]["published_at"] <= timezone.now()
        ),
        with_id=False,
    )


def _ensure_empty() -> None:
    if connection.vendor != "postgresql":
        raise SystemExit(
            "The benchmark archive is loaded with COPY: point DATABASE_URL at PostgreSQL."
        )
    if Article.objects.exists() or Tag.objects.exists() or Region.objects.exists():
        raise SystemExit("This database already holds a newsroom; use an empty one.")


@transaction.atomic
def generate(total: int, *, seed: int = 1, report=print) -> None:
    """Load an archive of `total` stories (plus its vocabularies) into the empty database."""
    _ensure_empty()
    # Rows written frozen look vacuumed: the planner sees the archive as production would.
    truncate_for_freeze([m._meta.db_table for m in VOCABULARY_TABLES + STORY_TABLES])
    started = time.monotonic()
    rng = random.Random(seed)
    now = timezone.now()
    vocabularies = build_vocabularies(rng, total)
    _load_vocabularies(vocabularies)
    maker = StoryMaker(rng, vocabularies, total, now)
    tables = [model._meta.db_table for model in STORY_TABLES]
    listed_on = vocabularies.listed_on()
    names = _names_by_entry()
    with indexes_set_aside(tables, report=report):
        for start in range(0, total, CHUNK):
            chunk = [maker.story(n) for n in range(start, min(total, start + CHUNK))]
            _load_chunk(chunk, rng, listed_on, names)
            report(f"{min(total, start + CHUNK):>9,} stories  {time.monotonic() - started:6.0f} s")
        report("building indexes and constraints")
    # A few pinned stories on the biggest tags' pages.
    newest = list(
        Article.objects.published(at=now).order_by("-pk").values_list("pk", flat=True)[:60]
    )
    copy_rows(
        TagPin,
        (
            {"tag_id": tag, "article_id": newest[tag * 3 + k], "position": k}
            for tag in range(1, 11)
            for k in range(2)
        ),
        with_id=False,
    )
    ArchiveState.objects.update_or_create(pk=1, defaults={"generation": 1, "changed_at": now})
    reset_sequences([Section, Region, Source, Author, Tag, Article])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report(f"done: {total:,} stories in {time.monotonic() - started:.0f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, help="stories (same as --stories)")
    parser.add_argument("--stories", type=int, help="how many stories (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    generate(args.stories or args.count or 100_000, seed=args.seed)


if __name__ == "__main__":
    main()
