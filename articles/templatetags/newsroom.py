"""Display helpers for the public site: times, structured data and absolute URLs.

`{% load newsroom %}` then `{% timestamp article.published_at %}`, `{% json_ld data %}`,
`{{ url|absolute }}`, `{{ moment|w3c }}`.
"""

import json
from datetime import timedelta

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..addresses import absolute_url
from ..page_head import site_head
from ..timestamps import w3c_datetime

register = template.Library()

# Inside <script>, HTML parsing only cares about "</script" and "<!--"; escaping these three
# characters (as Django's json_script does) means no string value can end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Within this age a reader gets "3 hours ago"; after it, a date.
RELATIVE_FOR = timedelta(hours=24)


@register.simple_tag
def timestamp(value, style="relative"):
    """A `<time>` element with an ISO 8601 `datetime` and a reader-friendly label.

    style "relative": "3 hours ago" within a day, else "25 November 2026";
    style "full": "25 November 2026, 14:32 UTC" (the article page's published/updated times).
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    full = format_date(local, "j F Y, H:i T")
    if style == "full":
        label = full
    elif timezone.now() - value < RELATIVE_FOR:
        # static/js/relative-times.js refreshes these, so a page served from a cache stays true.
        return format_html(
            '<time datetime="{}" title="{}" data-relative>{}</time>',
            w3c_datetime(value),
            full,
            naturaltime(value),
        )
    else:
        label = format_date(local, "j F Y")
    return format_html('<time datetime="{}" title="{}">{}</time>', w3c_datetime(value), full, label)


@register.simple_tag
def json_ld(data):
    """`<script type="application/ld+json">` holding `data`, escaped so it cannot break out."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe: the escapes above leave no "<", ">" or "&" in the JSON text.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def w3c(moment):
    """A time as machines read it (`timestamps.w3c_datetime`): sitemaps, OpenGraph."""
    return w3c_datetime(moment)


@register.filter
def absolute(url):
    """A site path (or media/static URL) made absolute against SITE_URL."""
    return absolute_url(str(url))


@register.inclusion_tag("includes/page_head.html", takes_context=True)
def page_head(context):
    """The page's description, canonical link, social card, feeds and JSON-LD
    (`articles.page_head`); the site's defaults where the view gave no `head`."""
    head = context.get("head") or site_head()
    return {
        "head": head,
        "image_is_default": not head.image,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_LOCALE": settings.SITE_LOCALE,
        "TWITTER_SITE": settings.TWITTER_SITE,
    }
