"""Permanent URLs: remembering old addresses and answering them with 301 (or 410).

Anything that changes a public address (a story's slug, a tag rename or merge, a source merge)
calls `remember_old_path()`. `RedirectFallbackMiddleware` consults the records only when a
request would otherwise be a 404, so live pages pay nothing for it.
"""

from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.template.loader import render_to_string

from .models import Article, Redirect


def remember_old_path(old_path: str, *, article: Article | None = None, new_path: str = "") -> None:
    """Leave a permanent redirect at `old_path`, to a story (followed wherever it moves) or a path.

    Chains collapse: redirects that led to `old_path` now lead straight to `new_path`, so a
    reader never walks through several hops. A path that becomes live again stops redirecting.
    """
    if old_path == new_path:
        return
    if new_path:
        Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
        Redirect.objects.filter(old_path=new_path).delete()
    if article is not None:
        Redirect.objects.filter(old_path=article.get_absolute_url()).delete()
    Redirect.objects.update_or_create(
        old_path=old_path, defaults={"article": article, "new_path": new_path}
    )


def resolve_old_path(request, path: str):
    """The response for an old address: 301 to where it lives now, 410 if withdrawn, else None."""
    record = Redirect.objects.select_related("article__section").filter(old_path=path).first()
    if record is None:
        return None
    if record.article is None:
        return HttpResponsePermanentRedirect(record.new_path)
    if Article.objects.published().filter(pk=record.article_id).exists():
        return HttpResponsePermanentRedirect(record.article.get_absolute_url())
    return HttpResponseGone(render_to_string("410.html", request=request))


class RedirectFallbackMiddleware:
    """Turn a 404 at a remembered old address into its redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        redirect = resolve_old_path(request, request.path)
        if redirect is None:
            return response
        if isinstance(redirect, HttpResponsePermanentRedirect) and request.META.get("QUERY_STRING"):
            redirect["Location"] += "?" + request.META["QUERY_STRING"]
        return redirect
