"""Create the newsroom's staff groups (Editor, Reporter, Tag manager) and the publish permission.

Only the plain-data `ROLES` constant is imported from live code; the logic below works on the
historical models. Applying it again is harmless: groups are fetched or created and their
permissions are set to exactly the listed ones.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ROLES

PUBLISH_CODENAME = "publish_article"
PUBLISH_NAME = "Can publish, schedule and withdraw articles"


def _ensure_default_permissions(apps):
    # On a fresh database Django creates content types and the default add/change/delete/view
    # permissions only after *all* migrations ran (post_migrate); the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Article = apps.get_model("articles", "Article")

    _ensure_default_permissions(apps)
    Permission.objects.get_or_create(
        codename=PUBLISH_CODENAME,
        content_type=ContentType.objects.get_for_model(Article),
        defaults={"name": PUBLISH_NAME},
    )

    for group_name, wanted in ROLES.items():
        permissions = []
        for dotted in wanted:
            app_label, codename = dotted.split(".", 1)
            try:
                permissions.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist:
                raise RuntimeError(f"Role {group_name!r} names an unknown permission {dotted!r}")
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name__in=list(ROLES)).delete()
    Permission.objects.filter(
        content_type__app_label="articles", codename=PUBLISH_CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
