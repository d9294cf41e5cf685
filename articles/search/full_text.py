"""Reader search over published stories: headline, standfirst, body, and the names of what
each is filed under (its regions and the regions above them, sources, people and tags, with
their alternative names: `articles.search.filed_names`), so every spelling finds a story.

PostgreSQL gets real full-text search (stemming, ranking, web-style queries such as
`"power station" -kyiv`); SQLite, the embedded development database, falls back to matching
every word somewhere in the headline, standfirst, body or filed names. Both start from
`Article.objects.published()`, so a search can never surface a draft, a scheduled story or a
withdrawn one.
"""

import re

from django.conf import settings
from django.db import connection
from django.db.models import Expression, F, Q

from articles.models import Article

# Longer queries are cut, not refused: nobody types 200 characters on purpose, and a bounded
# query keeps the database's work bounded too.
MAX_QUERY_LENGTH = 200
# Each word is one more LIKE over three columns on SQLite; beyond this it only adds cost.
MAX_FALLBACK_WORDS = 8
# Results are the best of the newest this-many matches. Ranking costs PostgreSQL a re-read of
# every candidate's text, so an unbounded ranking of a word found in half the archive takes
# seconds; for news, the newest thousand matches are the ones worth ordering (50 pages).
MAX_RESULTS = 1000

# Characters XML and PostgreSQL both refuse (NUL ends a libpq string), which no one types.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# PostgreSQL text-search configurations for the site languages we know; others get "simple"
# (no stemming, no stop words), which still finds exact words in any language.
_TEXT_SEARCH_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
}


def clean_query(raw: str | None) -> str:
    """The search terms as we will use them: no control characters, trimmed, length-limited."""
    text = _CONTROL_CHARACTERS.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def can_match(text: str) -> bool:
    """Whether `text` (a typed search term, a filter value) could match anything stored.

    Nothing stored holds a NUL character: PostgreSQL text cannot, and Django's form fields
    refuse one. So text holding NUL matches nothing, and must not be sent to PostgreSQL, which
    fails on it (a DataError) instead of finding nothing. Reader search never gets that far:
    `clean_query()` drops control characters first.
    """
    return "\x00" not in text


def text_search_config() -> str:
    """The PostgreSQL text-search configuration for the site's language."""
    primary = settings.SITE_LANGUAGE.lower().split("-")[0]
    return _TEXT_SEARCH_CONFIGS.get(primary, "simple")


class StoredDocument(Expression):
    """The weighted document a story is searched as (headline over standfirst over body over
    filed names), as PostgreSQL stores it: the generated `search_document` column of
    migrations 0014 and 0023, which a
    GIN index covers. Stored because testing a parsed document costs microseconds where
    parsing the body again costs a fraction of a millisecond, for each story a common word
    makes the database look at. The column is not a model field (SQLite has no tsvector), so
    this expression names it on the query's own table.
    """

    column = "search_document"

    @property
    def output_field(self):
        from django.contrib.postgres.search import SearchVectorField

        return SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


def headline_vector():
    """The headline and standfirst alone, weighted as in the stored document: for ranking."""
    from django.contrib.postgres.search import SearchVector

    config = text_search_config()
    return SearchVector("headline", weight="A", config=config) + SearchVector(
        "standfirst", weight="B", config=config
    )


def search_by_word_starts(stories, text: str):
    """`stories` holding every word of `text` as the start of a word (the staff's search box:
    "kramat" finds Kramatorsk), through the stored document's GIN index, newest first left to
    the caller; None where there is no full-text search (SQLite), or nothing to search for,
    for the caller's own search."""
    words = re.findall(r"\w+", clean_query(text))[:MAX_FALLBACK_WORDS]
    if connection.vendor != "postgresql" or not can_match(text) or not words:
        return None
    from django.contrib.postgres.search import SearchQuery

    # Each word a prefix ("kramat:*"); \w+ leaves nothing the query syntax would read.
    terms = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config=text_search_config()
    )
    return stories.alias(document=StoredDocument()).filter(document=terms)


def search_stories(query: str):
    """Published stories matching `query` (already cleaned): of the newest `MAX_RESULTS`
    matches, the best first (on SQLite, the newest first).

    Returns an unevaluated queryset; an empty query matches nothing.
    """
    stories = Article.objects.published()
    if not query:
        return stories.none()
    if connection.vendor == "postgresql":
        return _full_text_search(stories, query)
    return _word_search(stories, query)


def _full_text_search(stories, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    terms = SearchQuery(query, search_type="websearch", config=text_search_config())
    # Body markup needs no stripping: PostgreSQL's parser reads HTML tags as their own token
    # type, which no text-search configuration indexes.
    newest_matches = (
        stories.alias(document=StoredDocument())
        .filter(document=terms)
        .latest_first()
        .values("pk")[:MAX_RESULTS]
    )
    # Rank by headline and standfirst only: re-reading every matching body to rank it cost
    # about 0.16 s per 1,000 matches at 100,000 stories, and a word in the headline is what
    # makes a story the best answer. Body-only matches follow, newest first.
    return (
        stories.filter(pk__in=newest_matches)
        .annotate(rank=SearchRank(headline_vector(), terms))
        .order_by(F("rank").desc(), "-published_at", "-pk")
    )


def _word_search(stories, query):
    matching = Q()
    for word in query.split()[:MAX_FALLBACK_WORDS]:
        matching &= (
            Q(headline__icontains=word)
            | Q(standfirst__icontains=word)
            | Q(body__icontains=word)
            | Q(filed_names__icontains=word)
        )
    newest_matches = stories.filter(matching).latest_first().values("pk")[:MAX_RESULTS]
    return stories.filter(pk__in=newest_matches).latest_first()
