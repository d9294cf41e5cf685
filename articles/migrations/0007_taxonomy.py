"""Taxonomy (issue: tag management, aliases, merges, regions, sources, suggestions).

Tag names become canonical (NFC, single spaces) and unique in any case; tags that differed
only in case or spacing are folded into the oldest one first, so the constraint can hold.
"""

import unicodedata

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


def _canonical(name):
    return " ".join(unicodedata.normalize("NFC", name).split())


def fold_duplicate_tags(apps, schema_editor):
    Tag = apps.get_model("articles", "Tag")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    kept = {}
    for tag in Tag.objects.order_by("pk"):
        key = _canonical(tag.name).casefold()
        survivor = kept.get(key)
        if survivor is None:
            kept[key] = tag
            if tag.name != _canonical(tag.name):
                tag.name = _canonical(tag.name)
                tag.save(update_fields=["name"])
            continue
        already = TaggedArticle.objects.filter(tag=survivor).values("content_object_id")
        TaggedArticle.objects.filter(tag=tag, content_object_id__in=already).delete()
        TaggedArticle.objects.filter(tag=tag).update(tag=survivor)
        tag.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(fold_duplicate_tags, migrations.RunPython.noop),
        migrations.CreateModel(
            name="SourceAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="An abbreviation or former name, e.g. “AFP” for Agence France-Presse.",
                        max_length=160,
                        verbose_name="alternative name",
                    ),
                ),
            ],
            options={
                "verbose_name": "alternative name",
                "verbose_name_plural": "alternative names",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="SourceMerge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "into_name",
                    models.CharField(
                        help_text="At the time.",
                        max_length=160,
                        verbose_name="surviving source name",
                    ),
                ),
                (
                    "merged_names",
                    models.JSONField(
                        default=list,
                        help_text="Names of the sources merged away.",
                        verbose_name="merged sources",
                    ),
                ),
                (
                    "merged_slugs",
                    models.JSONField(
                        default=list,
                        help_text="Their old slugs (now redirecting).",
                        verbose_name="merged slugs",
                    ),
                ),
                (
                    "stories_moved",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Stories that cited a merged source.",
                        verbose_name="stories moved",
                    ),
                ),
                (
                    "merged_at",
                    models.DateTimeField(
                        auto_now_add=True, help_text="When.", verbose_name="merged at"
                    ),
                ),
            ],
            options={
                "verbose_name": "source merge",
                "verbose_name_plural": "source merges",
                "ordering": ["-merged_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TagAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="An abbreviation, old spelling or transliteration, e.g. “AMS”. Typing it in a story's tags applies the tag itself.",
                        max_length=100,
                        verbose_name="alternative name",
                    ),
                ),
            ],
            options={
                "verbose_name": "alternative name",
                "verbose_name_plural": "alternative names",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="TagMerge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "into_name",
                    models.CharField(
                        help_text="Its name at the time.",
                        max_length=100,
                        verbose_name="surviving tag name",
                    ),
                ),
                (
                    "merged_names",
                    models.JSONField(
                        default=list,
                        help_text="Names of the tags merged away.",
                        verbose_name="merged tags",
                    ),
                ),
                (
                    "merged_slugs",
                    models.JSONField(
                        default=list,
                        help_text="Their old slugs (now redirecting).",
                        verbose_name="merged slugs",
                    ),
                ),
                (
                    "stories_retagged",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Stories that carried a merged tag.",
                        verbose_name="stories retagged",
                    ),
                ),
                (
                    "merged_at",
                    models.DateTimeField(
                        auto_now_add=True, help_text="When.", verbose_name="merged at"
                    ),
                ),
            ],
            options={
                "verbose_name": "tag merge",
                "verbose_name_plural": "tag merges",
                "ordering": ["-merged_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TagPin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="0 comes first.", verbose_name="position"
                    ),
                ),
            ],
            options={
                "verbose_name": "pinned story",
                "verbose_name_plural": "pinned stories",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="unique_tag_name_any_case",
                violation_error_message="A tag with this name already exists (in another case).",
            ),
        ),
        migrations.AddField(
            model_name="sourcealias",
            name="source",
            field=models.ForeignKey(
                help_text="The source this is another name for.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="aliases",
                to="articles.source",
                verbose_name="source",
            ),
        ),
        migrations.AddField(
            model_name="sourcemerge",
            name="into",
            field=models.ForeignKey(
                help_text="The source the others were merged into.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="merges",
                to="articles.source",
                verbose_name="surviving source",
            ),
        ),
        migrations.AddField(
            model_name="sourcemerge",
            name="merged_by",
            field=models.ForeignKey(
                help_text="Who merged them.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="merged by",
            ),
        ),
        migrations.AddField(
            model_name="tagalias",
            name="tag",
            field=models.ForeignKey(
                help_text="The tag this is another name for.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="aliases",
                to="articles.tag",
                verbose_name="tag",
            ),
        ),
        migrations.AddField(
            model_name="tagmerge",
            name="into",
            field=models.ForeignKey(
                help_text="The tag the others were merged into.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="merges",
                to="articles.tag",
                verbose_name="surviving tag",
            ),
        ),
        migrations.AddField(
            model_name="tagmerge",
            name="merged_by",
            field=models.ForeignKey(
                help_text="Who merged them.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="merged by",
            ),
        ),
        migrations.AddField(
            model_name="tagpin",
            name="article",
            field=models.ForeignKey(
                help_text="Shown at the top of the tag page while it is published.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tag_pins",
                to="articles.article",
                verbose_name="story",
            ),
        ),
        migrations.AddField(
            model_name="tagpin",
            name="tag",
            field=models.ForeignKey(
                help_text="The tag page the story is pinned to.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pins",
                to="articles.tag",
                verbose_name="tag",
            ),
        ),
        migrations.AddConstraint(
            model_name="sourcealias",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="unique_source_alias_any_case",
                violation_error_message="This alternative name is already taken.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tagalias",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="unique_tag_alias_any_case",
                violation_error_message="This alternative name is already taken.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tagpin",
            constraint=models.UniqueConstraint(fields=("tag", "article"), name="unique_tag_pin"),
        ),
    ]
