"""Give demo stories their lead images (with renditions) and demo authors their portraits.

Only what is missing is drawn: a story whose image file and renditions exist is skipped
without opening a file. Pillow releases the GIL while it resizes and encodes, so drawing and
renditions run on a small thread pool; database writes stay on the calling thread.
"""

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from ..models import Article, Author
from ..renditions import FORMATS, RENDITIONS, make_renditions, rendition_name
from . import content, images
from .stories import STORIES

CREDIT = "Illustration: Newsroom demo"


def illustrate(report: Callable[[str], None] = lambda message: None) -> dict[str, int]:
    """Draw and attach every missing demo picture; returns how many of each were made."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        portraits = _attach_portraits(pool, report)
        leads = _attach_lead_images(pool, report)
    return {"author photos": portraits, "lead images": leads}


def _stored_name(instance, field_name: str, filename: str) -> str:
    """The name the field would store `filename` under (its upload_to applied)."""
    return instance._meta.get_field(field_name).generate_filename(instance, filename)


def _has_file(image) -> bool:
    return bool(image) and default_storage.exists(image.name)


def _renditions_complete(image) -> bool:
    return not image or all(
        default_storage.exists(rendition_name(image.name, rendition, fmt))
        for rendition in RENDITIONS
        for fmt in FORMATS
    )


def _attach(instance, field_name: str, filename: str, picture: bytes | None) -> None:
    """Save `picture` through the image field, or reuse the same demo file left in storage
    by an earlier load (a reset database must not pile up copies)."""
    field_file = getattr(instance, field_name)
    name = _stored_name(instance, field_name, filename)
    if picture is None:
        field_file.name = name
    else:
        field_file.save(filename, ContentFile(picture), save=False)


def _attach_portraits(pool: ThreadPoolExecutor, report) -> int:
    authors = [
        author
        for author in Author.objects.filter(slug__in=content.AUTHORS)
        if not _has_file(author.photo)
    ]
    colours = [content.SECTIONS["world"][2], content.SECTIONS["science"][2]]
    pending = {}
    for index, author in enumerate(authors):
        if not default_storage.exists(_stored_name(author, "photo", f"{author.slug}.jpg")):
            pending[author.slug] = pool.submit(
                images.portrait, author.slug, colours[index % len(colours)]
            )
    with transaction.atomic():
        for author in authors:
            future = pending.get(author.slug)
            _attach(author, "photo", f"{author.slug}.jpg", future.result() if future else None)
            author.save(update_fields=["photo"])
            report(f"photo {author.photo.name}")
    return len(authors)


def _attach_lead_images(pool: ThreadPoolExecutor, report) -> int:
    sections = {story.slug: story.section for story in STORIES}
    articles = Article.objects.filter(slug__in=sections).select_related("section")
    without_file = [article for article in articles if not _has_file(article.lead_image)]
    pending = {}
    for article in without_file:
        if not default_storage.exists(_stored_name(article, "lead_image", f"{article.slug}.jpg")):
            colour = content.SECTIONS[sections[article.slug]][2]
            pending[article.slug] = pool.submit(images.lead_image, article.slug, colour)
    with transaction.atomic():
        for article in without_file:
            future = pending.get(article.slug)
            picture = future.result() if future else None
            _attach(article, "lead_image", f"{article.slug}.jpg", picture)
            _describe(article, sections[article.slug])
            article.save(
                update_fields=[
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            )
    unrendered = [article for article in articles if not _renditions_complete(article.lead_image)]
    for article, written in zip(
        unrendered,
        pool.map(lambda article: make_renditions(article.lead_image), unrendered),
        strict=True,
    ):
        report(f"lead image {article.lead_image.name} (+{len(written)} renditions)")
    return len(without_file)


def _describe(article: Article, section_slug: str) -> None:
    """Alt text, caption and credit, unless an editor has already written them."""
    colour_name = content.SECTIONS[section_slug][3]
    article.lead_image_alt = article.lead_image_alt or (
        f"Abstract illustration: soft geometric shapes over a {colour_name} gradient."
    )
    article.lead_image_caption = article.lead_image_caption or (
        f"An illustration for the {article.section.name} desk; the demo newsroom uses no "
        "photographs."
    )
    article.lead_image_credit = article.lead_image_credit or CREDIT
