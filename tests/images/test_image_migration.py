"""Migration 0025 on a newsroom that already has pictures: every lead image and author photo
moves into the library with its alt text, caption and credit (one library image per file,
shared by the stories that used it), cleaned and kept privately; the public copies and the
old renditions go; a file the checks refuse is kept as it was, privately; nothing is lost."""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image as Pillow

from articles.models import Article, Author, Image
from tests.images.test_image_uploads import _gps_jpeg

BEFORE = [("articles", "0024_wire_desk")]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _latest_schema_afterwards(transactional_db):
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_it_moves_old_pictures_into_the_library_with_nothing_lost(settings):
    old = migrate(BEFORE)
    model = lambda name: old.get_model("articles", name)  # noqa: E731
    world = model("Section").objects.create(name="World", slug="world")
    shared = default_storage.save("lead/2026/01/DSC_0001.JPG", ContentFile(_gps_jpeg()))
    default_storage.save("renditions/card/lead/2026/01/DSC_0001.jpg", ContentFile(b"old"))
    tiff = BytesIO()
    Pillow.new("RGB", (300, 300), "grey").save(tiff, "TIFF")
    photo = default_storage.save("authors/olena.jpg", ContentFile(tiff.getvalue()))
    an_hour_ago = timezone.now() - timedelta(hours=1)

    def story(slug, image):
        return model("Article").objects.create(
            headline=f"Story {slug}",
            slug=slug,
            section=world,
            byline_override="Agencies",
            status="published",
            published_at=an_hour_ago,
            first_published_at=an_hour_ago,
            lead_image=image,
            lead_image_alt="Firefighters at the depot",
            lead_image_caption="The depot burned for six hours.",
            lead_image_credit="Jane Doe / Reuters",
        )

    story("first", shared)
    story("second", shared)
    story("lost", "lead/2025/12/gone.jpg")
    model("Author").objects.create(name="Olena Kovalenko", slug="olena", photo=photo)

    migrate()

    first, second, lost = (Article.objects.get(slug=s) for s in ("first", "second", "lost"))
    image = first.lead_image
    assert second.lead_image == image and lost.lead_image is None
    assert (image.alt_text, image.caption, image.credit) == (
        "Firefighters at the depot",
        "The depot burned for six hours.",
        "Jane Doe / Reuters",
    )
    assert (image.format, image.width, image.height) == ("JPEG", 200, 400)
    with image.file.open() as handle:
        kept = handle.read()
    assert b"PhoneMaker" not in kept and not Pillow.open(BytesIO(kept)).getexif()
    # The public copies are gone; the original lives in the private store.
    media = Path(settings.MEDIA_ROOT)
    assert not [path for path in media.rglob("*") if path.is_file()]
    portrait = Author.objects.get(slug="olena").photo
    assert portrait.alt_text == "Olena Kovalenko"
    assert portrait.format == ""  # refused by the checks: kept as it was, never shown
    with portrait.file.open() as handle:
        assert handle.read() == tiff.getvalue()
    assert Image.objects.count() == 2
