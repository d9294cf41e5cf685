"""Uploads that cannot hurt the site: real files, made here with Pillow or by hand, posted to
the image library's upload form. Accepted formats are kept as clean re-encodings under
generated names in the private originals store; everything else is refused with a message
that says why, leaving no row and no file behind."""

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from PIL import features

from articles.images import renditions
from articles.models import Image
from articles.models.images import OriginalsStorage
from bench import peak_memory
from tests.conftest import picture_bytes

ADD_URL = "/admin/articles/image/add/"
ROOT = Path(__file__).resolve().parents[2]


def _post(client, data: bytes, name: str, content_type="image/jpeg", **fields):
    form = {
        "title": "Flooded street in Odesa",
        "alt_text": "A street under water",
        "caption": "",
        "credit": "",
        "source": "",
        "usage_terms": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "upload": SimpleUploadedFile(name, data, content_type=content_type),
        **fields,
    }
    return client.post(ADD_URL, form)


def _picture(data: bytes) -> Pillow.Image:
    return Pillow.open(BytesIO(data))


def _originals(settings) -> list[Path]:
    root = Path(settings.STORAGES["originals"]["OPTIONS"]["location"])
    return sorted(path for path in root.rglob("*") if path.is_file())


def _refused(client, settings, data, name, message, content_type="image/jpeg"):
    response = _post(client, data, name, content_type)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[html.find("errorlist") - 200 : html.find("errorlist") + 600]
    assert not Image.objects.exists()
    assert not _originals(settings)
    return html


def _huge_png(side=13300) -> bytes:
    """A PNG of side × side grey pixels that is a few hundred KB on disk: every row is zeros,
    which zlib squeezes a thousandfold. Built by hand, row by row, so making it costs nothing."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    squeeze = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    data = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _gps_jpeg(size=(400, 200)) -> bytes:
    """A JPEG taken "on a phone held sideways": GPS coordinates and orientation 6 in EXIF."""
    exif = Pillow.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 27.0, 1.5), 3: "E", 4: (30.0, 31.0, 2.25)})
    picture = Pillow.new("RGB", size, (200, 40, 40))
    buffer = BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


# Accepted ------------------------------------------------------------------------------------

ACCEPTED = [
    ("photo.jpg", "JPEG", {}),
    ("graphic.png", "PNG", {}),
    ("still.webp", "WEBP", {}),
    ("still.gif", "GIF", {}),
] + ([("modern.avif", "AVIF", {})] if features.check("avif") else [])


@pytest.mark.parametrize(("name", "fmt", "options"), ACCEPTED)
def test_it_accepts_each_allowed_format_under_a_generated_name(
    editor_client, settings, name, fmt, options
):
    response = _post(editor_client, picture_bytes((1200, 800), fmt=fmt, **options), name)

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.format, image.width, image.height) == (fmt, 1200, 800)
    stored = image.file.name
    assert Path(name).stem not in stored
    assert stored.endswith("." + {"JPEG": "jpg"}.get(fmt, fmt.lower()))
    # The original is in the private store, outside the public media folder.
    (original,) = _originals(settings)
    assert original.name == Path(stored).name
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))
    assert _picture(original.read_bytes()).format == fmt
    # Renditions were not made in the request: they wait for the worker.
    assert image.renditions == {}


def test_it_keeps_an_animated_gif_within_the_limit(editor_client):
    frames = [Pillow.new("RGB", (200, 200), (n * 25, 0, 0)) for n in range(10)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)

    assert _post(editor_client, buffer.getvalue(), "spinner.gif").status_code == 302

    with Image.objects.get().file.open() as handle:
        assert _picture(handle.read()).n_frames == 10


def test_it_strips_gps_and_camera_data_and_applies_the_orientation(editor_client, settings):
    upload = _gps_jpeg()
    assert b"PhoneMaker" in upload

    assert _post(editor_client, upload, "IMG_0001.JPG").status_code == 302

    (original,) = _originals(settings)
    stored = original.read_bytes()
    kept = _picture(stored)
    assert kept.size == (200, 400)  # turned upright, as the phone meant it
    assert not kept.getexif()  # no orientation left to apply twice, no GPS, no camera
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    image = Image.objects.get()
    assert (image.width, image.height) == (200, 400)
    renditions.render(image)
    for record in image.renditions["files"]:
        with renditions.default_storage.open(record["name"]) as handle:
            assert not _picture(handle.read()).getexif()


def test_it_keeps_only_the_pixels_of_a_polyglot(editor_client, settings):
    payload = b"<script>alert(document.cookie)</script>"
    archive = b"PK\x03\x04" + b"\x00" * 26 + b"evil.html" + payload
    polyglot = picture_bytes((400, 300), fmt="JPEG") + payload + archive
    jpeg_comment = picture_bytes((400, 300), fmt="JPEG", comment=payload)

    assert _post(editor_client, polyglot, "holiday.jpg").status_code == 302
    assert _post(editor_client, jpeg_comment, "comment.jpg").status_code == 302

    for original in _originals(settings):
        stored = original.read_bytes()
        assert payload not in stored and b"PK\x03\x04" not in stored
        assert _picture(stored).format == "JPEG"


def test_it_gives_same_named_uploads_their_own_files_and_renditions(editor_client, settings):
    red = picture_bytes((1200, 800), colour=(220, 0, 0))
    blue = picture_bytes((1200, 800), colour=(0, 0, 220), fmt="PNG")

    for data, name in ((red, "DSC_0001.JPG"), (red, "DSC_0001.jpg"), (blue, "DSC_0001.png")):
        assert _post(editor_client, data, name, title=name).status_code == 302

    images = list(Image.objects.order_by("pk"))
    assert len({image.file.name for image in images}) == 3
    for image in images:
        renditions.render(image)
    names = [{r["name"] for r in image.renditions["files"]} for image in images]
    assert not (names[0] & names[1]) and not (names[0] & names[2]) and not (names[1] & names[2])
    colours = []
    for image in images:
        record = renditions.best(image, "square", 320)
        with renditions.default_storage.open(record["name"]) as handle:
            colours.append(_picture(handle.read()).convert("RGB").getpixel((10, 10)))
    assert colours[0][0] > 180 and colours[1][0] > 180 and colours[2][2] > 180


# Refused -------------------------------------------------------------------------------------

NOT_ACCEPTED = "This file is not a picture we accept"


def test_it_refuses_a_tiny_png_that_would_inflate_to_177_megapixels(editor_client, settings):
    bomb = _huge_png()
    assert len(bomb) < 600_000

    _refused(
        editor_client,
        settings,
        bomb,
        "map.png",
        "This picture is 13300×13300 pixels (177 megapixels); the limit is 40 megapixels.",
        "image/png",
    )


def test_it_refuses_more_pixels_than_its_own_limit(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000

    _refused(
        editor_client,
        settings,
        picture_bytes((1500, 1000), fmt="PNG"),
        "big.png",
        "the limit is 1 megapixels",
        "image/png",
    )


def test_it_refuses_an_svg_with_a_script(editor_client, settings):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>alert(1)</script><rect width='100' height='100'/></svg>"
    )

    _refused(editor_client, settings, svg, "chart.svg", NOT_ACCEPTED, "image/svg+xml")
    _refused(editor_client, settings, svg, "chart.png", NOT_ACCEPTED, "image/png")


def test_it_refuses_a_pdf_renamed_as_a_jpeg(editor_client, settings):
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )

    _refused(editor_client, settings, pdf, "scan.jpg", NOT_ACCEPTED)


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "PSD_LIKE", "EPS_LIKE"])
def test_it_refuses_other_formats_renamed_as_a_jpeg(editor_client, settings, fmt):
    if fmt == "PSD_LIKE":
        data = b"8BPS\x00\x01" + b"\x00" * 6 + struct.pack(">HIIHH", 3, 100, 100, 8, 3)
    elif fmt == "EPS_LIKE":
        data = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"
    else:
        data = picture_bytes((300, 200), fmt=fmt)

    _refused(editor_client, settings, data, "photo.jpg", NOT_ACCEPTED)


def test_it_refuses_a_file_over_the_size_limit(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 4096
    data = picture_bytes((1200, 800), fmt="PNG")

    _refused(
        editor_client,
        settings,
        data,
        "big.png",
        f"This file is {len(data) // 1024} KB; pictures may be at most 4 KB.",
        "image/png",
    )


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((20_000, 20), "no side may exceed"),
        ((3000, 100), "nor be more than 12 times"),
        ((8, 8), "too small"),
    ],
)
def test_it_refuses_absurd_dimensions(editor_client, settings, size, message):
    _refused(
        editor_client, settings, picture_bytes(size, fmt="PNG"), "odd.png", message, "image/png"
    )


def test_it_refuses_an_animation_with_too_many_pixels_over_all_frames(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 2_000_000
    frames = [Pillow.new("RGB", (500, 500), (n * 20, 0, 0)) for n in range(12)]  # 3 MP in all
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])

    _refused(editor_client, settings, buffer.getvalue(), "loop.gif", "This animation has 12 frames")


def test_it_refuses_a_damaged_picture(editor_client, settings):
    cut = picture_bytes((1200, 800))[:3000]

    _refused(editor_client, settings, cut, "cut.jpg", "damaged or cut short")


def test_it_leaves_no_row_when_the_store_fails(editor_client, settings, monkeypatch):
    def full_disk(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(OriginalsStorage, "save", full_disk)

    _refused(editor_client, settings, picture_bytes(), "photo.jpg", "could not be stored")


# Memory ---------------------------------------------------------------------------------------


def _peak(path: Path) -> dict:
    """Peak memory (above a bare interpreter with Pillow loaded) of checking one upload."""
    return peak_memory.peak(path)


def test_it_refuses_the_decompression_bomb_without_inflating_it(tmp_path):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_huge_png())

    measured = _peak(bomb)

    assert "the limit is 40 megapixels" in measured["outcome"]
    assert measured["megabytes"] < 20


def test_it_keeps_the_peak_memory_of_the_largest_accepted_upload_bounded(tmp_path):
    # 7700 × 5190 is just under the 40-megapixel limit: the largest picture accepted.
    largest = tmp_path / "largest.jpg"
    largest.write_bytes(picture_bytes((7700, 5190), quality=90))

    measured = _peak(largest)

    assert measured["outcome"] == "kept"
    # One RGB decode (120 MB) and its re-encode; stated in docs/editors/pictures.md, "Measured".
    assert measured["megabytes"] < 400, measured
