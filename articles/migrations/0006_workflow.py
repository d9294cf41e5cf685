"""Editorial workflow (issue: roles, review, embargo, revisions, corrections, preview).

Adds the embargo time and the audit trail, and applies the roles again (0002's frozen lists;
the step is idempotent), so databases made before the workflow get exactly those permissions.
"""

import importlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

roles_migration = importlib.import_module("articles.migrations.0002_roles")


def apply_roles(apps, schema_editor):
    roles_migration.create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_redirects"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="embargo_until",
            field=models.DateTimeField(
                blank=True,
                help_text="Never public before this time, whatever the publish time says (a source's or agency's embargo).",
                null=True,
                verbose_name="embargoed until",
            ),
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("created", "Created"),
                            ("saved", "Saved"),
                            ("submitted", "Submitted for review"),
                            ("returned", "Returned to draft"),
                            ("published", "Published"),
                            ("scheduled", "Scheduled"),
                            ("unpublished", "Unpublished (withdrawn)"),
                            ("restored", "Restored an earlier revision"),
                            ("corrected", "Added a correction or update"),
                        ],
                        help_text="What happened.",
                        max_length=20,
                        verbose_name="action",
                    ),
                ),
                ("from_status", models.CharField(blank=True, help_text="The status before the step.", max_length=20, verbose_name="from status")),
                ("to_status", models.CharField(blank=True, help_text="The status after the step.", max_length=20, verbose_name="to status")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, help_text="When it happened.", verbose_name="time")),
                ("note", models.CharField(blank=True, help_text="Details, e.g. the scheduled time.", max_length=300, verbose_name="note")),
                (
                    "article",
                    models.ForeignKey(
                        help_text="The story the step was taken on.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="audit_entries",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        help_text="The account that took the step (empty for scripts).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit trail",
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["article", "-at"], name="audit_article_idx")],
            },
        ),
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
    ]
