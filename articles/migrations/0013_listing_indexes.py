"""Indexes that let every public listing, count and "is it public?" check at a million stories
read index entries instead of wide article rows: the newest-first and per-desk listing indexes
end with the columns "public" reads, one index answers "is story n public?", and the link
tables get (subject, story) indexes so a tag's, source's, author's or region's stories come in
story order from the index alone. The new indexes are built before the ones they replace go.

About a minute for a million stories on PostgreSQL.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The many-to-many tables Django makes for Article.sources and Article.regions take no Meta
# indexes; plain SQL that SQLite and PostgreSQL both read.
LINK_INDEXES = [
    (
        "CREATE INDEX article_sources_by_source_idx ON articles_article_sources (source_id, article_id)",
        "DROP INDEX article_sources_by_source_idx",
    ),
    (
        "CREATE INDEX article_regions_by_region_idx ON articles_article_regions (region_id, article_id)",
        "DROP INDEX article_regions_by_region_idx",
    ),
]


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_region_listings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', '-published_at', '-id', 'embargo_until'], name='article_latest_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['section', 'status', '-published_at', '-id', 'embargo_until'], name='article_desk_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['id', 'status', 'published_at', 'embargo_until', 'byline_override'], name='article_visible_idx'),
        ),
        migrations.AddIndex(
            model_name='articleauthor',
            index=models.Index(fields=['author', 'article'], name='credit_by_author_idx'),
        ),
        migrations.AddIndex(
            model_name='taggedarticle',
            index=models.Index(fields=['tag', 'content_object'], name='tagged_article_by_tag_idx'),
        ),
        *(migrations.RunSQL(create, drop) for create, drop in LINK_INDEXES),
        migrations.RemoveIndex(
            model_name='article',
            name='article_public_idx',
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_section_idx',
        ),
        migrations.AlterField(
            model_name='articleauthor',
            name='author',
            field=models.ForeignKey(db_index=False, help_text='The credited writer.', on_delete=django.db.models.deletion.PROTECT, related_name='credits', to='articles.author', verbose_name='author'),
        ),
        migrations.AlterField(
            model_name='taggedarticle',
            name='tag',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_articles', to='articles.tag', verbose_name='tag'),
        ),
    ]
