"""What an uploaded picture must be before the newsroom keeps it, and the clean copy it keeps.

Only JPEG, PNG, WebP, GIF and AVIF are read, by Pillow told to try those formats and no
other (so a TIFF, PSD, PDF, EPS, SVG or JPEG 2000 renamed ``.jpg`` is refused, whatever its
name or the browser's content type). The checks run in order of cost: the byte size before
anything is read, then the dimensions and frame count from the header, and only then the
pixels are decoded — so a 544 KB PNG that would inflate to 13300×13300 pixels is refused
without allocating them. What is kept is a re-encoding of the pixels alone, with the EXIF
orientation applied and every other piece of metadata (GPS location, camera serials,
comments, and any script or archive glued to the file) left behind; only the colour profile
travels along. The stored name comes from the detected format, never the uploaded name.

This module knows nothing of Django, so it can be measured in a bare process.
"""

import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError, features

# Pillow format name → (file extension, content type). AVIF only where Pillow can read it.
ACCEPTED = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}
if features.check("avif"):
    ACCEPTED["AVIF"] = ("avif", "image/avif")

SAVE_OPTIONS = {
    # No `optimize` or `progressive`: libjpeg would hold every coefficient of the picture in
    # memory to do them (about 240 MB more for 40 megapixels).
    "JPEG": {"quality": 92},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 90},
    "GIF": {},
    "AVIF": {"quality": 85},
}
ORIENTATION = 0x0112
# What an image's `info` may keep: how its pixels are to be shown, nothing about who or where.
PIXEL_INFO = {"icc_profile", "transparency", "duration", "loop", "background"}


class PictureRefused(ValueError):
    """The upload is not a picture the newsroom will keep; the message says why, for the form."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    # Longer than any camera or panorama a newsroom uses; beyond it a "picture" is a trick.
    max_side: int = 12_000
    min_side: int = 16
    max_aspect: float = 12.0
    # All frames of an animation together.
    max_animation_pixels: int = 40_000_000


@dataclass(frozen=True)
class CleanPicture:
    data: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ACCEPTED[self.format][0]

    @property
    def content_type(self) -> str:
        return ACCEPTED[self.format][1]


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _names() -> str:
    names = [{"WEBP": "WebP"}.get(name, name) for name in ACCEPTED]
    return ", ".join(names[:-1]) + " or " + names[-1]


def check_size(size: int | None, limits: Limits) -> None:
    """Refuse a file larger than the limit, before a byte of it is read."""
    if size is None or size > limits.max_bytes:
        raise PictureRefused(
            f"This file is {_megabytes(size or 0)}; pictures may be at most "
            f"{_megabytes(limits.max_bytes)}. Export a smaller JPEG and upload that.",
        )
    if size == 0:
        raise PictureRefused("This file is empty.")


def open_checked(handle, limits: Limits) -> Image.Image:
    """Open `handle` as one of the accepted formats and check what its header says; no pixel
    is decoded here."""
    try:
        with warnings.catch_warnings():
            # Pillow's own alarm sounds far above our limit; ours is checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(handle, formats=list(ACCEPTED))
    except Image.DecompressionBombError:
        raise PictureRefused(
            f"This picture has far more pixels than we accept (at most "
            f"{limits.max_pixels / 1e6:.0f} megapixels). Resize it and upload again."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise PictureRefused(
            f"This file is not a picture we accept: upload a {_names()} image. (Other "
            "formats, such as TIFF, PDF, SVG or PSD, and renamed files are refused.)"
        ) from None
    width, height = picture.size
    if min(width, height) < limits.min_side:
        raise PictureRefused(
            f"This picture is {width}×{height} pixels: too small to use (at least "
            f"{limits.min_side} pixels each way)."
        )
    if width * height > limits.max_pixels:
        raise PictureRefused(
            f"This picture is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"the limit is {limits.max_pixels / 1e6:.0f} megapixels. Resize it and upload again."
        )
    if max(width, height) > limits.max_side or max(width, height) / min(width, height) > (
        limits.max_aspect
    ):
        raise PictureRefused(
            f"This picture is {width}×{height} pixels: no side may exceed {limits.max_side} "
            f"pixels, nor be more than {limits.max_aspect:g} times the other."
        )
    frames = getattr(picture, "n_frames", 1)
    if frames * width * height > limits.max_animation_pixels:
        raise PictureRefused(
            f"This animation has {frames} frames of {width}×{height} pixels: too much to show "
            f"(at most {limits.max_animation_pixels / 1e6:.0f} megapixels over all frames)."
        )
    return picture


def clean(handle, size: int | None, limits: Limits | None = None) -> CleanPicture:
    """Check the upload in `handle` (`size` bytes long) and return the copy to keep, or raise
    `PictureRefused` with a message for the editor."""
    limits = limits or Limits()
    check_size(size, limits)
    handle.seek(0)
    with open_checked(handle, limits) as picture:
        detected = picture.format
        frames = getattr(picture, "n_frames", 1)
        try:
            picture.load()
            upright = frames > 1 or picture.getexif().get(ORIENTATION, 1) == 1
            # Turned only when the camera says so: a copy of 40 megapixels is 120 MB more.
            kept = picture if upright else ImageOps.exif_transpose(picture)
            data = _encode(kept, detected, animated=frames > 1)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise PictureRefused(
                "This picture is damaged or cut short and cannot be read. Export it again."
            ) from None
        width, height = kept.size
    return CleanPicture(data=data, format=detected, width=width, height=height)


def _encode(picture: Image.Image, fmt: str, *, animated: bool) -> bytes:
    """The pixels alone (plus the colour profile) in `fmt`: no EXIF, XMP, comments or trailers."""
    # Some encoders copy what the image carries (JPEG and GIF comments, AVIF's EXIF): keep
    # only what describes the pixels.
    picture.info = {key: value for key, value in picture.info.items() if key in PIXEL_INFO}
    options = dict(SAVE_OPTIONS[fmt])
    profile = picture.info.get("icc_profile")
    if profile:
        options["icc_profile"] = profile
    if animated:
        options["save_all"] = True
        if "duration" in picture.info:
            options["duration"] = picture.info["duration"]
        options["loop"] = picture.info.get("loop", 0)
    if fmt == "PNG" and "transparency" in picture.info:
        options["transparency"] = picture.info["transparency"]
    if fmt == "JPEG" and picture.mode not in ("RGB", "L", "CMYK"):
        picture = picture.convert("RGB")
    buffer = BytesIO()
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()
