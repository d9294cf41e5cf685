"""Create the newsroom's staff groups (Editor, Reporter, Tag manager) and the publish permission.

The role lists are frozen here as they were when this migration was written (live code may
change; a migration must not): later changes to `articles.staff.roles.ROLES` come with their own
data migration, and tests/staff/test_roles.py fails if the groups and `ROLES` ever disagree.
Applying it again is harmless: groups are fetched or created and their permissions are set to
exactly the listed ones.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {'Editor': ('articles.add_article',
            'articles.add_articleauthor',
            'articles.add_author',
            'articles.add_correction',
            'articles.add_region',
            'articles.add_regionalias',
            'articles.add_relatedstory',
            'articles.add_section',
            'articles.add_source',
            'articles.add_tag',
            'articles.change_article',
            'articles.change_articleauthor',
            'articles.change_author',
            'articles.change_correction',
            'articles.change_region',
            'articles.change_regionalias',
            'articles.change_relatedstory',
            'articles.change_section',
            'articles.change_source',
            'articles.change_tag',
            'articles.delete_articleauthor',
            'articles.delete_regionalias',
            'articles.delete_relatedstory',
            'articles.publish_article',
            'articles.view_article',
            'articles.view_articleauthor',
            'articles.view_author',
            'articles.view_correction',
            'articles.view_region',
            'articles.view_regionalias',
            'articles.view_relatedstory',
            'articles.view_section',
            'articles.view_source',
            'articles.view_tag'),
 'Reporter': ('articles.add_article',
              'articles.add_articleauthor',
              'articles.add_relatedstory',
              'articles.change_article',
              'articles.change_articleauthor',
              'articles.change_relatedstory',
              'articles.view_article',
              'articles.view_articleauthor',
              'articles.view_author',
              'articles.view_correction',
              'articles.view_region',
              'articles.view_relatedstory',
              'articles.view_section',
              'articles.view_source',
              'articles.view_tag'),
 'Tag manager': ('articles.add_tag',
                 'articles.add_taggedarticle',
                 'articles.change_tag',
                 'articles.change_taggedarticle',
                 'articles.delete_tag',
                 'articles.delete_taggedarticle',
                 'articles.view_tag',
                 'articles.view_taggedarticle')}

PUBLISH_CODENAME = "publish_article"
PUBLISH_NAME = "Can publish, schedule and withdraw articles"


def _ensure_default_permissions(apps):
    # On a fresh database Django creates content types and the default add/change/delete/view
    # permissions only after *all* migrations ran (post_migrate); the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor, roles=None):
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

    for group_name, wanted in (roles or ROLES).items():
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
