"""The story's search document, stored (PostgreSQL): a generated tsvector column with a GIN
index, in place of 0004's index on the expression.

With only the expression indexed, a search for a word most stories contain ("officials") had
PostgreSQL walk the newest stories and parse each whole body again to test it: about 0.3 s a
search at a million stories. A stored document is tested without parsing (about 10 ms), and
the GIN index still answers rare words. `articles.search.full_text.StoredDocument` reads the column.

Adding the column rewrites the article table, computing every document: about five minutes
per million stories, with the table locked. The document uses the text-search configuration
of the site's language when the migration runs (like 0004's index).
"""

from django.db import migrations

WEIGHTS = (("headline", "A"), ("standfirst", "B"), ("body", "C"))


def document_sql(config: str) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(\"{column}\", '')), '{weight}')"
        for column, weight in WEIGHTS
    )


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from articles.search.full_text import text_search_config

    schema_editor.execute(
        "ALTER TABLE articles_article ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({document_sql(text_search_config())}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX article_document_idx ON articles_article USING gin (search_document)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS article_search_idx")


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from importlib import import_module

    earlier = import_module("articles.migrations.0004_search_and_news_indexes")
    schema_editor.execute(earlier.search_index_sql())
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_listing_indexes")]

    operations = [migrations.RunPython(add_document, remove_document)]
