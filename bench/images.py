"""What pictures cost: rendition time for a 24-megapixel camera JPEG, the bytes readers save
against the original, and the peak memory of checking the largest upload accepted.

    .venv/bin/python bench/images.py

Needs no database: media goes to a temporary folder. The photo is generated (a noisy
gradient, which compresses like a real photograph rather than like a flat colour); peak memory
is measured in a fresh process (`ru_maxrss` above a bare interpreter with Pillow loaded), the
same way tests/images/test_image_uploads.py bounds it.
"""

import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "true")
WORK = Path(tempfile.mkdtemp(prefix="newsroom-images-"))
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["ORIGINALS_ROOT"] = str(WORK / "originals")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from articles.images import renditions, safety  # noqa: E402
from articles.models.images import originals_storage  # noqa: E402
from bench import peak_memory  # noqa: E402


def photo(size) -> bytes:
    """A photograph-like JPEG: a blurred noise field over a gradient, at camera quality."""
    noise = Image.effect_noise((size[0] // 3, size[1] // 3), 40).filter(ImageFilter.GaussianBlur(1))
    picture = Image.merge(
        "RGB",
        [
            noise.resize(size),
            Image.linear_gradient("L").resize(size),
            noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize(size),
        ],
    )
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def peak_megabytes(path: Path) -> float:
    return peak_memory.peak(path)["megabytes"]


def main():
    original = photo((6000, 4000))
    started = time.perf_counter()
    clean = safety.clean(ContentFile(original), len(original))
    checked = time.perf_counter() - started
    name = originals_storage().save(f"{uuid4().hex}.jpg", ContentFile(clean.data))
    image = SimpleNamespace(
        file=_field(name),
        key=uuid4(),
        focal_x=0.5,
        focal_y=0.5,
        width=clean.width,
        height=clean.height,
    )
    started = time.perf_counter()
    record = renditions.write(image)
    rendered = time.perf_counter() - started
    files = record["files"]
    lead_640 = next(f for f in files if f["crop"] == "wide" and f["width"] == 640)
    lead_640_webp = next(
        f for f in files if f["crop"] == "wide" and f["width"] == 640 and f["type"] == "image/webp"
    )
    largest = WORK / "largest.jpg"
    largest.write_bytes(photo((7700, 5190)))
    print(f"24-megapixel JPEG, {len(original) / 1e6:.1f} MB:")
    print(f"  check and clean on upload: {checked:.2f} s")
    print(f"  {len(files)} renditions (4 crops, AVIF/WebP/JPEG): {rendered:.2f} s")
    print(f"  all renditions together: {sum(f['bytes'] for f in files) / 1e6:.2f} MB")
    print(
        f"  a phone's lead (16:9, 640 px): {lead_640['bytes'] / 1e3:.0f} KB JPEG, "
        f"{lead_640_webp['bytes'] / 1e3:.0f} KB WebP — "
        f"{100 * (1 - lead_640_webp['bytes'] / len(original)):.2f} % less than the original"
    )
    print(
        f"Peak memory checking the largest accepted upload (7700×5190, "
        f"{largest.stat().st_size / 1e6:.1f} MB): {peak_megabytes(largest):.0f} MB"
    )


def _field(name):
    class Original:
        def open(self, mode="rb"):
            return originals_storage().open(name, mode)

    return Original()


if __name__ == "__main__":
    main()
