"""`{% picture image "card" alt %}`: a responsive <picture> for one named rendition."""

from django import template
from django.utils.html import format_html

from ..renditions import RENDITIONS, rendition_url

register = template.Library()


@register.simple_tag
def picture(image, rendition, alt="", loading="lazy"):
    if not image:
        return ""
    width, height = RENDITIONS[rendition]
    return format_html(
        '<picture><source type="image/webp" srcset="{}">'
        '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"></picture>',
        rendition_url(image, rendition, "webp"),
        rendition_url(image, rendition, "jpg"),
        width,
        height,
        alt,
        loading,
    )


@register.simple_tag
def rendition(image, name, fmt="jpg"):
    """The plain URL of a rendition (for OpenGraph and JSON-LD)."""
    return rendition_url(image, name, fmt)
