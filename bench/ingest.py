"""How fast the wire desk takes copy in: 1,000 ninjs 3.x items into the wire queue.

    .venv/bin/python bench/ingest.py [items] [--database-url URL]

Builds a throwaway database (a temporary SQLite file unless `--database-url` names another,
e.g. postgres://postgres@127.0.0.1:5432/newsroom_bench — it is migrated and emptied), loads
the demo newsroom's places and sources (so suggestions have a vocabulary to match), then
times `ingest_copy` on one file of `items` ninjs 3.x stories (each a new draft: cleaned,
filed, credited, revisioned), the same file again (every item unchanged), and a file of
newer versions (every draft updated as a new revision).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
parser = argparse.ArgumentParser()
parser.add_argument("items", nargs="?", type=int, default=1000)
parser.add_argument("--database-url", default="")
arguments = parser.parse_args()
workdir = tempfile.mkdtemp(prefix="newsroom-ingest-bench-")
os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{workdir}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from articles.demo.loader import load_newsroom  # noqa: E402
from articles.demo.wire_desk import PATTERNS, PLACES  # noqa: E402
from articles.models import Article, Section, Source, WireProvider, WireStory  # noqa: E402
from articles.wire.ingest import ingest_copy  # noqa: E402


def items(count: int, version: int) -> str:
    documents = []
    for n in range(count):
        headline, standfirst, paragraphs = PATTERNS[n % len(PATTERNS)]
        place, other = PLACES[(n // len(PATTERNS)) % len(PLACES)]
        fill = {"place": place, "other": other}
        body = "".join(
            f"<p>{p.format(**fill)} (Item {n}, version {version}.)</p>" for p in paragraphs
        )
        documents.append(
            {
                "uri": f"https://agency.example/ninjs/bench/{n}",
                "type": "text",
                "version": str(version),
                "versionCreated": "2026-12-04T12:00:00Z",
                "urgency": 1 + n % 9,
                "headlines": [
                    {"role": "main", "value": f"{headline.format(**fill)} ({n})"},
                    {"role": "subheadline", "value": standfirst},
                ],
                "bodies": [{"role": "main", "contentType": "text/html", "value": body}],
                "places": [{"name": place}],
            }
        )
    return json.dumps(documents)


def timed(label: str, data: str, provider) -> None:
    started = time.perf_counter()
    results = ingest_copy(data, provider=provider)
    elapsed = time.perf_counter() - started
    outcomes = {}
    for result in results:
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    rate = len(results) / elapsed
    print(f"{label:<28} {elapsed:7.2f} s  {rate:7.1f} items/s  {outcomes}")


def main():
    call_command("migrate", verbosity=0)
    # A database used before (PostgreSQL): forget the last run's wire copy and its drafts.
    drafts = list(WireStory.objects.values_list("article_id", flat=True))
    WireStory.objects.all().delete()
    Article.objects.filter(pk__in=[pk for pk in drafts if pk]).delete()
    load_newsroom()
    provider, _ = WireProvider.objects.get_or_create(
        slug="bench",
        defaults={
            "name": "Bench agency",
            "source": Source.objects.get(slug="continental-press-agency"),
            "section": Section.objects.get(slug="world"),
        },
    )
    count = arguments.items
    print(f"{count} ninjs 3.x items on {django.db.connection.vendor}")
    timed("first time (new drafts)", items(count, 1), provider)
    timed("same file again", items(count, 1), provider)
    timed("newer versions (updates)", items(count, 2), provider)


if __name__ == "__main__":
    main()
