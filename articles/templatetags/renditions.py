"""Pictures in templates: `{% picture image "wide" sizes="…" %}` and the plain rendition URL.

`picture` draws a <picture> (`renditions.picture_html`) whose <source>s offer AVIF and WebP and whose <img> falls back
to JPEG, each with every recorded width in `srcset` and the layout's `sizes`, so a phone
fetches a small file and a wide screen a large one; width and height (the crop's shape) keep
the page from jumping. Until the renditions exist it draws nothing (`articles.images.renditions`).
"""

from django import template
from django.utils.safestring import mark_safe

from articles.images import body_figures, renditions

register = template.Library()

# How many cards at the top of a listing load at once (the rest wait until scrolled to).
EAGER_CARDS = 3


@register.simple_tag
def picture(image, crop="wide", sizes="100vw", alt=None, loading="lazy", priority=False):
    """A responsive <picture> of one crop of a library image (or "" when there is none)."""
    return renditions.picture_html(image, crop, sizes, alt=alt, loading=loading, priority=priority)


@register.simple_tag
def story_body(article, preview=False):
    """The story's body with its figures drawn from the library (`articles.images.body_figures`);
    a preview draws the figures its (perhaps unsaved) body carries. Safe because the body is
    sanitised on every save and the pictures are built here."""
    return mark_safe(body_figures.draw_figures(article, filed=not preview))  # noqa: S308 - sanitised body, escaped pictures


@register.simple_tag
def rendition(image, crop="share", at_least=0):
    """The plain URL of the JPEG of `crop` at least `at_least` wide (for meta tags), or ""."""
    record = renditions.best(image, crop, at_least)
    return renditions.url(record) if record else ""


@register.filter
def card_loading(loop) -> str:
    """ "eager" for the first cards of a listing (in its first two blocks), else "lazy"."""
    parent = loop.get("parentloop") or {}
    first_block = parent.get("counter", 1) <= 2
    return "eager" if first_block and loop["counter"] <= EAGER_CARDS else "lazy"
