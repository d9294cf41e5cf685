"""The shape of a synthetic newsroom archive: its vocabularies and its stories, as plain rows.

Real archives are lopsided, and a benchmark on a flat one measures the wrong thing: here a
few desks, countries, sources and tags carry most stories (Zipf-like weights) while
thousands of tags are used a handful of times. Stories are numbered oldest first, so ids grow
with publish times as they do in a newsroom, about 200 a day. Everything is drawn from one
seeded generator, so two runs with the same seed build the same archive.

Nothing here touches the database: `bench/generate.py` loads the rows.
"""

import itertools
import json
import random
from dataclasses import dataclass, field
from datetime import timedelta

from articles.models.names import name_key
from articles.stories.derived import reading_minutes

# Words readers search for. COMMON words are in nearly every story; NEWS words in many.
COMMON = (
    "said officials people city government week year new two first last their have been "
    "would could after from with also about more than other since under while"
).split()
NEWS = (
    "minister council shelling front grid harvest league final market rates court election "
    "border talks ceasefire drone port grain summit coach transfer season museum festival "
    "budget strike flood vaccine refinery railway bridge parliament prosecutor tariff"
).split()
SYLLABLES = "ko va mi da se to lu re ni pa bo zu ka le ri mo ta".split()
# First syllables of names: most letters of the alphabet, so the tags index has ~25 initials.
FIRST_SYLLABLES = SYLLABLES + "a e i o u ba ce fi ga ho ja we ya ci gu ha fe".split()
# 4,913 medium-rare words (each in ~1 in 5,000 stories) and 83,521 rare ones (~1 in 25,000).
MEDIUM_RARE = ["".join(p) + "sk" for p in itertools.product(SYLLABLES, repeat=3)]
RARE = ["".join(p) + "sk" for p in itertools.product(SYLLABLES, repeat=4)]
# Tag names in a few scripts, so that the A–Z index has more than Latin initials.
FOREIGN_TAGS = ["Київ", "Харків", "Straße", "Ölpreis", "Élection", "Øresund", "Łódź", "Ζάκυνθος"]

STORIES_PER_DAY = 200
SENTENCE_POOL = 20_000

# Shares of stories that are not simply live (the rest are published and public).
DRAFT_SHARE = 0.012
REVIEW_SHARE = 0.004
WITHDRAWN_SHARE = 0.003
SCHEDULED = 40  # stories waiting for a publish time in the next days
EMBARGOED = 25  # stories published but held back by an embargo


def zipf_weights(n: int, exponent: float = 1.0, offset: int = 0) -> list[float]:
    """Cumulative weights of a Zipf-like distribution over n ranks (rank 0 the biggest); an
    offset flattens the head (Zipf–Mandelbrot)."""
    return list(itertools.accumulate(1 / (rank + 1 + offset) ** exponent for rank in range(n)))


def word_name(rng: random.Random, syllables: int) -> str:
    rest = "".join(rng.choice(SYLLABLES) for _ in range(syllables - 1))
    return (rng.choice(FIRST_SYLLABLES) + rest).capitalize()


@dataclass
class Vocabularies:
    """Every named thing stories are filed under; ids are assigned here, from 1."""

    sections: list[tuple] = field(default_factory=list)  # (id, name, slug, order)
    regions: list[dict] = field(default_factory=list)  # id, name, slug, kind, parent, path
    groupings: list[tuple] = field(default_factory=list)  # (grouping id, member id)
    sources: list[tuple] = field(default_factory=list)  # (id, name, slug, kind)
    authors: list[tuple] = field(default_factory=list)  # (id, name, slug)
    tags: list[tuple] = field(default_factory=list)  # (id, name, slug), biggest first
    # For drawing: region ids a story is filed under, by country, with weights.
    places_by_country: list[list[int]] = field(default_factory=list)

    def listed_on(self) -> dict[int, set[int]]:
        """{region id: ids of the regions whose pages list a story filed under it}: itself,
        the regions above it (the ids in its path) and the groupings of any of those — the
        rule `articles.taxonomy.regions.refresh_listings` applies."""
        groupings_of = {}
        for grouping, member in self.groupings:
            groupings_of.setdefault(member, set()).add(grouping)
        closure = {}
        for region in self.regions:
            above = {int(part) for part in region["path"].split("/") if part}
            closure[region["id"]] = above.union(*(groupings_of.get(r, ()) for r in above))
        return closure


def build_vocabularies(rng: random.Random, total: int) -> Vocabularies:
    """Sections, a region tree with groupings, sources, authors and a long tail of tags,
    sized for an archive of `total` stories."""
    v = Vocabularies()
    v.sections = [(i + 1, f"Desk {i}", f"desk-{i}", i) for i in range(10)]
    _build_regions(rng, v)
    kinds = ["agency", "broadcaster", "newspaper", "government", "social", "other"]
    v.sources = [
        (
            i + 1,
            f"{word_name(rng, 3)} {rng.choice(['News', 'Press', 'Times', 'Radio'])} {i}",
            f"source-{i}",
            kinds[min(i // 5, 5)] if i < 30 else rng.choice(kinds),
        )
        for i in range(max(50, min(400, total // 1000)))
    ]
    v.authors = [
        (i + 1, f"{word_name(rng, 2)} {word_name(rng, 3)}", f"reporter-{i}")
        for i in range(max(50, min(250, total // 2000)))
    ]
    tag_count = max(2000, total // 50)
    names, seen = [], set()
    for name in FOREIGN_TAGS:
        seen.add(name_key(name))
    while len(names) < tag_count - len(FOREIGN_TAGS):
        name = word_name(rng, rng.choice([2, 3, 3, 4]))
        if rng.random() < 0.3:
            name += " " + word_name(rng, 2).lower()
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    # The foreign names land in the middle of the distribution, not at its head or tail.
    for n, name in enumerate(FOREIGN_TAGS):
        names.insert(50 + 97 * n, name)
    v.tags = [(i + 1, name, f"topic-{i}") for i, name in enumerate(names)]
    return v


def _build_regions(rng: random.Random, v: Vocabularies) -> None:
    """40 countries > 3–20 provinces each > 2–8 cities each; groupings of provinces inside a
    country (like Donbas) and a few across borders (like the Baltic states)."""
    next_id = itertools.count(1)

    def add(name, slug, kind, parent=None):
        region_id = next(next_id)
        path = f"{parent['path'] if parent else ''}{region_id}/"
        region = {
            "id": region_id,
            "name": name,
            "slug": slug,
            "kind": kind,
            "parent_id": parent["id"] if parent else None,
            "path": path,
            "depth": path.count("/") - 1,
        }
        v.regions.append(region)
        return region

    provinces_n = cities_n = groupings_n = 0
    countries = []
    for c in range(40):
        country = add(f"{word_name(rng, 3)}ia", f"country-{c}", "country")
        countries.append(country)
        places = [country["id"]]
        provinces = []
        for _ in range(rng.randint(3, 20)):
            province = add(
                f"{word_name(rng, 3)} Province", f"province-{provinces_n}", "province", country
            )
            provinces_n += 1
            provinces.append(province)
            places.append(province["id"])
            for _ in range(rng.randint(2, 8)):
                city = add(
                    f"{word_name(rng, 2)}{rng.choice(['ov', 'grad', 'burg', 'ville'])}",
                    f"city-{cities_n}",
                    "city",
                    province,
                )
                cities_n += 1
                places += [city["id"]] * 3  # stories are filed under cities most often
        if len(provinces) >= 6 and c % 4 == 0:
            grouping = add(
                f"{word_name(rng, 2)} Basin", f"grouping-{groupings_n}", "grouping", country
            )
            groupings_n += 1
            v.groupings += [(grouping["id"], p["id"]) for p in rng.sample(provinces, 3)]
        v.places_by_country.append(places)
    for _ in range(3):
        grouping = add(f"{word_name(rng, 2)} States", f"grouping-{groupings_n}", "grouping")
        groupings_n += 1
        v.groupings += [(grouping["id"], c["id"]) for c in rng.sample(countries[5:], 3)]


@dataclass
class Draws:
    """Precomputed cumulative weights for the lopsided choices."""

    sections: list[float]
    countries: list[float]
    sources: list[float]
    authors: list[float]
    tags: list[float]


class StoryMaker:
    """Builds story rows (and their relations) one after another, oldest first."""

    def __init__(self, rng: random.Random, v: Vocabularies, total: int, now):
        self.rng, self.v, self.total, self.now = rng, v, total, now
        self.draws = Draws(
            sections=zipf_weights(len(v.sections), 0.8),
            countries=zipf_weights(len(v.places_by_country), 1.1),
            sources=zipf_weights(len(v.sources), 1.2),
            authors=zipf_weights(len(v.authors), 0.7),
            # At a million stories: the biggest tag on ~15%, the 100th on ~6,000, the median on
            # ~11 and the smallest on a handful.
            tags=zipf_weights(len(v.tags), 1.4, offset=10),
        )
        self.sentences = [self._sentence() for _ in range(SENTENCE_POOL)]
        span = timedelta(days=total / STORIES_PER_DAY)
        self.start = now - span - timedelta(minutes=10)
        self.step = span / total
        # Which story numbers are not simply live (drawn once, so the shares are exact).
        numbers = range(total)
        hidden = rng.sample(numbers, int(total * (DRAFT_SHARE + REVIEW_SHARE + WITHDRAWN_SHARE)))
        drafts = int(total * DRAFT_SHARE)
        reviews = int(total * REVIEW_SHARE)
        self.status_of = {n: "draft" for n in hidden[:drafts]}
        self.status_of.update({n: "review" for n in hidden[drafts : drafts + reviews]})
        self.status_of.update({n: "unpublished" for n in hidden[drafts + reviews :]})
        newest = [n for n in range(total - 1, -1, -1) if n not in self.status_of]
        self.scheduled = set(newest[:SCHEDULED])
        self.embargoed = set(newest[SCHEDULED : SCHEDULED + EMBARGOED])

    def _sentence(self) -> str:
        rng = self.rng
        words = [
            rng.choice(COMMON) if roll < 0.6 else rng.choice(NEWS)
            for roll in (rng.random() for _ in range(rng.randint(9, 17)))
        ]
        return " ".join(words).capitalize() + "."

    def _pick(self, population, weights, k):
        """k distinct items, drawn by weight."""
        chosen = []
        while len(chosen) < k:
            (item,) = self.rng.choices(population, cum_weights=weights)
            if item not in chosen:
                chosen.append(item)
        return chosen

    def story(self, n: int) -> dict:
        """Story number n (0 is the oldest): its row and its relations."""
        rng, v, d = self.rng, self.v, self.draws
        story_id = n + 1
        when = self.start + self.step * n + timedelta(seconds=rng.randint(-600, 600))
        status = self.status_of.get(n, "published")
        published_at = first_published_at = embargo_until = None
        if status in ("published", "unpublished"):
            published_at = first_published_at = when
        if n in self.scheduled:
            published_at = first_published_at = self.now + timedelta(hours=rng.randint(1, 96))
        elif n in self.embargoed:
            embargo_until = self.now + timedelta(hours=rng.randint(1, 48))
            first_published_at = embargo_until
        elif status == "review" and rng.random() < 0.5:
            published_at = when  # a time already chosen, waiting for an editor
        paragraphs = [" ".join(rng.choice(self.sentences) for _ in range(3)) for _ in range(5)]
        rare = [rng.choice(RARE) for _ in range(3)] + [rng.choice(MEDIUM_RARE)]
        for word in rare:
            p = rng.randrange(len(paragraphs))
            paragraphs[p] = f"{paragraphs[p]} {word.capitalize()} {rng.choice(NEWS)}."
        headline_words = [rng.choice(NEWS) for _ in range(rng.randint(4, 8))]
        headline_words.insert(rng.randrange(len(headline_words)), rng.choice(RARE))
        country = rng.choices(v.places_by_country, cum_weights=d.countries)[0]
        regions = sorted({rng.choice(country) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))})
        override = rng.random() < 0.05
        authors = [] if override else self._pick(v.authors, d.authors, rng.choice([1, 1, 1, 2]))
        updated_at = None
        if published_at and status == "published" and rng.random() < 0.05:
            updated_at = min(published_at + timedelta(hours=rng.randint(1, 30)), self.now)
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return {
            "row": {
                "id": story_id,
                "headline": " ".join(headline_words).capitalize(),
                "slug": f"story-{n}",
                "standfirst": rng.choice(self.sentences),
                "body": body,
                # What articles.stories.derived stores at save time; COPY takes JSON as text.
                "credited": json.dumps([{"name": a[1], "slug": a[2]} for a in authors]),
                "reading_minutes": reading_minutes(body),
                "section_id": rng.choices(v.sections, cum_weights=d.sections)[0][0],
                "byline_override": "Agencies" if override else "",
                "dateline": "",
                # Pictures are library rows with files; the generated archive has none.
                "lead_image_id": None,
                "status": status,
                "published_at": published_at,
                "embargo_until": embargo_until,
                "first_published_at": first_published_at,
                "updated_at": updated_at,
                "language": "en",
                "version": rng.randint(1, 6),
                "created_at": when - timedelta(minutes=rng.randint(5, 300)),
                "modified_at": updated_at or when,
                "created_by_id": None,
            },
            "regions": regions,
            "sources": [
                s[0] for s in self._pick(v.sources, d.sources, rng.choice([0, 1, 1, 1, 2, 3]))
            ],
            "tags": [t[0] for t in self._pick(v.tags, d.tags, rng.randint(2, 6))],
            "authors": [a[0] for a in authors],
        }
