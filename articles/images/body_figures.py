"""Pictures inside a story's body: figures with captions, drawn from the image library.

The body editor's Figure button (django-prose-editor) opens the library's picker
(`ImageAdmin`'s "pick" screen), which fills in the picture's address, alt text and caption and
marks the image with its library id (`data-file`). On every save a body keeps only such
library pictures (`keep_library_pictures`, part of what a body is, beside sanitising), and the
story's list of body images is filed from them (`file_body_images`, a workflow step's job).
When the page is drawn, each one becomes a responsive <picture> from its renditions
(`draw_figures`), the images read in one query, so a story with ten figures costs the same
one query as a story with none (and none when its cached fragment is served).
"""

import html

from articles.images import renditions
from articles.models import Article, Image
from articles.models.images import ALT_TEXT, IMG_TAG, LIBRARY_ID, keep_library_pictures, library_ids

__all__ = ["draw_figures", "file_body_images", "keep_library_pictures", "library_ids"]

# A figure's width on the page: the body's measure (40rem) on a wide screen, else the screen.
FIGURE_SIZES = "(min-width: 44em) 40rem, 100vw"


def file_body_images(article: Article) -> None:
    """Store which library images the saved story's body shows."""
    article.body_images.set(library_ids(article.body))


def _body_images(article: Article, *, filed: bool):
    """The body's library images: as filed for a saved story (one query however many, and
    none when the story's cached fragment is served), else (a preview of a form's unsaved
    body) looked up by the ids the body carries."""
    if filed and article.pk is not None:
        return article.body_images.all()
    return Image.objects.filter(pk__in=library_ids(article.body))


def draw_figures(article: Article, *, filed: bool = True) -> str:
    """The body with each library picture drawn as a responsive <picture> (alt text as the
    editor wrote it in the figure, else the library's); one not ready yet is left out."""
    images = {image.pk: image for image in _body_images(article, filed=filed)}

    def draw(tag):
        match = LIBRARY_ID.search(tag[0])
        image = images.get(int(match[1])) if match else None
        if image is None:
            return ""
        alt = ALT_TEXT.search(tag[0])
        # The body holds the alt text escaped; picture() escapes what it is given.
        written = html.unescape(alt[1]) if alt and alt[1].strip() else None
        return renditions.picture_html(image, "wide", FIGURE_SIZES, alt=written)

    return IMG_TAG.sub(draw, article.body or "")
