"""Give demo stories their lead images and demo authors their portraits, through the library.

Only what is missing is drawn: a story or author that already has a library picture is
skipped. Pictures go in as an editor's upload does (`image_library`: checked, cleaned,
stored privately); their renditions are made here at once rather than by the worker, so the
demo shows pictures on its first page load. Pillow releases the GIL while it resizes and
encodes, so drawing and renditions run on a small thread pool; database writes stay on the
calling thread.
"""

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.core.files.base import ContentFile

from articles.images import library, renditions, safety

from ..models import Article, Author, Image
from . import content, images
from .stories import STORIES

CREDIT = "Illustration: Newsroom demo"


def illustrate(report: Callable[[str], None] = lambda message: None) -> dict[str, int]:
    """Draw and attach every missing demo picture; returns how many of each were made."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        portraits = _attach_portraits(pool, report)
        leads = _attach_lead_images(pool, report)
        unrendered = [image for image in Image.objects.all() if not renditions.is_current(image)]
        for image, record in zip(unrendered, pool.map(renditions.write, unrendered), strict=True):
            renditions.keep(image, record)
            report(f"renditions of {image.title} ({len(record['files'])} files)")
    return {"author photos": portraits, "lead images": leads}


def _add(picture: bytes, image: Image) -> Image:
    clean = safety.clean(ContentFile(picture), len(picture), library.limits())
    return library.add_image(clean, image)


def _attach_portraits(pool: ThreadPoolExecutor, report) -> int:
    authors = list(Author.objects.filter(slug__in=content.AUTHORS, photo__isnull=True))
    colours = [content.SECTIONS["world"][2], content.SECTIONS["science"][2]]
    pending = [
        pool.submit(images.portrait, author.slug, colours[index % len(colours)])
        for index, author in enumerate(authors)
    ]
    for author, future in zip(authors, pending, strict=True):
        author.photo = _add(
            future.result(),
            Image(title=f"{author.name} (portrait)", alt_text=author.name, credit=CREDIT),
        )
        author.save(update_fields=["photo"])
        report(f"photo of {author.name}")
    return len(authors)


def _attach_lead_images(pool: ThreadPoolExecutor, report) -> int:
    sections = {story.slug: story.section for story in STORIES}
    articles = list(
        Article.objects.filter(slug__in=sections, lead_image__isnull=True).select_related("section")
    )
    pending = [
        pool.submit(images.lead_image, article.slug, content.SECTIONS[sections[article.slug]][2])
        for article in articles
    ]
    for article, future in zip(articles, pending, strict=True):
        colour_name = content.SECTIONS[sections[article.slug]][3]
        # Saved as a picture desk would (not a new revision of the story): the library
        # image is the story's picture from now on.
        image = _add(
            future.result(),
            Image(
                title=article.headline[:200],
                alt_text=f"Abstract illustration: soft geometric shapes over a {colour_name} "
                "gradient.",
                caption=f"An illustration for the {article.section.name} desk; the demo "
                "newsroom uses no photographs.",
                credit=CREDIT,
            ),
        )
        Article.objects.filter(pk=article.pk).update(lead_image=image)
        report(f"lead image of {article.slug}")
    return len(articles)
