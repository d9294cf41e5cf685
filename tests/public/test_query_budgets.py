"""Every public page runs a fixed number of SQL queries, whatever the amount of data.

Each page is measured with 3 stories and again with 30 (every story with authors, tags,
regions, a source, a correction, a lead image and pinned related stories) and must stay
within the same budget. The counts are printed (`pytest -s`) for the team's table.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Correction, RelatedStory, Source, Tag

SMALL, LARGE = 3, 30

# page → (URL name, kwargs, budget). Budgets are the measured counts: a page that starts
# querying per row (or per section, region, tag…) fails at the larger size. Every page counts
# one query for the breaking-news banner (rendered once per edition when fragments are cached,
# as in production), and the home page and a section's first page one for their curated front
# (the automatic front follows when they have none). The home page, section pages and stories
# count one more for the newsletters the sign-up block offers (rendered once per edition too).
# The home page counts one more for the key events of live coverage running now.
PAGES = {
    "home": ("articles:home", {}, 7),
    "section": ("articles:section", {"slug": "world"}, 7),
    # +1: More Stories, pins apart from the fill (see articles/stories/related.py).
    "article": ("article", {}, 9),
    "region index": ("articles:region_index", {}, 6),
    "region (country)": ("articles:region", {"slug": "ukraine"}, 9),
    "region (city, with ancestors)": ("articles:region", {"slug": "kyiv"}, 10),
    "region (grouping)": ("articles:region", {"slug": "donbas"}, 10),
    "source index": ("articles:source_index", {}, 5),
    # +1: the source's alternative names ("Also known as").
    "source": ("articles:source", {"slug": "reuters"}, 6),
    "tag index": ("articles:tag_index", {}, 5),
    # +1: the tag's pinned stories.
    "tag": ("articles:tag", {"slug": "energy"}, 6),
    "author": ("articles:author", {"slug": "olena-kovalenko"}, 5),
    # The page, its sources, regions, tags and corrections, the archive's last change.
    "ninjs API list": ("articles:api_ninjs", {}, 6),
}


@pytest.fixture
def grow_newsroom(make_article, sports, regions, reuters, reporter_author, make_image):
    """Call with a total number of stories; adds stories until there are that many."""
    colleague = Author.objects.create(name="Ivan Petrenko", slug="ivan-petrenko")
    agency = Source.objects.create(name="Ukrinform", slug="ukrinform", kind="agency")
    places = [regions["kyiv"], regions["kramatorsk"], regions["luhansk"], regions["poland"]]
    stories = []
    # Two pictures, each shared by many stories (as a library image is reused).
    pictures = [make_image("Power station"), make_image("Pylon", colour=(160, 60, 30))]

    def grow(total):
        while len(stories) < total:
            n = len(stories)
            story = make_article(
                f"Budget story {n}",
                section=sports if n % 3 == 2 else None,
                when=timezone.now() - timedelta(hours=n + 1),
                regions=[places[n % 4], places[(n + 1) % 4]],
                sources=[reuters, agency],
                authors=[reporter_author, colleague],
                tags=["Energy", f"Topic {n % 7}", f"Zone {n % 5}"],
                lead_image=pictures[n % 2],
            )
            Correction.objects.create(article=story, text=f"Corrected figure {n}.")
            for position, earlier in enumerate(stories[-2:]):
                RelatedStory.objects.create(article=story, related=earlier, position=position)
            stories.append(story)
        return stories

    return grow


def _url(name, kwargs, stories):
    # The article measured is the newest one: it has pins, neighbours and a correction.
    return stories[-1].get_absolute_url() if name == "article" else reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("page", PAGES)
def test_it_keeps_every_public_page_within_a_fixed_query_budget(
    client, grow_newsroom, django_assert_max_num_queries, page
):
    name, kwargs, budget = PAGES[page]
    counts = []
    for size in (SMALL, LARGE):
        stories = grow_newsroom(size)
        url = _url(name, kwargs, stories)
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    # (The small newsroom may run fewer: Django skips a prefetch when there is nothing to
    # prefetch for, e.g. no section blocks yet on a three-story home page.)
    print(f"\n{page:32} {SMALL} stories: {counts[0]:2} queries   {LARGE} stories: {counts[1]:2}")


def test_it_keeps_a_deeper_listing_page_as_cheap_as_the_first(
    client, grow_newsroom, django_assert_max_num_queries, make_article
):
    grow_newsroom(LARGE)
    for n in range(25):
        make_article(f"Older world story {n}", when=timezone.now() - timedelta(days=10 + n))
    url = reverse("articles:section", kwargs={"slug": "world"})

    with django_assert_max_num_queries(PAGES["section"][2]) as first:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PAGES["section"][2]) as deeper:
        assert client.get(url, {"page": 2}).status_code == 200
    # (The first page also looks for the desk's curated front; deeper pages do not show one.)
    assert len(deeper) <= len(first)


# A curated front costs the same however many slots and stories it has: the live
# arrangement's slots (1), every story it shows (1), the navigation (1), the banner (1); a
# section front adds the section itself and its list below (subject, count, page: 3); the
# home page adds the key events of live coverage running now (1).
CURATED = {"home": ("articles:home", {}, 6), "section": ("articles:section", {"slug": "world"}, 8)}


def _arrangement(stories, size, sports, regions):
    """`size` slots: a pinned lead, then top stories, pins, and blocks by section, tag and
    region (one that may repeat stories), round-robin."""
    slots = [{"kind": "lead", "story": stories[-1], "fill": "latest"}]
    kinds = [
        {"kind": "top", "fill": "latest", "count": 3},
        {"kind": "top", "story": None, "fill": "none"},
        {"fill": "section", "section": sports, "count": 4},
        {"fill": "tag", "tag": None, "count": 4},
        {"fill": "region", "region": regions["ukraine"], "count": 4, "allow_duplicates": True},
    ]
    energy = Tag.objects.get(name="Energy")
    for n in range(size - 1):
        slot = dict(kinds[n % len(kinds)])
        if "story" in slot:
            slot["story"] = stories[n % len(stories)]
        if "tag" in slot:
            slot["tag"] = energy
        slots.append(slot)
    return slots


@pytest.mark.parametrize("page", CURATED)
def test_it_renders_a_curated_front_within_a_fixed_query_budget(
    client,
    grow_newsroom,
    arrange_front,
    sports,
    world,
    regions,
    django_assert_max_num_queries,
    page,
):
    name, kwargs, budget = CURATED[page]
    section = world if page == "section" else None
    counts = []
    for stories, slots in ((SMALL, 3), (LARGE, 15)):
        grown = grow_newsroom(stories)
        arrange_front(*_arrangement(grown, slots, sports, regions), section=section)
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="curated-front"' in html
        # Every story shown, not merely the lead: the larger front shows many more.
        assert html.count('class="card__headline"') >= (2 if stories == SMALL else 20)
        counts.append(len(captured))
    print(
        f"\ncurated {page:24} {SMALL} stories, 3 slots: {counts[0]:2} queries   "
        f"{LARGE} stories, 15 slots: {counts[1]:2}"
    )
