"""Adding pictures to the image library, and what a story needs of its pictures to go out.

`add_image()` is the one way in — the admin's upload form (lead images, body figures and
author photos alike) and the demo loader use it; migration 0022 applies the same checks to the
pictures it moves into the library. The upload is checked and cleaned
(`articles.images.safety`, limits from settings), stored under a generated name in the
private originals store, and only then recorded; a store that fails leaves no row, and a row
that fails leaves no file. Renditions are queued for the background worker.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from articles import changes
from articles.images import renditions, safety
from articles.models import Image, public_condition
from articles.models.images import described_figures, library_ids, originals_storage
from articles.staff import roles

MISSING_ALT_TEXT = (
    "The lead image (or a picture in the body) has no alt text yet: describe what it shows "
    "in the image library (for readers who cannot see it) before publishing this story."
)
STORE_FAILED = (
    "The picture could not be stored (the media store did not accept it). Nothing was "
    "saved; try again in a moment."
)


def limits() -> safety.Limits:
    """The upload limits in force (settings `IMAGE_UPLOAD_MAX_BYTES`, `IMAGE_MAX_PIXELS`)."""
    return safety.Limits(
        max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
        max_pixels=settings.IMAGE_MAX_PIXELS,
        max_animation_pixels=settings.IMAGE_MAX_PIXELS,
    )


def check_upload(upload) -> safety.CleanPicture:
    """The clean copy of an uploaded file, or a ValidationError saying why it is refused.
    The size is checked from what the upload says before reading it."""
    try:
        return safety.clean(upload, getattr(upload, "size", None), limits())
    except safety.PictureRefused as refused:
        raise ValidationError(str(refused), code="picture_refused") from None


def store_original(clean: safety.CleanPicture) -> str:
    """Write the cleaned original under a generated name; returns the stored name."""
    token = uuid.uuid4().hex
    name = f"{token[:2]}/{token}.{clean.extension}"
    try:
        return originals_storage().save(name, ContentFile(clean.data))
    except Exception as error:
        raise ValidationError(STORE_FAILED, code="store_failed") from error


def add_image(clean: safety.CleanPicture, image: Image, *, by=None, stored: str = "") -> Image:
    """Record a checked picture in the library as `image` (unsaved, its title, alt text,
    caption, credit, source, usage terms and focal point set) and queue its renditions.
    `stored`: the name `store_original(clean)` already gave it (a form stores it while it can
    still say so if the store fails)."""
    name = stored or store_original(clean)
    image.file = name
    image.format, image.width, image.height = clean.format, clean.width, clean.height
    image.byte_size = len(clean.data)
    image.uploaded_by = by
    try:
        with transaction.atomic():
            image.save()
            renditions.request_renditions(image)
    except Exception:
        originals_storage().delete(name)
        image.pk = None
        raise
    return image


def update_image(
    image: Image, clean: safety.CleanPicture | None = None, *, stored: str = ""
) -> Image:
    """Save an edited library image: a new picture (`clean`) replaces the old original, a
    new picture or focal point queues new renditions, and pages showing it are refreshed."""
    old = image.file.name if clean is not None else None
    if clean is not None:
        image.file = stored or store_original(clean)
        image.format, image.width, image.height = clean.format, clean.width, clean.height
        image.byte_size = len(clean.data)
        # The old renditions stay on the pages until the new ones replace them (they no
        # longer match the original, so the task makes new ones).
    try:
        with transaction.atomic():
            image.save()
            renditions.request_renditions(image)
            changes.picture_changed(image)
    except Exception:
        if old is not None:
            originals_storage().delete(image.file.name)
        raise
    if old is not None:
        transaction.on_commit(lambda: originals_storage().delete(old))
    return image


def may_change(user, image: Image) -> bool:
    """Editors change any picture; a reporter changes only pictures they uploaded that no
    story readers can see uses (a live page's picture is the desk's to change)."""
    if roles.can_publish(user):
        return True
    if image.uploaded_by_id != user.pk:
        return False
    return not image.lead_of.filter(public_condition()).exists()


def missing_alt_text(article) -> list[Image]:
    """The pictures `article` shows (its lead and its body's figures) that have no alt text
    yet: a story cannot go out so. A figure's own alt text counts for that figure."""
    missing = []
    image = article.lead_image
    if image is not None and not image.alt_text.strip():
        missing.append(image)
    described = set(described_figures(article.body))
    ids = [pk for pk in library_ids(article.body) if pk not in described]
    missing += Image.objects.filter(pk__in=ids, alt_text="")
    return missing
