"""Every public page runs a fixed number of SQL queries, whatever the amount of data.

Each page is measured with 3 stories and again with 30 (every story with authors, tags,
regions, a source, a correction, a lead image and pinned related stories) and must stay
within the same budget. The counts are printed (`pytest -s`) for the team's table.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Correction, RelatedStory, Source

SMALL, LARGE = 3, 30

# page → (URL name, kwargs, budget). Budgets are the measured counts: a page that starts
# querying per row (or per section, region, tag…) fails at the larger size.
PAGES = {
    "home": ("articles:home", {}, 3),
    "section": ("articles:section", {"slug": "world"}, 4),
    # +1: More Stories, pins apart from the fill (see articles/related.py).
    "article": ("article", {}, 6),
    "region index": ("articles:region_index", {}, 5),
    "region (country)": ("articles:region", {"slug": "ukraine"}, 8),
    "region (city, with ancestors)": ("articles:region", {"slug": "kyiv"}, 9),
    "region (grouping)": ("articles:region", {"slug": "donbas"}, 9),
    "source index": ("articles:source_index", {}, 4),
    # +1: the source's alternative names ("Also known as").
    "source": ("articles:source", {"slug": "reuters"}, 5),
    "tag index": ("articles:tag_index", {}, 4),
    # +1: the tag's pinned stories.
    "tag": ("articles:tag", {"slug": "energy"}, 5),
    "author": ("articles:author", {"slug": "olena-kovalenko"}, 4),
}


@pytest.fixture
def grow_newsroom(make_article, sports, regions, reuters, reporter_author):
    """Call with a total number of stories; adds stories until there are that many."""
    colleague = Author.objects.create(name="Ivan Petrenko", slug="ivan-petrenko")
    agency = Source.objects.create(name="Ukrinform", slug="ukrinform", kind="agency")
    places = [regions["kyiv"], regions["kramatorsk"], regions["luhansk"], regions["poland"]]
    stories = []

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
                lead_image=f"lead/2026/01/budget-{n}.jpg",
                lead_image_alt="A power station",
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
    assert len(deeper) == len(first)
