"""Renditions: fixed crops around the focal point, fixed widths, AVIF/WebP/JPEG, made by the
background task (never in the editor's request), recorded with their byte sizes, and drawn
as <picture> with srcset and sizes."""

import re
from io import BytesIO

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template import Context, Template
from django_tasks_db.models import DBTaskResult
from PIL import Image as Pillow

from articles.images import renditions
from articles.images.renditions import CROPS, FORMATS, crop_box
from articles.models import Image


def _open(record):
    with default_storage.open(record["name"]) as handle:
        data = handle.read()
    return Pillow.open(BytesIO(data)), data


def test_it_writes_every_crop_at_its_fixed_widths_in_every_format(make_image):
    image = make_image(size=(3000, 2000))

    records = image.renditions["files"]

    expected = {
        "square": [320, 640, 1024],
        "standard": [320, 640, 1024, 1600],
        "wide": [320, 640, 1024, 1600],
        "share": [1200],
    }
    for crop, widths in expected.items():
        for content_type in ("image/jpeg",) + (() if crop == "share" else ("image/webp",)):
            found = renditions.files(image, crop, content_type)
            assert [record["width"] for record in found] == widths
    for record in records:
        picture, data = _open(record)
        aspect = CROPS[record["crop"]][0]
        assert picture.size == (record["width"], record["height"])
        assert abs(record["width"] / record["height"] - aspect) < 0.01
        assert picture.get_format_mimetype() == record["type"]
        assert record["bytes"] == len(data) == default_storage.size(record["name"])
    assert {record["type"] for record in records} == {FORMATS[f][1] for f in FORMATS}


def test_it_never_enlarges_a_small_original(make_image):
    image = make_image(size=(500, 400))

    assert max(record["width"] for record in image.renditions["files"]) <= 500
    assert [r["width"] for r in renditions.files(image, "square")] == [320, 400]


def test_it_crops_around_the_focal_point(make_image):
    # A white disc near the top right; the focal point on it keeps it in the square crop.
    image = make_image(size=(2000, 1000), focal_x=0.8, focal_y=0.3)
    centred = make_image(size=(2000, 1000), colour=(40, 90, 160))

    square = renditions.best(image, "square", 640)
    picture, _ = _open(square)
    assert picture.getpixel((320, 200))[0] > 200  # white: the disc is in the crop
    plain, _ = _open(renditions.best(centred, "square", 640))
    assert plain.getpixel((320, 200))[0] < 100  # the centred crop misses it
    assert crop_box((2000, 1000), 1.0, (0.6, 0.3)) == (700, 0, 1700, 1000)
    # Near an edge the box stops at the edge rather than leaving the picture.
    assert crop_box((2000, 1000), 1.0, (0.99, 0.5)) == (1000, 0, 2000, 1000)
    assert crop_box((1000, 2000), 16 / 9, (0.5, 0.0)) == (0, 0, 1000, 562)


def test_it_makes_renditions_in_the_background_not_in_the_upload(make_image, run_worker):
    image = make_image(rendered=False)

    assert Image.objects.get(pk=image.pk).renditions == {}
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [image.pk]

    run_worker()

    image.refresh_from_db()
    assert image.ready and renditions.is_current(image)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_it_makes_them_once_and_again_only_when_the_focal_point_moves(make_image):
    image = make_image()
    first = image.renditions["files"]

    assert renditions.make_renditions.call(image.pk) == 0
    image.focal_x = 0.2
    image.save()
    assert renditions.make_renditions.call(image.pk) == len(first)

    image.refresh_from_db()
    assert {r["name"] for r in first}.isdisjoint({r["name"] for r in image.renditions["files"]})
    assert not any(default_storage.exists(record["name"]) for record in first)


def test_it_draws_a_picture_with_srcset_sizes_and_escaped_alt_text(make_image):
    image = make_image(alt_text='Smoke "rises" <b>')

    html = Template(
        '{% load renditions %}{% picture image "wide" sizes="(min-width: 40em) 22rem, 100vw" %}'
    ).render(Context({"image": image}))

    assert '<source type="image/webp" srcset="' in html
    assert 'sizes="(min-width: 40em) 22rem, 100vw"' in html
    srcset = re.search(r'<img [^>]*srcset="([^"]+)"', html)[1]
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == [
        "320w",
        "640w",
        "1024w",
        "1600w",
    ]
    assert 'width="1600" height="900"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html
    assert "Smoke &quot;rises&quot; &lt;b&gt;" in html


def test_it_draws_nothing_until_the_renditions_exist(make_image):
    image = make_image(rendered=False)

    html = Template('{% load renditions %}{% picture image "wide" %}').render(
        Context({"image": image})
    )

    assert html == ""


def test_it_makes_missing_renditions_from_the_command(make_image):
    waiting = [make_image(rendered=False), make_image(rendered=False, colour=(1, 2, 3))]

    call_command("make_renditions", verbosity=0)

    assert all(Image.objects.get(pk=image.pk).ready for image in waiting)
