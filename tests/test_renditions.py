"""Lead-image renditions: fixed sizes in WebP and JPEG, written once, linked without storage I/O."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import Image

from articles.renditions import RENDITIONS, make_renditions, rendition_name


def _photo(make_article):
    buffer = BytesIO()
    Image.new("RGB", (3000, 2000), (200, 30, 30)).save(buffer, "JPEG")
    story = make_article()
    story.lead_image.save("front-line.jpg", ContentFile(buffer.getvalue()))
    return story


def test_it_writes_every_rendition_once_at_its_exact_size(make_article):
    story = _photo(make_article)
    written = make_renditions(story.lead_image)
    assert len(written) == len(RENDITIONS) * 2
    for name, size in RENDITIONS.items():
        for fmt in ("jpg", "webp"):
            with default_storage.open(rendition_name(story.lead_image.name, name, fmt)) as f:
                assert Image.open(f).size == size
    assert make_renditions(story.lead_image) == []


def test_it_renders_a_picture_with_escaped_alt_text(make_article):
    story = _photo(make_article)
    html = Template('{% load renditions %}{% picture image "card" alt %}').render(
        Context({"image": story.lead_image, "alt": 'Smoke "rises" <b>'})
    )
    assert 'type="image/webp"' in html
    assert 'width="640" height="360"' in html
    assert "Smoke &quot;rises&quot; &lt;b&gt;" in html


def test_it_renders_nothing_without_an_image(make_article):
    html = Template('{% load renditions %}{% picture image "card" "x" %}').render(
        Context({"image": make_article().lead_image})
    )
    assert html == ""
