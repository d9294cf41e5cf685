"""An index on the first character of a tag's key: the tags index lists one first letter at
a time, and the planner learns how many letters there are."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_newest_first_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='tag',
            index=models.Index(django.db.models.functions.text.Substr('key', 1, 1), name='tag_initial_idx'),
        ),
    ]
