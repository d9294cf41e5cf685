"""Fill a database with a large synthetic archive for the benchmark (not for the demo).

    DATABASE_URL=... .venv/bin/python bench/generate.py 100000

Writes in bulk, so 100,000 stories take well under a minute on PostgreSQL. Refuses to run on
a database that already holds stories, so it cannot pollute a real newsroom.
"""

import os
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import (  # noqa: E402
    Article,
    ArticleAuthor,
    Author,
    Region,
    RegionKind,
    RelatedStory,
    Section,
    Source,
    Status,
    Tag,
    TaggedArticle,
)

COMMON = (
    "the of and to in a said on for with that was by at from officials after people city "
    "government week year new two first last its their have has been will would could"
).split()
NEWS = (
    "minister council shelling front grid harvest league final market rates court election "
    "border talks ceasefire drone port grain summit coach transfer season museum festival"
).split()
# A long tail of rarer words, so that a search term matches a realistic share of the archive
# (a tiny vocabulary would make every word appear in every story).
SYLLABLES = "ko va mi da se to lu re ni pa bo zu ka le ri mo ta".split()
RARE = [a + b + c + "sk" for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]  # 4,913 words
BATCH = 5000


def sentence(rng, n=12):
    words = [
        rng.choice(COMMON) if roll < 0.6 else rng.choice(NEWS) if roll < 0.8 else rng.choice(RARE)
        for roll in (rng.random() for _ in range(n))
    ]
    return " ".join(words).capitalize() + "."


@transaction.atomic
def generate(total: int):
    if Article.objects.exists():
        raise SystemExit("This database already holds stories; use an empty one.")
    rng = random.Random(1)
    sections = [
        Section.objects.create(name=f"Desk {i}", slug=f"desk-{i}", order=i) for i in range(6)
    ]
    countries = [
        Region.objects.create(name=f"Country {i}", slug=f"country-{i}", kind=RegionKind.COUNTRY)
        for i in range(10)
    ]
    provinces = [
        Region.objects.create(
            name=f"Province {i}",
            slug=f"province-{i}",
            kind=RegionKind.PROVINCE,
            parent=countries[i % 10],
        )
        for i in range(50)
    ]
    cities = [
        Region.objects.create(
            name=f"City {i}", slug=f"city-{i}", kind=RegionKind.CITY, parent=provinces[i % 50]
        )
        for i in range(200)
    ]
    places = provinces + cities
    sources = Source.objects.bulk_create(
        Source(name=f"Source {i}", slug=f"source-{i}", kind="agency") for i in range(50)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(2000))
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {i}", slug=f"reporter-{i}") for i in range(50)
    )
    now = timezone.now()
    region_links = Article.regions.through
    source_links = Article.sources.through
    for start in range(0, total, BATCH):
        batch = []
        for n in range(start, min(total, start + BATCH)):
            when = now - timedelta(minutes=n * 7 + 1)
            batch.append(
                Article(
                    headline=sentence(rng, 8)[:-1],
                    slug=f"story-{n}",
                    standfirst=sentence(rng),
                    body="".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(6)),
                    section=sections[n % 6],
                    status=Status.PUBLISHED if n % 50 else Status.DRAFT,
                    published_at=when,
                    first_published_at=when,
                )
            )
        stories = Article.objects.bulk_create(batch)
        region_links.objects.bulk_create(
            region_links(article_id=s.pk, region_id=r.pk)
            for s in stories
            for r in rng.sample(places, 2)
        )
        source_links.objects.bulk_create(
            source_links(article_id=s.pk, source_id=rng.choice(sources).pk) for s in stories
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=s.pk, tag_id=t.pk)
            for s in stories
            for t in rng.sample(tags, 3)
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article_id=s.pk, author_id=rng.choice(authors).pk) for s in stories
        )
        RelatedStory.objects.bulk_create(
            RelatedStory(article_id=s.pk, related_id=stories[i - 1].pk, position=0)
            for i, s in enumerate(stories)
            if i % 10 == 1
        )
        print(f"{start + len(stories):>9,} stories", flush=True)


if __name__ == "__main__":
    generate(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
