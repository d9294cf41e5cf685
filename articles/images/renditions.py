"""Renditions: the only pictures readers ever get, in a fixed set of crops, widths and formats.

Four named crops — square (1:1), standard (4:3), wide (16:9) and share (1.91:1, for social
cards) — each cut around the image's focal point and scaled to a few fixed widths, never
larger than the original allows; each width in AVIF (where Pillow can write it), WebP and a
JPEG fallback (the share crop in JPEG only, what every network reads). No size is ever taken
from a request.

`render(image)` writes them through Django's storage API (a directory or an S3-compatible
bucket alike) under the image's random key and a fresh folder per run, records every file's
name, size and byte length on the image (`Image.renditions`), then removes the previous run's
files. It runs in the background (`make_renditions`, a `django.tasks` task), never inside an
editor's request or a story's row lock; until it has run, pages show no picture. URLs come
from the recorded names, so a listing of fifty cards asks the store nothing.
"""

import secrets
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils.html import format_html, format_html_join
from PIL import Image as Pillow
from PIL import features

from articles import changes
from articles.images.safety import ACCEPTED
from articles.models import Image
from articles.models.images import rendition_url

# crop name: (aspect ratio, widths)
CROPS = {
    "square": (1.0, (320, 640, 1024)),
    "standard": (4 / 3, (320, 640, 1024, 1600)),
    "wide": (16 / 9, (320, 640, 1024, 1600)),
    "share": (1.91, (1200,)),
}
# Format name in Pillow → (extension, content type, encoder options), best first.
FORMATS = {
    "AVIF": ("avif", "image/avif", {"quality": 60, "speed": 8}),
    "WEBP": ("webp", "image/webp", {"quality": 80, "method": 4}),
    "JPEG": ("jpg", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
}
if not features.check("avif"):
    del FORMATS["AVIF"]
SHARE_FORMATS = ("JPEG",)


def crop_box(size, aspect: float, focal=(0.5, 0.5)):
    """The largest box of `aspect` (width / height) inside `size`, centred on the focal point
    (x, y as fractions) as far as the edges allow."""
    width, height = size
    if width / height > aspect:
        box_w, box_h = round(height * aspect), height
    else:
        box_w, box_h = width, round(width / aspect)
    left = min(max(focal[0] * width - box_w / 2, 0), width - box_w)
    top = min(max(focal[1] * height - box_h / 2, 0), height - box_h)
    return (round(left), round(top), round(left) + box_w, round(top) + box_h)


def widths_for(crop: str, box_width: int) -> list[int]:
    """The crop's fixed widths the original can fill, never enlarged; when it cannot fill the
    largest, one more at the original's own width (so the sharpest copy is not thrown away)."""
    wanted = [width for width in CROPS[crop][1] if width <= box_width]
    if len(wanted) < len(CROPS[crop][1]):
        wanted.append(box_width)
    return wanted


def _box_width(size, aspect: float) -> int:
    box = crop_box(size, aspect)
    return box[2] - box[0]


def _formats(crop: str):
    return SHARE_FORMATS if crop == "share" else tuple(FORMATS)


def _source(image: Image) -> Pillow.Image:
    """The original's pixels as RGB, decoded no larger than the biggest rendition needs (a JPEG
    decodes straight at 1/2, 1/4 or 1/8 scale)."""
    with image.file.open("rb") as handle:
        picture = Pillow.open(handle, formats=list(ACCEPTED))
        need = max(
            widths[-1] / _box_width(picture.size, aspect) for aspect, widths in CROPS.values()
        )
        if need < 1:
            picture.draft("RGB", (round(picture.width * need), round(picture.height * need)))
        picture.load()
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        picture = picture.convert("RGBA")
        flat = Pillow.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture, mask=picture.getchannel("A"))
        return flat
    return picture.convert("RGB") if picture.mode != "RGB" else picture


def render(image: Image) -> list[dict]:
    """Write every rendition of `image` and record them on it; returns the file records."""
    return keep(image, write(image))


def write(image: Image) -> dict:
    """Write every rendition of `image` to storage (no database access, so it may run on any
    thread); returns the record `keep()` stores."""
    picture = _source(image)
    focal = (image.focal_x, image.focal_y)
    run = secrets.token_hex(4)
    written = []
    try:
        for crop, (aspect, _) in CROPS.items():
            box = crop_box(picture.size, aspect, focal)
            # Widths are those of the original's crop, not of the draft-scaled decode.
            scale = image.width / picture.width
            for width in widths_for(crop, round((box[2] - box[0]) * scale)):
                height = round(width / aspect)
                scaled = picture.resize(
                    (width, height), Pillow.Resampling.LANCZOS, box=box, reducing_gap=3.0
                )
                for fmt in _formats(crop):
                    written.append(_write(image, run, crop, scaled, fmt))
    except Exception:
        for record in written:
            default_storage.delete(record["name"])
        raise
    return {"source": image.file.name, "focal": list(focal), "files": written}


def keep(image: Image, record: dict) -> list[dict]:
    """Store `record` on the image, refresh the pages that show it, and remove the files of
    the renditions it replaces."""
    previous = image.renditions.get("files", [])
    with transaction.atomic():
        Image.objects.filter(pk=image.pk).update(renditions=record)
        changes.picture_changed(image)
    image.renditions = record
    for old in previous:
        default_storage.delete(old["name"])
    return record["files"]


def _write(image, run, crop, scaled, fmt) -> dict:
    extension, content_type, options = FORMATS[fmt]
    buffer = BytesIO()
    scaled.save(buffer, fmt, **options)
    name = f"renditions/{image.key.hex}/{run}/{crop}-{scaled.width}.{extension}"
    stored = default_storage.save(name, ContentFile(buffer.getvalue()))
    return {
        "name": stored,
        "crop": crop,
        "width": scaled.width,
        "height": scaled.height,
        "type": content_type,
        "bytes": buffer.tell(),
    }


def is_current(image: Image) -> bool:
    """Whether the recorded renditions were cut from the present original at its present
    focal point."""
    record = image.renditions or {}
    return record.get("source") == image.file.name and record.get("focal") == [
        image.focal_x,
        image.focal_y,
    ]


@task()
def make_renditions(image_id: int) -> int:
    """The background task: render the image unless its renditions are current. Idempotent;
    returns how many files were written."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or is_current(image):
        return 0
    return len(render(image))


def request_renditions(image: Image) -> None:
    """Queue the renditions of `image`. The database queue takes the task in the caller's
    transaction, so the worker sees it once the change that asked for it is committed."""
    if not is_current(image):
        make_renditions.enqueue(image.pk)


# Reading the records (no storage call) ----------------------------------------------------


def files(image, crop: str, content_type: str = "image/jpeg") -> list[dict]:
    """The recorded files of one crop in one format, narrowest first."""
    if not image or not image.renditions:
        return []
    found = [
        record
        for record in image.renditions.get("files", [])
        if record["crop"] == crop and record["type"] == content_type
    ]
    return sorted(found, key=lambda record: record["width"])


url = rendition_url  # the one rule, beside the model (the API reads it without this module)


def best(image, crop: str, at_least: int = 0, content_type: str = "image/jpeg") -> dict | None:
    """The narrowest file of `crop` at least `at_least` wide (else the widest), or None."""
    found = files(image, crop, content_type)
    if not found:
        return None
    return next((record for record in found if record["width"] >= at_least), found[-1])


def source_types(crop: str) -> list[str]:
    """The content types offered as <source> elements before the JPEG fallback."""
    return [FORMATS[fmt][1] for fmt in _formats(crop) if fmt != "JPEG"]


def _srcset(records) -> str:
    return ", ".join(f"{url(record)} {record['width']}w" for record in records)


def picture_html(image, crop="wide", sizes="100vw", *, alt=None, loading="lazy", priority=False):
    """A responsive <picture> of one crop of a library image: AVIF and WebP sources and a
    JPEG <img>, every recorded width in `srcset`, the layout's `sizes`, the crop's shape as
    width and height, alt text (the library's unless given). "" until renditions exist."""
    jpegs = files(image, crop)
    if not jpegs:
        return ""
    # The fallback src: a middling width (what a browser without srcset gets).
    fallback = next((record for record in jpegs if record["width"] >= 640), jpegs[-1])
    largest = jpegs[-1]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (content_type, _srcset(files(image, crop, content_type)), sizes)
            for content_type in source_types(crop)
            if files(image, crop, content_type)
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="{}"{}></picture>',
        sources,
        url(fallback),
        _srcset(jpegs),
        sizes,
        largest["width"],
        largest["height"],
        image.alt_text if alt is None else alt,
        loading,
        "sync" if priority else "async",
        format_html(' fetchpriority="{}"', "high") if priority else "",
    )
