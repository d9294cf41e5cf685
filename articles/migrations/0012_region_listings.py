"""Region listings: the roll-up of every story's filings through the region tree, stored.

Fills the table for the stories already filed. The statement repeats, for the whole archive,
what `articles.taxonomy.regions.refresh_listings` does for some stories (a migration must not
depend on code that may change after it): each story is listed on the page of every region
it is filed under, every region above those (by materialised path) and every grouping of any
of them. About a minute for a million stories on PostgreSQL.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
    WITH places AS (SELECT DISTINCT region_id AS id FROM articles_article_regions),
    closure (place_id, listed_id) AS (
        SELECT place.id, listed.id
          FROM places
          JOIN articles_region place ON place.id = places.id
          JOIN articles_region listed ON place.path LIKE listed.path || '%'
        UNION
        SELECT place.id, grp.from_region_id
          FROM places
          JOIN articles_region place ON place.id = places.id
          JOIN articles_region member ON place.path LIKE member.path || '%'
          JOIN articles_region_members grp ON grp.to_region_id = member.id
    )
    INSERT INTO articles_regionlisting (region_id, article_id)
    SELECT DISTINCT closure.listed_id, filed.article_id
      FROM articles_article_regions filed
      JOIN closure ON closure.place_id = filed.region_id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_audit_actions'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegionListing',
            fields=[
                ('pk', models.CompositePrimaryKey('region', 'article', blank=True, editable=False, primary_key=True, serialize=False)),
                ('article', models.ForeignKey(help_text='The story listed.', on_delete=django.db.models.deletion.CASCADE, related_name='region_listings', to='articles.article', verbose_name='story')),
                ('region', models.ForeignKey(db_index=False, help_text='The region whose page lists the story.', on_delete=django.db.models.deletion.CASCADE, related_name='listings', to='articles.region', verbose_name='region')),
            ],
            options={
                'verbose_name': 'region listing',
                'verbose_name_plural': 'region listings',
            },
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
