"""Template fragments rendered once per change readers can see, not once per request.

    {% load fragments %}
    {% fragment "nav" current_section.pk %} … {% endfragment %}

The rendered HTML is cached under the fragment's name, the values after it, and the current
edition (`articles.caching.state`): it is exact for the same reason cached pages are — every change
readers can see moves the edition — and it also serves pages the page cache does not (the
first request after a change, staff, a cold page). Whatever the fragment shows must be read
inside it (lazily: querysets, or `SimpleLazyObject`s the view passes), so a cached fragment
costs no query. Previews render live: a context with `preview` set skips the cache.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache

from articles.caching.state import EDITION_KEY, current_edition

register = template.Library()

FRAGMENT_TIMEOUT = 24 * 60 * 60


def request_edition(context) -> str:
    """The edition token, read at most once per request."""
    request = context.get("request")
    token = getattr(request, "_newsroom_edition", None)
    if token is None:
        token = current_edition(cache.get(EDITION_KEY)).token
        if request is not None:
            request._newsroom_edition = token
    return token


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        if not settings.FRAGMENT_CACHE or context.get("preview"):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        parts.append(request_edition(context))
        key = "newsroom:fragment:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_TIMEOUT)
        return html


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value… %}…{% endfragment %}`: see the module docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
