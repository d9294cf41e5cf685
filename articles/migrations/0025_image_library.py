# Written for issue 9 (the image library).

"""The image library: pictures become `Image` rows, and stories and authors point at them.

Every existing lead image and author photo moves into the library with its alt text, caption
and credit (one `Image` per file, shared by every story that used it): the file is checked and
cleaned as a new upload would be (EXIF location removed, orientation applied), stored under a
generated name in the private originals store, and its public copy and old renditions are
removed from the media store (last, once the schema has changed). A file the checks refuse (a
TIFF renamed .jpg …) is kept as it was, privately, so nothing is lost; it simply gets no
renditions. A file already missing from storage leaves the story without a picture and is named
in the output. New renditions are made by `manage.py make_renditions` (or the worker, for new
uploads).

Reporters and editors get the library's permissions (roles applied again with 0002's step,
from the lists as they stand at this migration).
"""

import importlib
import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations, models

import articles.models.images
from articles.images import safety

roles_migration = importlib.import_module("articles.migrations.0002_roles")

ROLES = {'Editor': ('articles.add_article',
            'articles.add_articleauthor',
            'articles.add_author',
            'articles.add_banner',
            'articles.add_correction',
            'articles.add_front',
            'articles.add_image',
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
            'articles.change_delivery',
            'articles.change_front',
            'articles.change_image',
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
            'articles.view_banner',
            'articles.view_correction',
            'articles.view_delivery',
            'articles.view_front',
            'articles.view_image',
            'articles.view_region',
            'articles.view_regionalias',
            'articles.view_relatedstory',
            'articles.view_section',
            'articles.view_source',
            'articles.view_tag'),
 'Reporter': ('articles.add_article',
              'articles.add_articleauthor',
              'articles.add_image',
              'articles.add_relatedstory',
              'articles.change_article',
              'articles.change_articleauthor',
              'articles.change_image',
              'articles.change_relatedstory',
              'articles.view_article',
              'articles.view_articleauthor',
              'articles.view_author',
              'articles.view_correction',
              'articles.view_image',
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


# The names and sizes the old renditions module wrote beside each original.
OLD_RENDITIONS = ("card", "lead", "square", "social")
OLD_FORMATS = ("webp", "jpg")
# The public copies to remove once the schema has changed (a failure before then rolls the
# database back to the old fields, which must still find their files).
REMOVE_AFTERWARDS = []


def apply_roles(apps, schema_editor):
    roles_migration.create_roles(apps, schema_editor, roles=ROLES)


def _old_rendition_names(name):
    stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
    return [f"renditions/{size}/{stem}.{fmt}" for size in OLD_RENDITIONS for fmt in OLD_FORMATS]


def _into_library(Image, name, details):
    """One library image made from the public file `name`, or None if it is missing."""
    public, private = storages["default"], storages["originals"]
    if not public.exists(name):
        print(f"\n  missing picture {name!r}: {details}")
        return None
    with public.open(name, "rb") as handle:
        raw = handle.read()
    try:
        clean = safety.clean(ContentFile(raw), len(raw), safety.Limits(
            max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES, max_pixels=settings.IMAGE_MAX_PIXELS,
            max_animation_pixels=settings.IMAGE_MAX_PIXELS,
        ))
        data, fmt, width, height = clean.data, clean.format, clean.width, clean.height
        extension = clean.extension
    except safety.PictureRefused:
        # Kept as uploaded, privately: never shown (no renditions), never lost.
        data, fmt, width, height = raw, "", 0, 0
        extension = "bin"
    token = uuid.uuid4().hex
    stored = private.save(f"{token[:2]}/{token}.{extension}", ContentFile(data))
    image = Image.objects.create(
        file=stored, format=fmt, width=width, height=height, byte_size=len(data), **details
    )
    REMOVE_AFTERWARDS.extend([name, *_old_rendition_names(name)])
    return image


def remove_public_copies(apps, schema_editor):
    public = storages["default"]
    while REMOVE_AFTERWARDS:
        name = REMOVE_AFTERWARDS.pop()
        try:
            public.delete(name)
        except Exception as error:  # noqa: BLE001 - a leftover public copy must not stop the move
            print(f"\n  could not remove the public copy {name!r}: {error}")


def move_pictures_into_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    Image = apps.get_model("articles", "Image")
    made = {}
    for story in Article.objects.exclude(lead_image="").order_by("pk").iterator():
        name = story.lead_image.name
        if name not in made:
            made[name] = _into_library(
                Image,
                name,
                {
                    "title": story.headline[:200],
                    "alt_text": story.lead_image_alt,
                    "caption": story.lead_image_caption,
                    "credit": story.lead_image_credit,
                },
            )
        if made[name] is not None:
            Article.objects.filter(pk=story.pk).update(lead_picture=made[name])
    for author in Author.objects.exclude(photo="").order_by("pk").iterator():
        name = author.photo.name
        if name not in made:
            made[name] = _into_library(
                Image, name, {"title": f"{author.name} (author photo)"[:200], "alt_text": author.name}
            )
        if made[name] is not None:
            Author.objects.filter(pk=author.pk).update(portrait=made[name])
    if schema_editor.connection.vendor == "postgresql":
        # Check the new references now: PostgreSQL will not alter a table (the old columns
        # go next) while checks of rows just written are still pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_wire_desk"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Image",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.UUIDField(default=uuid.uuid4, editable=False, help_text="Random; names the public renditions, so no address reveals the original.", unique=True, verbose_name="key")),
                ("file", models.FileField(editable=False, help_text="The uploaded picture as stored: checked, location data removed, never public.", max_length=200, storage=articles.models.images.originals_storage, upload_to="", verbose_name="original")),
                ("format", models.CharField(editable=False, help_text="As Pillow read it: JPEG, PNG, …", max_length=10, verbose_name="format")),
                ("width", models.PositiveIntegerField(editable=False, help_text="Pixels.", verbose_name="width")),
                ("height", models.PositiveIntegerField(editable=False, help_text="Pixels.", verbose_name="height")),
                ("byte_size", models.PositiveIntegerField(default=0, editable=False, help_text="Bytes of the stored original.", verbose_name="size")),
                ("title", models.CharField(help_text="For finding it again, e.g. “Kyiv power station fire”.", max_length=200, verbose_name="title")),
                ("alt_text", models.CharField(blank=True, help_text="What the picture shows, for readers who cannot see it. A story using the picture cannot be published without it.", max_length=300, verbose_name="alt text")),
                ("caption", models.CharField(blank=True, help_text="Shown under the picture.", max_length=300, verbose_name="caption")),
                ("credit", models.CharField(blank=True, help_text="Photographer and/or agency.", max_length=120, verbose_name="credit")),
                ("usage_terms", models.CharField(blank=True, help_text="What we may do with it, e.g. “Editorial use only; no archive after 30 days”.", max_length=300, verbose_name="usage terms")),
                ("focal_x", models.FloatField(default=0.5, help_text="0 is the left edge, 1 the right; crops keep this point in the picture.", validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name="focal point (across)")),
                ("focal_y", models.FloatField(default=0.5, help_text="0 is the top edge, 1 the bottom.", validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name="focal point (down)")),
                ("renditions", models.JSONField(blank=True, default=dict, editable=False, help_text="The renditions written by the background task: the original and focal point they were cut from, and each file's name, crop, size, type and bytes.", verbose_name="renditions")),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                ("source", models.ForeignKey(blank=True, help_text="The agency or outlet the picture comes from, if any.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="images", to="articles.source", verbose_name="source")),
                ("uploaded_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="uploaded by")),
            ],
            options={
                "verbose_name": "image",
                "verbose_name_plural": "images",
                "ordering": ["-uploaded_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="lead_picture",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="articles.image"),
        ),
        migrations.AddField(
            model_name="author",
            name="portrait",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="articles.image"),
        ),
        migrations.RunPython(move_pictures_into_library, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
        migrations.RemoveField(model_name="article", name="lead_image_caption"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RemoveField(model_name="author", name="photo"),
        migrations.RenameField(model_name="article", old_name="lead_picture", new_name="lead_image"),
        migrations.RenameField(model_name="author", old_name="portrait", new_name="photo"),
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(blank=True, help_text="From the image library: its alt text, caption and credit travel with it. Landscape, at least 1600 px wide, reads best.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="lead_of", to="articles.image", verbose_name="lead image"),
        ),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(blank=True, help_text="From the image library: a head-and-shoulders photo (shown square).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="author_photos", to="articles.image", verbose_name="photo"),
        ),
        migrations.AddField(
            model_name="article",
            name="body_images",
            field=models.ManyToManyField(blank=True, editable=False, help_text="The library pictures the body's figures show, filed on every save.", related_name="in_bodies", to="articles.image", verbose_name="pictures in the body"),
        ),
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
        migrations.RunPython(remove_public_copies, migrations.RunPython.noop),
    ]
