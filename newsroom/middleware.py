"""What the whole site refuses before any page looks at a request: addresses holding NUL.

No address here can contain a NUL character: no slug, preview token or remembered old path
holds one. PostgreSQL cannot even be asked (psycopg refuses text with NUL: a DataError, so a
500), and a crafted `/tags/%00/` would otherwise reach a slug lookup or the old-address lookup
behind every 404. Such a path gets the site's ordinary 404 page instead, on every database;
under the read API's address, the API's JSON 404, as every refusal of the API is.
"""

from django.http import Http404
from django.urls import reverse

from articles.public.views import api


class NulPathMiddleware:
    """Answer the ordinary 404 for any path holding a NUL character, before views or the
    old-address lookup send it to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            if request.path.startswith(reverse("articles:api_ninjs")):
                return api.refusal("No story, event or plan has an id holding NUL.", 404)
            # Raised, not returned: Django renders its 404 handler (templates/404.html) for it.
            raise Http404("No address contains a NUL character.")
        return self.get_response(request)
