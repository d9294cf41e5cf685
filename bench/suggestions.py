"""How fast the text-suggestion matcher is: 50,000 known names against a 10,000-word story.

    .venv/bin/python bench/suggestions.py [names] [words]

Needs no database: it builds the same NameIndex the admin uses from generated names — regions
(a third of them "… Oblast", so short names are worked out), sources, people with an
alternative spelling each (so surnames are worked out), and tags, single- and multi-word — then
times building it and matching a story (headline, standfirst and a body with possessives and
plurals) against it. Prints medians of several runs.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from articles.taxonomy.suggestions import build_name_index, story_parts  # noqa: E402

SYLLABLES = [
    "ka",
    "ly",
    "do",
    "net",
    "sk",
    "ma",
    "tor",
    "vo",
    "lo",
    "zhy",
    "pol",
    "ta",
    "ri",
    "vne",
]
FILLER = "the a of and in to said officials residents on after night city power train".split()


def made_up_name(rng: random.Random) -> str:
    words = rng.choice([1, 1, 1, 2, 3])
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        for _ in range(words)
    )


def vocabulary_rows(count: int, rng: random.Random):
    """`count` spellings: a quarter each regions, sources, people (name and one variant) and
    tags, in the (kind, pk, name, spelling, how, context, person) rows the admin builds."""
    rows, seen = [], set()
    while len(rows) < count:
        name = made_up_name(rng)
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        pk, share = len(rows), len(rows) % 4
        if share == 0:
            if pk % 3 == 0:
                name += " Oblast"
            rows.append(("region", pk, name, name, "name", "Made-up Country", False))
        elif share == 1:
            rows.append(("source", pk, name, name, "name", "", False))
        elif share == 2:
            person = f"{made_up_name(rng).split()[0]} {name.split()[-1]}"
            rows.append(("source", pk, person, person, "name", "Spokesperson", True))
            variant = person[:-1] + "y"
            rows.append(("source", pk, person, variant, "spelling", "Spokesperson", True))
        else:
            rows.append(("tag", pk, name, name, "name", "", False))
    return rows[:count]


def body_text(rows, words: int, rng: random.Random) -> str:
    out = []
    while len(out) < words:
        if rng.random() < 0.02:
            row = rng.choice(rows)
            # A name, another spelling, or a person's surname alone.
            name = row[3].split()[-1] if row[6] and rng.random() < 0.5 else row[3]
            out.extend((name + rng.choice(["", "'s", "’s", "s"])).split())
        else:
            out.append(rng.choice(FILLER))
    return "<p>" + " ".join(out[:words]) + "</p>"


def median_seconds(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    names = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    words = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(4)
    rows = vocabulary_rows(names, rng)
    body = body_text(rows, words, rng)

    build = median_seconds(lambda: build_name_index(rows))
    vocabulary = build_name_index(rows)
    headline, standfirst = " ".join(r[3] for r in rows[:3]), f"{rows[5][3]}'s plan"
    parts = story_parts(headline, standfirst, body)
    match = median_seconds(lambda: vocabulary.find_in(story_parts(headline, standfirst, body)))
    found = len(vocabulary.find_in(parts))
    print(f"names: {names:,}  body words: {words:,}  distinct names found: {found}")
    print(f"build vocabulary (once per vocabulary version): {build * 1000:.1f} ms (median)")
    print(f"match one story (strip HTML + scan + rank):     {match * 1000:.1f} ms (median)")


if __name__ == "__main__":
    main()
