"""Image renditions: a fixed set of sizes, each as WebP and JPEG, made once when an image is saved.

A newsroom needs a handful of known crops (cards, the article lead, social previews), not
arbitrary thumbnails, so the names and sizes live here. URLs are computed without touching
storage, so a listing of fifty cards costs no file-system or object-store calls; the files
themselves are written by `make_renditions()` when the image is saved.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# name: (width, height). All crops are centred.
RENDITIONS = {
    "card": (640, 360),
    "lead": (1280, 720),
    "square": (600, 600),
    "social": (1200, 630),
}
FORMATS = {"webp": ("WEBP", "image/webp"), "jpg": ("JPEG", "image/jpeg")}


def rendition_name(original_name: str, rendition: str, fmt: str) -> str:
    stem = PurePosixPath(original_name).with_suffix("")
    return f"renditions/{rendition}/{stem}.{fmt}"


def rendition_url(image, rendition: str, fmt: str = "jpg") -> str:
    """The URL of one rendition of an ImageField file, or "" when there is no image."""
    if not image:
        return ""
    return default_storage.url(rendition_name(image.name, rendition, fmt))


def make_renditions(image, *, overwrite: bool = False) -> list[str]:
    """Write every rendition of `image` (an ImageField file) to storage; returns the names written."""
    if not image:
        return []
    written = []
    with image.open("rb") as handle, Image.open(handle) as original:
        original = ImageOps.exif_transpose(original).convert("RGB")
        for rendition, size in RENDITIONS.items():
            cropped = ImageOps.fit(original, size, Image.Resampling.LANCZOS)
            for fmt, (pil_format, _) in FORMATS.items():
                name = rendition_name(image.name, rendition, fmt)
                if default_storage.exists(name):
                    if not overwrite:
                        continue
                    default_storage.delete(name)
                buffer = BytesIO()
                cropped.save(buffer, pil_format, quality=82, optimize=True)
                default_storage.save(name, ContentFile(buffer.getvalue()))
                written.append(name)
    return written
