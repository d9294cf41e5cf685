"""The index pages of a large newsroom: a vocabulary of thousands of tags is listed one first
letter at a time, a gazetteer of thousands of places by its top two levels — each page
bounded, counted right, and naming nothing only unpublished stories use."""

import pytest
from django.urls import reverse

from articles.models import Region, RegionKind
from articles.public.views import directories, places


@pytest.fixture
def many_tags(monkeypatch, make_article):
    """A vocabulary "too large" for one page: at most two tags a page."""
    monkeypatch.setattr(directories, "TAGS_PER_PAGE", 2)
    make_article(tags=["Energy", "Elections", "Economy"])
    make_article(tags=["Energy", "ukraine", "2024 vote"])
    make_article(tags=["Zeppelin secret", "Energy"], public=False)


def links(html: str) -> str:
    return html[html.index('class="letter-nav"') :].split("</nav>")[0]


def test_it_lists_a_large_vocabulary_one_letter_at_a_time(client, many_tags):
    html = client.get(reverse("articles:tag_index")).content.decode()

    assert ">#</a>" in links(html) and ">E</a>" in links(html) and ">U</a>" in links(html)
    # The first letter's tags, and no other letter's.
    assert '>2024 vote</a> <span class="count">1<' in html
    assert "Energy" not in html and "ukraine" not in html


def test_it_counts_a_letters_tags_and_pages_through_them(client, many_tags):
    url = reverse("articles:tag_index")

    first = client.get(url, {"letter": "E"}).content.decode()
    second = client.get(url, {"letter": "E", "page": 2}).content.decode()

    assert ">Economy</a>" in first and ">Elections</a>" in first
    assert '>Energy</a> <span class="count">2<' in second  # the draft is not counted
    assert 'rel="prev"' in second
    assert client.get(url, {"letter": "E", "page": 3}).status_code == 404


def test_it_names_no_letter_only_unpublished_stories_tags_start_with(client, many_tags):
    url = reverse("articles:tag_index")

    assert ">Z</a>" not in links(client.get(url).content.decode())
    assert client.get(url, {"letter": "Z"}).status_code == 404
    assert client.get(url, {"letter": "Q"}).status_code == 404


def test_it_keeps_a_letter_page_within_a_fixed_query_budget(
    client, many_tags, make_article, django_assert_max_num_queries
):
    url = reverse("articles:tag_index")
    # 4, and 1 for the breaking-news banner.
    with django_assert_max_num_queries(5):
        assert client.get(url, {"letter": "E"}).status_code == 200
    for n in range(10):
        make_article(tags=[f"Energy policy {n}", f"Exports {n}"])
    with django_assert_max_num_queries(5):
        assert client.get(url, {"letter": "E"}).status_code == 200


def test_it_shows_a_large_place_tree_by_its_top_two_levels(
    client, monkeypatch, make_article, regions
):
    monkeypatch.setattr(places, "WHOLE_TREE_REGIONS", 3)
    make_article(regions=[regions["kyiv"]])
    make_article(regions=[regions["kramatorsk"]])

    html = client.get(reverse("articles:region_index")).content.decode()

    tree = html[html.index('class="region-tree"') :]
    assert ">Ukraine</a>" in tree and ">Kyiv Oblast</a>" in tree and ">Donbas</a>" in tree
    assert ">Kyiv</a>" not in tree and ">Kramatorsk</a>" not in tree
    assert "listed on their province" in html
    ukraine = tree[tree.index(">Ukraine</a>") :]
    assert '<span class="count">2 stories' in ukraine.split("<ul")[0]
    # The province's page lists the places within it.
    assert ">Kyiv</a>" in client.get(regions["kyiv_oblast"].get_absolute_url()).content.decode()


def test_it_shows_a_small_place_tree_whole(client, regions):
    html = client.get(reverse("articles:region_index")).content.decode()

    assert Region.objects.filter(kind=RegionKind.CITY).count() == 2
    assert ">Kyiv</a>" in html and ">Kramatorsk</a>" in html
    assert "listed on their province" not in html
