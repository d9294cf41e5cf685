"""Search: readers find published stories by their words, and nothing else."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone


def found(response):
    """The headlines on a results page, in order (from the cards' headline links)."""
    assert response.status_code == 200
    html = response.content.decode()
    headlines = []
    for chunk in html.split('class="card__headline"><a href="')[1:]:
        headlines.append(chunk.split('">', 1)[1].split("</a>", 1)[0])
    return headlines


def test_it_finds_stories_by_headline_words(client, published, make_article):
    make_article("Grain exports resume from Odesa", body="<p>Ships left the port.</p>")

    assert found(client.get("/search/", {"q": "grain"})) == ["Grain exports resume from Odesa"]


def test_it_finds_stories_by_body_and_standfirst_words(client, make_article):
    make_article("Ships leave port", body="<p>The convoy sailed past minesweepers.</p>")
    make_article("Talks stall", standfirst="Negotiators blame the weather.")

    assert found(client.get("/search/", {"q": "minesweepers"})) == ["Ships leave port"]
    assert found(client.get("/search/", {"q": "negotiators"})) == ["Talks stall"]


def test_it_needs_every_word_to_match(client, make_article):
    make_article("Power restored in Kyiv")
    make_article("Power cut in Lviv")

    assert found(client.get("/search/", {"q": "power kyiv"})) == ["Power restored in Kyiv"]
    assert found(client.get("/search/", {"q": "power zanzibar"})) == []


def test_it_never_finds_unpublished_stories(client, published, draft, scheduled, withdrawn):
    response = client.get("/search/", {"q": "kyiv"})

    assert found(response) == [published.headline]
    for hidden in ("SECRET DRAFT", "SCHEDULED", "WITHDRAWN"):
        assert hidden not in response.content.decode()


def test_it_escapes_the_query_it_echoes(client, published):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_it_asks_for_words_when_the_query_is_empty(client, published):
    for query in ({}, {"q": ""}, {"q": "   "}):
        response = client.get("/search/", query)

        assert found(response) == []
        assert "Type a few words" in response.content.decode()


def test_it_says_so_when_nothing_matches(client, published):
    response = client.get("/search/", {"q": "zanzibar"})

    assert found(response) == []
    assert "No published stories match “zanzibar”" in response.content.decode()


def test_it_survives_very_long_and_odd_queries(client, published):
    for query in ("kyiv " * 2000, "kyiv\x00power", "'\"&|!():*", "—"):
        assert client.get("/search/", {"q": query}).status_code == 200

    assert found(client.get("/search/", {"q": "power " + "x" * 500})) == []
    assert found(client.get("/search/", {"q": "kyiv\x00power"})) == [published.headline]


def test_it_tells_search_engines_not_to_index_results(client, db):
    assert (
        '<meta name="robots" content="noindex">' in client.get("/search/?q=kyiv").content.decode()
    )


def test_it_pages_results_and_keeps_the_query_in_links(client, make_article):
    for n in range(25):
        make_article(f"Harvest report {n}")

    first = client.get("/search/", {"q": "harvest"})
    second = client.get("/search/", {"q": "harvest", "page": "2"})

    assert len(found(first)) == 20
    assert len(found(second)) == 5
    assert 'href="?q=harvest&amp;page=2"' in first.content.decode()
    assert "25 stories match" in first.content.decode()
    assert client.get("/search/", {"q": "harvest", "page": "nonsense"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_it_matches_word_forms_and_ranks_headlines_first(client, make_article):
    make_article("Ministers meet", body="<p>They discussed restoring the grid.</p>")
    make_article("Grid restored after strikes")

    assert found(client.get("/search/", {"q": "restore grid"})) == [
        "Grid restored after strikes",
        "Ministers meet",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_it_answers_searches_from_the_stored_document_and_its_index(make_article):
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Article
    from articles.search.full_text import StoredDocument, text_search_config

    make_article("Grid restored after strikes", body="<p>Engineers worked all night.</p>")
    make_article("Ministers meet")
    matching = Article.objects.alias(document=StoredDocument()).filter(
        document=SearchQuery("engineer", config=text_search_config())
    )
    assert [story.headline for story in matching] == ["Grid restored after strikes"]
    with connection.cursor() as cursor:
        # A tiny table would be scanned anyway: leave the planner only bitmap scans, and the
        # GIN index is the only index that can answer the text condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert "article_document_idx" in matching.explain()


@pytest.mark.parametrize("count", [3, 30])
def test_it_searches_in_fixed_queries(
    client, make_article, reporter_author, django_assert_max_num_queries, count
):
    for n in range(count):
        make_article(f"Harvest report {n}", authors=[reporter_author], tags=["Farming"])

    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": "harvest"})

    assert len(found(response)) == min(count, 20)


def test_it_ranks_only_the_newest_matches(client, make_article, monkeypatch):
    monkeypatch.setattr("articles.search.full_text.MAX_RESULTS", 3)
    now = timezone.now()
    for hours in range(5):
        make_article(f"Harvest report {hours}", when=now - timedelta(hours=hours + 1))

    results = found(client.get("/search/", {"q": "harvest"}))

    assert sorted(results) == ["Harvest report 0", "Harvest report 1", "Harvest report 2"]
