"""How fast the text-suggestion matcher is: 10,000 known names against a 10,000-word body.

    .venv/bin/python bench/suggestions.py [names] [words]

Needs no database: it builds the same Vocabulary the admin uses from generated names (single-
and multi-word, with alternative spellings), then times building it and matching a body that
mentions some of them, possessives included. Prints medians of several runs.
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

from articles.suggestions import build_vocabulary, story_text  # noqa: E402

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
    rows, seen = [], set()
    while len(rows) < count:
        name = made_up_name(rng)
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        kind = "region" if len(rows) % 3 else "source"
        rows.append((kind, len(rows), name, name))
    return rows


def body_text(rows, words: int, rng: random.Random) -> str:
    out = []
    while len(out) < words:
        if rng.random() < 0.02:
            name = rng.choice(rows)[2]
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
    names = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    words = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(4)
    rows = vocabulary_rows(names, rng)
    body = body_text(rows, words, rng)

    build = median_seconds(lambda: build_vocabulary(rows))
    vocabulary = build_vocabulary(rows)
    match = median_seconds(lambda: vocabulary.find(story_text("Headline", "Standfirst", body)))
    found = len(vocabulary.find(story_text("Headline", "Standfirst", body)))
    print(f"names: {names:,}  body words: {words:,}  distinct names found: {found}")
    print(f"build vocabulary (once per vocabulary version): {build * 1000:.1f} ms (median)")
    print(f"match one body (strip HTML + scan):             {match * 1000:.1f} ms (median)")


if __name__ == "__main__":
    main()
