"""PostgreSQL full-text index for search, and an index for the Google News sitemap.

The GIN index is built on exactly the expression `articles.search.full_text.story_search_vector()`
compiles to (PostgreSQL uses an expression index only when the query repeats it). SQLite has
no full-text search here, so the index exists only on PostgreSQL.
"""

from django.db import migrations, models

WEIGHTS = (("headline", "A"), ("standfirst", "B"), ("body", "C"))


def search_index_sql():
    from articles.search.full_text import text_search_config

    config = text_search_config()
    parts = [
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(\"{column}\", '')), '{weight}')"
        for column, weight in WEIGHTS
    ]
    return (
        "CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article "
        f"USING gin ((({parts[0]} || {parts[1]}) || {parts[2]}))"
    )


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_index_sql())


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_idx")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_article_modified_index")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-first_published_at"], name="article_news_idx"),
        ),
    ]
