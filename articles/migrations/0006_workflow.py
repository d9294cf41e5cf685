"""Editorial workflow (issue: roles, review, embargo, revisions, corrections, preview)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_redirects")]

    operations = []
