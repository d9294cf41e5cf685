"""The article form's background calls: autosave and presence, and what the form shows of them.

    GET    autosave/<form>/   the editor's kept copy of that form (to restore it)
    POST   autosave/<form>/   keep the form as it is now (JSON: {"fields": […], "labels": {…}})
    DELETE autosave/<form>/   forget the kept copy (the editor chose "Discard")
    POST   <id>/presence/     "I have this story open" (JSON: {"typing": bool, "version": n});
                              answers who else has, and whether the story was saved meanwhile
    POST   <id>/presence/leave/   "I closed it"

`<form>` is "story-<id>" or, for a story never saved, "new-<token>" (made when the "Add
article" page is drawn). Every call goes through the admin's login and CSRF checks, is refused
(403) to anyone who may not change that story (or, for a new one, write stories), and is
throttled per editor (429). The rules themselves live in `articles.desk.autosave` and
`articles.desk.presence`; this module answers HTTP.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.desk import autosave, presence, rate_limits
from articles.models import Article, AuditEntry

# Above the form's own cap: what the request may weigh with its JSON punctuation.
MAX_REQUEST_BYTES = autosave.MAX_BYTES + 64 * 1024
MAX_PRESENCE_BYTES = 1024


def urls(model_admin):
    """The background endpoints, wrapped in the admin's login, CSRF and never-cache."""
    wrap = model_admin.admin_site.admin_view

    def bind(view):
        return wrap(lambda request, *args, **kwargs: view(model_admin, request, *args, **kwargs))

    return [
        path("autosave/<str:form_key>/", bind(autosave_view), name="articles_article_autosave"),
        path("<int:pk>/presence/", bind(presence_view), name="articles_article_presence"),
        path("<int:pk>/presence/leave/", bind(leave_view), name="articles_article_presence_leave"),
    ]


def _story_for_key(form_key: str) -> Article | None:
    """The story a form key names (None: a new story's form); 404 for anything else."""
    if autosave.is_new_story_key(form_key):
        return None
    prefix, _, pk = form_key.partition("-")
    if prefix != "story" or not pk.isdigit():
        raise Http404("No such form.")
    return get_object_or_404(Article, pk=pk)


def _may_work_on(model_admin, request, story) -> bool:
    if story is None:
        return model_admin.has_add_permission(request)
    return model_admin.has_change_permission(request, story)


def _refuse(message: str, status: int, **headers) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _json_body(request, limit: int):
    """The request's JSON object, or a refusal to answer with."""
    if _declared_length(request) > limit:
        return None, _refuse("Too large to keep.", 413)
    body = request.body
    if len(body) > limit:
        return None, _refuse("Too large to keep.", 413)
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        return None, _refuse("Not JSON.", 400)
    if not isinstance(payload, dict):
        return None, _refuse("Expected a JSON object.", 400)
    return payload, None


def _throttled(request, action: str, per_minute: int) -> JsonResponse | None:
    if rate_limits.allow(request.user, action, per_minute=per_minute):
        return None
    return _refuse("Too many requests: slow down.", 429, Retry_After=str(rate_limits.retry_after()))


def when_label(moment) -> str:
    """When work was kept, as the offer says it: "10:42" today, "2 Dec, 10:42" before."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return format_date(local, "H:i")
    return format_date(local, "j M, H:i")


def autosave_view(model_admin, request, form_key):
    story = _story_for_key(form_key)
    if not _may_work_on(model_admin, request, story):
        raise PermissionDenied("You may not edit this story.")
    if request.method == "GET":
        draft = autosave.unsaved_work(request.user, form_key)
        if draft is None:
            raise Http404("Nothing unsaved.")
        return JsonResponse(autosave.restorable(draft))
    if request.method == "DELETE":
        return JsonResponse({"discarded": autosave.discard(request.user, form_key)})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST", "DELETE"])
    payload, refusal = _json_body(request, MAX_REQUEST_BYTES)
    if refusal is None:
        refusal = _throttled(request, "autosave", autosave.PER_MINUTE)
    if refusal is not None:
        return refusal
    try:
        draft = autosave.keep(
            story,
            by=request.user,
            form_key=form_key,
            fields=payload.get("fields"),
            labels=payload.get("labels"),
        )
    except autosave.AutosaveRefused as refused:
        status = 413 if refused.too_large else 409 if refused.stale else 400
        return _refuse(str(refused), status)
    kept_at = format_date(timezone.localtime(draft.saved_at), "H:i:s")
    return JsonResponse({"saved_at": draft.saved_at.isoformat(), "time": kept_at})


def presence_view(model_admin, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    story = get_object_or_404(Article, pk=pk)
    if not model_admin.has_change_permission(request, story):
        raise PermissionDenied("You may not edit this story.")
    payload, refusal = _json_body(request, MAX_PRESENCE_BYTES)
    if refusal is None:
        refusal = _throttled(request, "presence", presence.PER_MINUTE)
    if refusal is not None:
        return refusal
    others = presence.beat(story, by=request.user, typing=payload.get("typing") is True)
    answer = {"others": [person.as_json() for person in others], "version": story.version}
    opened = payload.get("version")
    if isinstance(opened, int) and opened != story.version:
        latest = AuditEntry.objects.filter(article=story).select_related("by").first()
        if latest is not None:
            answer["saved_since"] = {
                "by": presence.display_name(latest.by) if latest.by else "the newsroom",
                "mine": latest.by_id == request.user.pk,
                "time": when_label(latest.at),
            }
    return JsonResponse(answer)


def leave_view(model_admin, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    story = get_object_or_404(Article, pk=pk)
    if not model_admin.has_change_permission(request, story):
        raise PermissionDenied("You may not edit this story.")
    presence.leave(story, by=request.user)
    return HttpResponse(status=204)


def change_form_context(model_admin, request, story: Article | None) -> dict:
    """What the form needs for autosave and presence: its key, the endpoints, the unsaved
    work it may offer back, and who else has the story open. Empty for a read-only form."""
    if not _may_work_on(model_admin, request, story):
        return {}
    if story is None:
        posted = request.POST.get("autosave_key", "")
        form_key = posted if autosave.is_new_story_key(posted) else autosave.new_story_form_key()
        kept = autosave.unsaved_new_stories(request.user)
    else:
        form_key = autosave.story_form_key(story)
        kept = [draft for draft in [autosave.unsaved_work(request.user, form_key)] if draft]
    offers = [
        {
            "key": draft.form_key,
            "url": reverse("admin:articles_article_autosave", args=[draft.form_key]),
            "headline": draft.headline,
            "when": when_label(draft.saved_at),
            "changed": autosave.changed_since(draft),
            "new": draft.article_id is None,
        }
        # A form posted back with errors is the work itself, not something to offer.
        for draft in kept
        if draft.form_key != form_key or request.method != "POST"
    ]
    context = {
        "form_key": form_key,
        "autosave_url": reverse("admin:articles_article_autosave", args=[form_key]),
        "autosave_seconds": autosave.AUTOSAVE_SECONDS,
        "offers": offers,
        # Drawn again after a refused save: what is on it was never saved.
        "posted": request.method == "POST",
    }
    if story is not None:
        context |= {
            "presence_url": reverse("admin:articles_article_presence", args=[story.pk]),
            "leave_url": reverse("admin:articles_article_presence_leave", args=[story.pk]),
            "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
            "others": presence.others(story, by=request.user),
        }
    return {"deadline": context}
