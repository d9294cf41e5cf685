"""The public site: every reader-facing page shows the right stories and only public ones."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import Region, RelatedStory, Section, Source, Tag
from articles.public.pagination import NewsPaginator
from articles.workflow import publish, unpublish


def _region_count(html: str, slug: str) -> str:
    """The story count the region index prints next to a region's link."""
    return re.search(rf'href="/regions/{slug}/">[^<]+</a>.*?(\d+) stor', html, re.S).group(1)


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# Home and section fronts ------------------------------------------------------------------


def test_it_shows_the_lead_latest_and_a_block_per_section_on_the_home_page(
    client, make_article, sports
):
    now = timezone.now()
    lead = make_article("Ceasefire talks resume in Geneva", when=now - timedelta(minutes=5))
    world_older = [
        make_article(f"World story {n} of the day", when=now - timedelta(hours=n))
        for n in range(1, 12)
    ]
    final = make_article(
        "Cup final goes to penalties", section=sports, when=now - timedelta(days=2)
    )

    response = client.get(reverse("articles:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'id="lead-headline"' in html and lead.headline in html
    # Latest holds the next eight; the older world stories fill the World block; Sports has its own.
    for story in world_older:
        assert story.headline in html
    assert final.headline in html
    assert '<h2 id="section-world"' in html and '<h2 id="section-sports"' in html
    # Each story is shown once: the section blocks skip what the lead and latest already show.
    assert html.count(world_older[0].headline) == 1


def test_it_leads_with_the_newest_story_that_has_a_picture(client, make_article, make_image):
    now = timezone.now()
    pictured = make_article(
        "Flood waters recede in the delta",
        when=now - timedelta(hours=2),
        lead_image=make_image("Flood", alt_text="A street under water"),
    )
    make_article("Newest story, no picture", when=now - timedelta(minutes=1))

    html = client.get(reverse("articles:home")).content.decode()

    lead_section = html.split('id="lead-headline"')[1].split("</h2>")[0]
    assert pictured.headline in lead_section
    assert 'alt="A street under water"' in html


def test_it_lists_a_sections_stories_newest_first(client, make_article, sports):
    old = make_article("Older world story", when=timezone.now() - timedelta(days=3))
    new = make_article("Newer world story", when=timezone.now() - timedelta(hours=1))
    other = make_article("A sports story", section=sports)

    response = client.get(reverse("articles:section", kwargs={"slug": "world"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>World</h1>" in html
    assert html.index(new.headline) < html.index(old.headline)
    assert other.headline not in html
    assert 'aria-current="page">World</a>' in html


def test_it_paginates_listings_twenty_a_page_and_404s_bad_pages(client, make_article):
    now = timezone.now()
    stories = [make_article(f"Dispatch {n:02d}", when=now - timedelta(hours=n)) for n in range(25)]
    url = reverse("articles:section", kwargs={"slug": "world"})

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2, "edition": "uk"}).content.decode()

    assert stories[19].headline in first and stories[20].headline not in first
    assert stories[20].headline in second and stories[19].headline not in second
    assert "Page 1 of 2" in first
    assert 'rel="next" href="?page=2"' in first
    # Other query parameters survive; the first page's link drops ?page= altogether.
    assert 'rel="prev" href="?edition=uk"' in second
    for bad in ("3", "0", "-1", "abc", "99999999999"):
        assert client.get(url, {"page": bad}).status_code == 404


def test_it_stops_counting_at_the_deepest_page_it_offers(client, make_article, monkeypatch):
    monkeypatch.setattr(NewsPaginator, "max_pages", 2)
    for n in range(45):
        make_article(f"Archive story {n}")
    url = reverse("articles:section", kwargs={"slug": "world"})

    last = client.get(url, {"page": 2}).content.decode()

    assert "Page 2<" in last and "Page 2 of" not in last
    assert client.get(url, {"page": 3}).status_code == 404


def test_it_does_not_let_a_section_swallow_the_sites_own_paths():
    for reserved in ("/search/", "/feeds/", "/corrections/", "/tags/"):
        try:
            match = resolve(reserved)
        except Exception:  # Resolver404: nobody serves it yet, which is fine too.
            continue
        assert match.url_name != "section"


# Regions, sources, tags, authors ----------------------------------------------------------


def test_it_shows_the_region_tree_with_rolled_up_counts(client, make_article, regions):
    make_article(regions=[regions["kyiv"]])
    make_article(regions=[regions["kyiv"], regions["kyiv_oblast"]])  # counted once
    make_article(regions=[regions["kramatorsk"]])
    make_article(regions=[regions["luhansk"]], public=False)

    html = client.get(reverse("articles:region_index")).content.decode()

    assert _region_count(html, "ukraine") == "3"
    assert _region_count(html, "kyiv-oblast") == "2"
    assert _region_count(html, "donbas") == "1"  # via its member Donetsk Oblast > Kramatorsk
    assert _region_count(html, "luhansk-oblast") == "0"
    assert _region_count(html, "poland") == "0"
    # Nested: Kyiv sits in a list inside Kyiv Oblast's item.
    assert re.search(r"Kyiv Oblast</a>.*?<ul class=\"region-tree\">.*?Kyiv</a>", html, re.S)


def test_it_rolls_up_stories_on_a_region_page(client, make_article, regions):
    in_kramatorsk = make_article("Shelling in Kramatorsk", regions=[regions["kramatorsk"]])
    in_kyiv = make_article("Metro reopens in Kyiv", regions=[regions["kyiv"]])

    donbas = client.get(reverse("articles:region", kwargs={"slug": "donbas"})).content.decode()
    ukraine = client.get(reverse("articles:region", kwargs={"slug": "ukraine"})).content.decode()
    kyiv = client.get(reverse("articles:region", kwargs={"slug": "kyiv"})).content.decode()

    assert in_kramatorsk.headline in donbas and in_kyiv.headline not in donbas
    assert "Made up of" in donbas and "Donetsk Oblast</a>" in donbas
    assert in_kramatorsk.headline in ukraine and in_kyiv.headline in ukraine
    assert "Places in Ukraine" in ukraine
    assert "Also spelled: Kiev" in kyiv
    crumbs = kyiv.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert crumbs.index("Ukraine") < crumbs.index("Kyiv Oblast")


def test_it_lists_sources_and_a_source_page(client, published, reuters):
    Source.objects.create(name="Ukrinform", slug="ukrinform", kind="agency")

    index = client.get(reverse("articles:source_index")).content.decode()
    page = client.get(reverse("articles:source", kwargs={"slug": "reuters"})).content.decode()

    assert "Reuters</a>" in index and "1 story" in index
    # No public story cites Ukrinform yet: not listed (see test_private_names.py).
    assert "Ukrinform" not in index and "0 stories" not in index
    assert "<h1>Reuters</h1>" in page and "News agency" in page
    assert '<a href="https://www.reuters.com/" rel="noopener"' in page
    assert published.headline in page


def test_it_lists_tags_a_to_z_with_counts_of_published_stories(client, make_article):
    make_article(tags=["Energy", "Elections"])
    make_article(tags=["Energy", "ukraine", "2024 vote"])

    html = client.get(reverse("articles:tag_index")).content.decode()

    headings = re.findall(r'<h2 id="letter-\d+" class="block-heading">(.+?)</h2>', html)
    assert headings == ["#", "E", "U"]
    assert re.search(r'href="/tags/energy/">Energy</a> <span class="count">2', html)
    assert re.search(r'href="/tags/elections/">Elections</a> <span class="count">1', html)


def test_it_shows_a_tag_page_with_its_description(client, published):
    Tag.objects.filter(slug="energy").update(description="Power, fuel and the grid.")

    html = client.get(reverse("articles:tag", kwargs={"slug": "energy"})).content.decode()

    assert "<h1>Energy</h1>" in html
    assert "Power, fuel and the grid." in html
    assert published.headline in html


def test_it_shows_an_author_page_with_bio_and_bylined_stories(
    client, make_article, reporter_author
):
    bylined = make_article("Bylined story", authors=[reporter_author])
    hidden = make_article("Agency story", authors=[reporter_author], byline_override="Agencies")

    html = client.get(
        reverse("articles:author", kwargs={"slug": reporter_author.slug})
    ).content.decode()

    assert "<h1>Olena Kovalenko</h1>" in html
    assert "Kyiv correspondent" in html and "Covers the war from Kyiv." in html
    assert bylined.headline in html
    assert hidden.headline not in html


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-section/",
        "/regions/atlantis/",
        "/sources/nobody/",
        "/tags/nothing/",
        "/authors/nobody/",
        "/world/2026/01/01/no-such-story/",
    ],
)
def test_it_answers_404_for_unknown_addresses(client, world, url):
    assert client.get(url).status_code == 404


def test_it_renders_a_friendly_404_page(client, world):
    response = client.get("/regions/atlantis/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "We can’t find that page" in html
    assert 'name="q"' in html
    assert '<main id="main"' in html


def test_it_renders_the_500_page_without_touching_the_database(rf, db, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


# Nothing unpublished, anywhere ----------------------------------------------------------------

HIDDEN_HEADLINES = ("SECRET DRAFT", "SCHEDULED", "WITHDRAWN")
HIDDEN_TAGS = ("Embargoed topic", "Future topic", "Withdrawn topic")


@pytest.fixture
def mixed_newsroom(published, draft, scheduled, withdrawn, regions):
    # Pin every hidden story on the public one: More Stories must still leave them out.
    for position, hidden in enumerate((draft, scheduled, withdrawn)):
        RelatedStory.objects.create(article=published, related=hidden, position=position)
    return {"published": published, "hidden": [draft, scheduled, withdrawn]}


PUBLIC_PAGES = [
    ("articles:home", {}),
    ("articles:section", {"slug": "world"}),
    ("articles:region_index", {}),
    ("articles:region", {"slug": "kyiv"}),
    ("articles:region", {"slug": "ukraine"}),
    ("articles:source_index", {}),
    ("articles:source", {"slug": "reuters"}),
    ("articles:tag_index", {}),
    ("articles:tag", {"slug": "energy"}),
    ("articles:author", {"slug": "olena-kovalenko"}),
    ("published-article", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_it_never_shows_unpublished_stories_or_their_tags(client, mixed_newsroom, name, kwargs):
    story = mixed_newsroom["published"]
    url = story.get_absolute_url() if name == "published-article" else reverse(name, kwargs=kwargs)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert story.headline in html or name == "articles:region_index" or name.endswith("_index")
    for secret in HIDDEN_HEADLINES + HIDDEN_TAGS:
        assert secret not in html
    for hidden in mixed_newsroom["hidden"]:
        assert hidden.slug not in html


def test_it_answers_404_for_unpublished_stories_and_their_private_tags(client, mixed_newsroom):
    for hidden in mixed_newsroom["hidden"]:
        # A withdrawn story's own address says Gone (410); drafts and scheduled ones do not exist.
        expected = 410 if hidden.status == "unpublished" else 404
        assert client.get(hidden.get_absolute_url()).status_code == expected
    for name in HIDDEN_TAGS:
        slug = Tag.objects.get(name=name).slug
        assert client.get(reverse("articles:tag", kwargs={"slug": slug})).status_code == 404


def test_it_shows_a_scheduled_story_once_its_time_comes(client, scheduled, time_machine):
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    time_machine.move_to(scheduled.published_at + timedelta(minutes=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_it_hides_a_story_as_soon_as_it_is_withdrawn(client, published):
    url = published.get_absolute_url()
    assert client.get(url).status_code == 200
    published.status = "unpublished"
    published.save()
    assert client.get(url).status_code == 410
    publish(published)
    assert client.get(published.get_absolute_url()).status_code == 200


def test_it_updates_index_counts_as_soon_as_a_story_is_withdrawn(client, make_article, regions):
    story = make_article(regions=[regions["kyiv"]], tags=["Blackout inquiry"])
    make_article(regions=[regions["kyiv"]])
    tags_url, regions_url = reverse("articles:tag_index"), reverse("articles:region_index")
    assert "Blackout inquiry" in client.get(tags_url).content.decode()
    assert _region_count(client.get(regions_url).content.decode(), "kyiv") == "2"

    unpublish(story)

    assert "Blackout inquiry" not in client.get(tags_url).content.decode()
    assert _region_count(client.get(regions_url).content.decode(), "kyiv") == "1"


def test_it_counts_a_scheduled_story_once_it_goes_live(client, scheduled, time_machine):
    url = reverse("articles:tag_index")
    assert "Future topic" not in client.get(url).content.decode()

    time_machine.move_to(scheduled.published_at + timedelta(minutes=1))

    assert "Future topic" in client.get(url).content.decode()


def test_it_shows_regions_and_sections_in_the_navigation(client, world, sports):
    Section.objects.create(name="Opinion", slug="opinion", order=3)
    Region.objects.create(name="Moldova", slug="moldova", kind="country")

    html = client.get(reverse("articles:region_index")).content.decode()

    nav = html.split('aria-label="Sections"')[1].split("</nav>")[0]
    assert nav.index("World") < nav.index("Sports") < nav.index("Opinion")
    assert "Moldova</a>" in html
    assert 'href="/feeds/latest/rss/"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html


def test_it_stops_counting_a_story_a_superuser_deletes(client, admin_client, make_article, regions):
    # The deleted story is not the latest saved, so the archive's newest save does not move.
    story = make_article(regions=[regions["poland"]], when=timezone.now() - timedelta(hours=2))
    make_article(regions=[regions["poland"]])
    assert "2 stories" in client.get("/regions/").content.decode()

    response = admin_client.post(f"/admin/articles/article/{story.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert "2 stories" not in client.get("/regions/").content.decode()
