"""Display helpers for the public site: times, structured data and absolute URLs.

`{% load newsroom %}` then `{% timestamp article.published_at %}`, `{% json_ld data %}`,
`{{ url|absolute }}`, `{{ moment|w3c }}`.
"""

import json
from datetime import timedelta

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.addresses.absolute import absolute_url
from articles.public.page_head import site_head
from articles.public.timestamps import w3c_datetime

register = template.Library()

# Inside <script>, HTML parsing only cares about "</script" and "<!--"; escaping these three
# characters (as Django's json_script does) means no string value can end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Within this age a card also says "3 hours ago" (in the browser).
RELATIVE_FOR = timedelta(hours=24)


@register.simple_tag
def timestamp(value, style="card"):
    """A `<time>` element with an ISO 8601 `datetime` and the exact time, visible.

    style "card": "4 Dec 2026, 14:32 UTC" (listings); within a day it is marked
    `data-relative`, and static/js/relative-times.js adds "· 3 hours ago" beside it (an
    enhancement: computed in the browser, so a page served from a cache stays true);
    style "full": "25 November 2026, 14:32 UTC" (the article page's published/updated times).
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    # No-break spaces: a date may wrap only after its comma, never between time and zone.
    if style == "full":
        label = format_date(local, "j\u00a0F\u00a0Y, H:i\u00a0T")
        return format_html('<time datetime="{}">{}</time>', w3c_datetime(value), label)
    label = format_date(local, "j\u00a0M\u00a0Y, H:i\u00a0T")
    if timezone.now() - value < RELATIVE_FOR:
        return format_html(
            '<time datetime="{}" data-relative>{}</time>', w3c_datetime(value), label
        )
    return format_html('<time datetime="{}">{}</time>', w3c_datetime(value), label)


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
def live_now(article) -> bool:
    """Whether a card's story is covered live right now, as far as it was read with the story
    (`with_cards()`): a card never costs a query to ask."""
    coverage = article._state.fields_cache.get("live")
    return coverage is not None and not coverage.has_ended()


@register.filter
def absolute(url):
    """A site path (or media/static URL) made absolute against SITE_URL."""
    return absolute_url(str(url))


@register.inclusion_tag("includes/page_head.html", takes_context=True)
def page_head(context):
    """The page's description, canonical link, social card, feeds and JSON-LD
    (`articles.public.page_head`); the site's defaults where the view gave no `head`."""
    head = context.get("head") or site_head()
    return {
        "head": head,
        "image_is_default": not head.image,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_LOCALE": settings.SITE_LOCALE,
        "TWITTER_SITE": settings.TWITTER_SITE,
    }
