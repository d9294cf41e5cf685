"""Taxonomy (issue: tag management, aliases, merges, regions, sources, suggestions)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_workflow")]

    operations = []
