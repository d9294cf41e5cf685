"""Template fragments rendered once per change readers can see, not once per request.

    {% load fragments %}
    {% fragment "nav" current_section.pk %} … {% endfragment %}

The rendered HTML is cached under the fragment's name and the values after it, with the keys
of what it showed (`articles.caching.entries`): it is exact for the same reason cached pages
are — a change forgets the keys it touched — and it also serves pages the page cache does not
(the first request after a change, staff, a cold page); a page rendered around a cached
fragment takes on the fragment's keys. Whatever the fragment shows must be read
inside it (lazily: querysets, or `SimpleLazyObject`s the view passes), so a cached fragment
costs no query. Previews render live: a context with `preview` set skips the cache.
"""

import hashlib

from django import template
from django.conf import settings

from articles.caching.entries import cached

register = template.Library()

FRAGMENT_TIMEOUT = 24 * 60 * 60


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        if not settings.FRAGMENT_CACHE or context.get("preview"):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = "newsroom:fragment:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
        return cached(key, lambda: self.nodelist.render(context), FRAGMENT_TIMEOUT)


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
