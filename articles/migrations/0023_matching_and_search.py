"""Matching and search by filed names: kinds of alternative names (another spelling, a short
name, an adjective or demonym, a former name), a person's role, and each story's
`filed_names` — the names and alternative names of the regions, sources and tags it is filed
under — in the stored search document.

On PostgreSQL the generated `search_document` column (0014) is dropped and added again with
`filed_names` in it (weight D), after the names are written for every story: this rewrites
the article table with it locked, like 0014 (about five to ten minutes per million stories).
"""

from django.db import migrations, models

WEIGHTS = (("headline", "A"), ("standfirst", "B"), ("body", "C"), ("filed_names", "D"))


def document_sql(config: str, weights=WEIGHTS) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(\"{column}\", '')), '{weight}')"
        for column, weight in weights
    )


def _add_document(schema_editor, weights):
    from articles.search.full_text import text_search_config

    schema_editor.execute(
        "ALTER TABLE articles_article ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({document_sql(text_search_config(), weights)}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX article_document_idx ON articles_article USING gin (search_document)"
    )


def _drop_document(schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_document_idx")
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document")


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _drop_document(schema_editor)


def restore_old_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _add_document(schema_editor, WEIGHTS[:3])


def index_every_story(apps, schema_editor):
    from articles.search.filed_names import index_filings

    articles = apps.get_model("articles", "Article")
    index_filings(articles.objects.values("pk"), apps=apps)
    if schema_editor.connection.vendor == "postgresql":
        _add_document(schema_editor, WEIGHTS)


def drop_new_document(apps, schema_editor):
    drop_document(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0022_syndication'),
    ]

    operations = [
        migrations.RunPython(drop_document, restore_old_document),
        migrations.AddField(
            model_name='article',
            name='filed_names',
            field=models.TextField(blank=True, default='', editable=False, help_text='Every name and alternative name of the regions (and the regions above them), sources and tags the story is filed under, for search: written only by `articles.search.filed_names`.', verbose_name='names filed under'),
        ),
        migrations.AddField(
            model_name='regionalias',
            name='kind',
            field=models.CharField(blank=True, choices=[('spelling', 'Other spelling or transliteration'), ('short', 'Short name'), ('adjective', 'Adjective or demonym'), ('former', 'Former name')], default='spelling', help_text='“Kiev” is another spelling of Kyiv, “Donetsk” a short name of Donetsk Oblast, “Russian” the adjective of Russia: each finds the entry in story text.', max_length=20, verbose_name='kind of name'),
        ),
        migrations.AddField(
            model_name='source',
            name='role',
            field=models.CharField(blank=True, help_text='For a person: what they are, as a story would say it, e.g. “Governor of Luhansk Oblast”. Shown with their name.', max_length=200, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='sourcealias',
            name='kind',
            field=models.CharField(blank=True, choices=[('spelling', 'Other spelling or transliteration'), ('short', 'Short name'), ('adjective', 'Adjective or demonym'), ('former', 'Former name')], default='spelling', help_text='“Kiev” is another spelling of Kyiv, “Donetsk” a short name of Donetsk Oblast, “Russian” the adjective of Russia: each finds the entry in story text.', max_length=20, verbose_name='kind of name'),
        ),
        migrations.AlterField(
            model_name='sourcealias',
            name='name',
            field=models.CharField(help_text='An abbreviation, former name or other spelling, e.g. “AFP” for Agence France-Presse, “Sergei Gaidai” for Serhiy Haidai.', max_length=160, verbose_name='alternative name'),
        ),
        migrations.RunPython(index_every_story, drop_new_document),
    ]
