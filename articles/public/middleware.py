"""Old addresses answered: a 404 at a remembered old path becomes its 301 (or 410).

`articles.addresses.redirects.remember_old_path()` records old addresses whenever one changes; this
middleware reads those records, and only when a request would otherwise be a 404, so live
pages pay nothing for it.
"""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from articles.models import Redirect
from articles.public.views.stories import story_gone


def answer_old_path(request: HttpRequest, path: str) -> HttpResponse | None:
    """The answer for an old address, or None to let the 404 stand.

    A path record answers 301 to the new path. A story record answers 301 to the story while
    readers can see it and 410 Gone once they no longer can (`Article.is_gone`); a story that
    was never public answers nothing, so an old draft slug reveals no more than an unknown one.
    """
    record = Redirect.objects.select_related("article__section").filter(old_path=path).first()
    if record is None:
        return None
    if record.article is None:
        return HttpResponsePermanentRedirect(record.new_path)
    if record.article.is_public:
        return HttpResponsePermanentRedirect(record.article.get_absolute_url())
    if record.article.is_gone:
        return story_gone(request)
    return None


class RedirectFallbackMiddleware:
    """Turn a 404 at a remembered old address into its redirect (keeping the query string)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        answer = answer_old_path(request, request.path)
        if answer is None:
            return response
        if isinstance(answer, HttpResponsePermanentRedirect) and request.META.get("QUERY_STRING"):
            answer["Location"] += "?" + request.META["QUERY_STRING"]
        return answer
