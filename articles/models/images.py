"""The image library: every picture the newsroom shows, once, with its credit and rights.

A story's lead image and an author's photo point at an `Image`; the same picture may serve
many stories. The original file lives in the private "originals" storage (never served to
readers); readers get only the renditions `articles.images.renditions` writes to public storage,
under a random key that says nothing about the original and that no public page shows
until a story readers can see uses the picture.
"""

import re
import uuid

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

# A picture in a story's body, and the library id its figure carries (`articles.images.body_figures`).
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LIBRARY_ID = re.compile(r'\sdata-file="(\d+)"')
ALT_TEXT = re.compile(r'\salt="([^"]*)"')


def library_ids(body: str) -> list[int]:
    """The library ids of the pictures in a body, in order, each once."""
    found = []
    for tag in IMG_TAG.findall(body or ""):
        match = LIBRARY_ID.search(tag)
        if match and int(match[1]) not in found:
            found.append(int(match[1]))
    return found


def described_figures(body: str) -> list[int]:
    """The library ids of the body's pictures whose figure carries alt text of its own."""
    found = []
    for tag in IMG_TAG.findall(body or ""):
        match, alt = LIBRARY_ID.search(tag), ALT_TEXT.search(tag)
        if match and alt and alt[1].strip():
            found.append(int(match[1]))
    return found


def keep_library_pictures(body: str) -> str:
    """The (sanitised) body without any picture that is not from the library: a pasted or
    typed image address is dropped, so every picture readers see went through the upload
    checks and carries a credit."""
    return IMG_TAG.sub(lambda tag: tag[0] if LIBRARY_ID.search(tag[0]) else "", body or "")


class OriginalsStorage(Storage):
    """The private store of originals (`STORAGES["originals"]`): nothing in it is public.

    Looked up on every call rather than once when the models load, so it follows the
    settings (another directory, a bucket) wherever they change."""

    def _target(self) -> Storage:
        return storages["originals"]

    def save(self, name, content, max_length=None):
        return self._target().save(name, content, max_length=max_length)

    def open(self, name, mode="rb"):
        return self._target().open(name, mode)

    def delete(self, name):
        return self._target().delete(name)

    def exists(self, name):
        return self._target().exists(name)

    def size(self, name):
        return self._target().size(name)

    def path(self, name):
        return self._target().path(name)

    def url(self, name):
        return self._target().url(name)

    def listdir(self, path):
        return self._target().listdir(path)


def originals_storage() -> Storage:
    return OriginalsStorage()


class ImageQuerySet(models.QuerySet):
    def search(self, text: str):
        """Images whose title, alt text, caption or credit mention `text`."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(alt_text__icontains=text)
            | Q(caption__icontains=text)
            | Q(credit__icontains=text)
        )


class Image(models.Model):
    key = models.UUIDField(
        "key",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Random; names the public renditions, so no address reveals the original.",
    )
    file = models.FileField(
        "original",
        storage=originals_storage,
        max_length=200,
        editable=False,
        help_text="The uploaded picture as stored: checked, location data removed, never public.",
    )
    format = models.CharField(
        "format", max_length=10, editable=False, help_text="As Pillow read it: JPEG, PNG, …"
    )
    width = models.PositiveIntegerField("width", editable=False, help_text="Pixels.")
    height = models.PositiveIntegerField("height", editable=False, help_text="Pixels.")
    byte_size = models.PositiveIntegerField(
        "size", default=0, editable=False, help_text="Bytes of the stored original."
    )
    title = models.CharField(
        "title", max_length=200, help_text="For finding it again, e.g. “Kyiv power station fire”."
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it. A story using the "
        "picture cannot be published without it.",
    )
    caption = models.CharField(
        "caption", max_length=300, blank=True, help_text="Shown under the picture."
    )
    credit = models.CharField(
        "credit", max_length=120, blank=True, help_text="Photographer and/or agency."
    )
    source = models.ForeignKey(
        "articles.Source",
        verbose_name="source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images",
        help_text="The agency or outlet the picture comes from, if any.",
    )
    usage_terms = models.CharField(
        "usage terms",
        max_length=300,
        blank=True,
        help_text="What we may do with it, e.g. “Editorial use only; no archive after 30 days”.",
    )
    focal_x = models.FloatField(
        "focal point (across)",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the left edge, 1 the right; crops keep this point in the picture.",
    )
    focal_y = models.FloatField(
        "focal point (down)",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    renditions = models.JSONField(
        "renditions",
        default=dict,
        blank=True,
        editable=False,
        help_text="The renditions written by the background task: the original and focal "
        "point they were cut from, and each file's name, crop, size, type and bytes.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uploaded by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "image"
        verbose_name_plural = "images"

    def __str__(self):
        return self.title

    @property
    def ready(self) -> bool:
        """Whether its renditions exist (pages show the picture only then)."""
        return bool(self.renditions)


def rendition_url(record: dict) -> str:
    """The public address of one recorded rendition (an entry of `Image.renditions["files"]`):
    renditions live in the default (public) store; originals never do."""
    return default_storage.url(record["name"])
