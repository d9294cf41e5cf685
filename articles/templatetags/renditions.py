"""Pictures in templates: `{% picture image "wide" sizes="…" %}` and the plain rendition URL.

`picture` draws a <picture> whose <source>s offer AVIF and WebP and whose <img> falls back
to JPEG, each with every recorded width in `srcset` and the layout's `sizes`, so a phone
fetches a small file and a wide screen a large one; width and height (the crop's shape) keep
the page from jumping. Until the renditions exist it draws nothing (`articles.renditions`).
"""

from django import template
from django.utils.html import format_html, format_html_join

from .. import renditions

register = template.Library()

# How many cards at the top of a listing load at once (the rest wait until scrolled to).
EAGER_CARDS = 3


def _srcset(records) -> str:
    return ", ".join(f"{renditions.url(record)} {record['width']}w" for record in records)


@register.simple_tag
def picture(image, crop="wide", sizes="100vw", alt=None, loading="lazy", priority=False):
    """A responsive <picture> of one crop of a library image (or "" when there is none)."""
    jpegs = renditions.files(image, crop)
    if not jpegs:
        return ""
    # The fallback src: a middling width (what a browser without srcset gets).
    fallback = next((record for record in jpegs if record["width"] >= 640), jpegs[-1])
    largest = jpegs[-1]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (content_type, _srcset(renditions.files(image, crop, content_type)), sizes)
            for content_type in renditions.source_types(crop)
            if renditions.files(image, crop, content_type)
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="{}"{}></picture>',
        sources,
        renditions.url(fallback),
        _srcset(jpegs),
        sizes,
        largest["width"],
        largest["height"],
        image.alt_text if alt is None else alt,
        loading,
        "sync" if priority else "async",
        format_html(' fetchpriority="{}"', "high") if priority else "",
    )


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
