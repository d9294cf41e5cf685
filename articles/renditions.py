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
    wanted = [
        (rendition, size, fmt)
        for rendition, size in RENDITIONS.items()
        for fmt in FORMATS
        if overwrite or not default_storage.exists(rendition_name(image.name, rendition, fmt))
    ]
    if not wanted:
        return []  # Nothing to do: do not pay for decoding the original.
    written = []
    with image.open("rb") as handle, Image.open(handle) as original:
        original = ImageOps.exif_transpose(original).convert("RGB")
        # Shrink a camera original once, so each crop resamples far fewer pixels.
        largest = max(max(size) for size in RENDITIONS.values())
        original.thumbnail((largest * 2, largest * 2), Image.Resampling.LANCZOS)
        crops = {}
        for rendition, size, fmt in wanted:
            if rendition not in crops:
                crops[rendition] = ImageOps.fit(original, size, Image.Resampling.LANCZOS)
            name = rendition_name(image.name, rendition, fmt)
            if overwrite:
                # Saving over a taken name would store the file under another one (on disk and
                # in a bucket alike), where rendition_url() would never look.
                default_storage.delete(name)
            buffer = BytesIO()
            options = {"method": 3} if fmt == "webp" else {"optimize": True, "progressive": True}
            crops[rendition].save(buffer, FORMATS[fmt][0], quality=82, **options)
            default_storage.save(name, ContentFile(buffer.getvalue()))
            written.append(name)
    return written
