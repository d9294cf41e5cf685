"""The site's 404 answer: Django's (templates/404.html), with a Cache-Control of its own.

Without one, browsers and CDNs may keep a 404 as long as their heuristics like (RFC 9111
allows it), and a story published a minute later would stay "not found" for them. A reader's
404 may be kept by shared caches for a minute and is revalidated by browsers; a signed-in
person's is never stored anywhere.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views import defaults

SHARED_SECONDS = 60


def page_not_found(request, exception):
    response = defaults.page_not_found(request, exception)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_SECONDS)
    return response
