"""The editors' article list, built to stay quick on a million stories: filters that offer what
the newest stories use instead of counting every link, a search through the full-text index
(PostgreSQL), a year filter in place of the date hierarchy, and a capped count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.admin.article import filters
from articles.admin.article import screen as article_admin
from articles.models import Source

LIST_URL = "/admin/articles/article/"


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def sidebar(html: str, title: str) -> str:
    return html[html.index(f"By {title}") :].split("</ul>")[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_it_searches_the_list_through_the_full_text_index(editor_client, make_article):
    make_article("Trains halted near Kramatorsk")
    make_article("Harvest begins", body="<p>Engineers inspected the grain terminal.</p>")
    make_article("Ministers meet")

    with CaptureQueriesContext(connection) as queries:
        by_word_start = listed(editor_client.get(LIST_URL, {"q": "kramat"}))
    # Read now: the next request clears the connection's query log.
    searched = [q["sql"] for q in queries.captured_queries if "search_document" in q["sql"]]
    by_body_word = listed(editor_client.get(LIST_URL, {"q": "engineer terminal"}))

    assert "Trains halted near Kramatorsk" in by_word_start
    assert "Ministers meet" not in by_word_start
    assert "Harvest begins" in by_body_word and "Trains halted" not in by_body_word
    assert searched and not any("LIKE" in sql for sql in searched)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's fallback search")
def test_it_searches_headline_standfirst_and_body_where_there_is_no_full_text(
    editor_client, make_article
):
    make_article("Trains halted near Kramatorsk")
    make_article("Harvest begins", body="<p>Engineers inspected the grain terminal.</p>")

    assert "Trains halted" in listed(editor_client.get(LIST_URL, {"q": "kramatorsk"}))
    assert "Harvest begins" in listed(editor_client.get(LIST_URL, {"q": "engineers"}))


def test_it_offers_the_sources_the_newest_stories_cite(
    editor_client, make_article, reuters, monkeypatch
):
    monkeypatch.setattr(filters, "RECENT_STORIES", 1)
    archive = Source.objects.create(name="Old Gazette", slug="old-gazette", kind="newspaper")
    make_article("An old story", sources=[archive], when=timezone.now() - timedelta(days=900))
    make_article("Today's story", sources=[reuters])

    html = listed(editor_client.get(LIST_URL))
    chosen = listed(editor_client.get(LIST_URL, {"source": "old-gazette"}))

    assert ">Reuters</a>" in sidebar(html, "source")
    assert "Old Gazette" not in sidebar(html, "source")
    # A source chosen (from a link, say) stays on offer, and the list holds its stories only.
    assert "Old Gazette" in sidebar(chosen, "source")
    assert "An old story" in chosen and "Today's story" not in chosen


def test_it_offers_the_tags_the_newest_stories_use(editor_client, make_article, monkeypatch):
    monkeypatch.setattr(filters, "RECENT_STORIES", 1)
    make_article("An old story", tags=["Harvest"], when=timezone.now() - timedelta(days=900))
    make_article("Today's story", tags=["Energy"])

    html = listed(editor_client.get(LIST_URL))
    chosen = listed(editor_client.get(LIST_URL, {"tag": "harvest"}))

    assert ">Energy</a>" in sidebar(html, "tag") and "Harvest" not in sidebar(html, "tag")
    assert "An old story" in chosen and "Today's story" not in chosen


def test_it_filters_by_the_year_stories_were_published(editor_client, make_article):
    make_article("From two years ago", when=timezone.now() - timedelta(days=730))
    make_article("From this year")
    this_year = timezone.localtime().year

    html = listed(editor_client.get(LIST_URL, {"year": str(this_year - 2)}))

    years = sidebar(html, "year published")
    assert all(f">{year}</a>" in years for year in (this_year, this_year - 1, this_year - 2))
    assert "From two years ago" in html and "From this year" not in html
    refused = editor_client.get(LIST_URL, {"year": "last"})
    assert refused.status_code == 302 and refused["Location"] == f"{LIST_URL}?e=1"


def test_it_caps_the_count_instead_of_counting_every_story(
    editor_client, make_article, monkeypatch
):
    monkeypatch.setattr(article_admin.ArticleAdmin, "list_per_page", 2)
    monkeypatch.setattr(article_admin.ArticleListPaginator, "max_pages", 1)
    for n in range(3):
        make_article(f"Bulletin {n}")

    with CaptureQueriesContext(connection) as queries:
        html = listed(editor_client.get(LIST_URL))

    assert "2+ articles" in html
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert counts and all("LIMIT" in sql for sql in counts)
