"""What one suggestion request costs with 50,000 names in the database (not just the match).

    DATABASE_URL=... .venv/bin/python bench/suggestion_requests.py [names]

Adds the names (regions "… Oblast", outlets, people with a variant spelling each, tags) inside
a transaction it rolls back at the end, so the database is left as it was; then times the
first `current_name_index()` (reads every name and builds the lookup), later ones (one
fingerprint query while nothing changed) and whole `suggest()` calls on a 10,000-word story.
Prints medians.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from articles.models import Region, Source, SourceAlias, Tag  # noqa: E402
from articles.taxonomy import suggestions  # noqa: E402


def add_names(total: int) -> None:
    quarter = total // 4
    Region.objects.bulk_create(
        Region(name=f"Benchtown {n} Oblast", slug=f"bench-r-{n}") for n in range(quarter)
    )
    Source.objects.bulk_create(
        Source(name=f"Bench Outlet {n}", slug=f"bench-s-{n}") for n in range(quarter)
    )
    people = Source.objects.bulk_create(
        Source(name=f"Person{n} Surname{n}", slug=f"bench-p-{n}", kind="person")
        for n in range(quarter // 2)
    )
    SourceAlias.objects.bulk_create(SourceAlias(source=p, name=f"{p.name}y") for p in people)
    Tag.objects.bulk_create(
        Tag(name=f"Bench topic {n}", slug=f"bench-t-{n}") for n in range(quarter)
    )


def median_ms(work, runs=5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    body = "<p>" + " ".join(["the officials said Benchtown 7 was quiet"] * 1250) + "</p>"
    with transaction.atomic():
        add_names(total)
        start = time.perf_counter()
        suggestions.current_name_index()
        first = (time.perf_counter() - start) * 1000
        again = median_ms(suggestions.current_name_index)
        whole = median_ms(lambda: suggestions.suggest("Benchtown 7", "Person5 Surname5 said", body))
        transaction.set_rollback(True)
    print(f"names: {total:,}")
    print(f"first current_name_index() (read + build): {first:.0f} ms")
    print(f"current_name_index() while nothing changed: {again:.1f} ms (median)")
    print(f"suggest() on a 10,000-word story:          {whole:.1f} ms (median)")


if __name__ == "__main__":
    main()
