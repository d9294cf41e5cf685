"""The article admin's extra pages: revisions with the audit trail, a diff between any two
revisions, restoring one, and previewing the story as readers would see it.

Revisions, diff and restore are for editors; preview is for editors and the story's own
reporter. Every view checks that itself, so a forged URL or POST is refused with a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from articles.desk.previews import preview_url
from articles.models import Article, AuditEntry
from articles.public.views.preview import preview_response
from articles.public.views.stories import with_page_relations
from articles.workflow import is_editor, may_preview, may_share_preview, restore_revision
from articles.workflow.revisions import RestoreFailed, article_versions, compare, snapshot

# Revisions listed on the history page (the newest); older ones stay in the database.
REVISIONS_SHOWN = 100


def urls(model_admin):
    """The extra admin URLs, wrapped in the admin's login and CSRF protection."""
    wrap = model_admin.admin_site.admin_view

    def bind(view):
        return wrap(lambda request, *args, **kwargs: view(model_admin, request, *args, **kwargs))

    return [
        path("<int:pk>/revisions/", bind(revisions), name="articles_article_revisions"),
        path(
            "<int:pk>/revisions/compare/", bind(compare_revisions), name="articles_article_compare"
        ),
        path(
            "<int:pk>/revisions/<int:version_id>/restore/",
            bind(restore_view),
            name="articles_article_restore",
        ),
        path("<int:pk>/preview/", bind(preview), name="articles_article_preview"),
    ]


def change_form_context(request, object_id) -> dict:
    """Links the change form shows in its toolbar, for what this user may open."""
    if not object_id or not str(object_id).isdigit():
        return {}
    story = Article.objects.filter(pk=object_id).first()
    if story is None:
        return {}
    return {
        "may_see_revisions": is_editor(request.user),
        "may_preview": may_preview(request.user, story),
    }


def _editor_story(request, pk) -> Article:
    if not is_editor(request.user):
        raise PermissionDenied("Only editors may see and restore revisions.")
    return get_object_or_404(Article, pk=pk)


def _page(model_admin, request, template, story, **context):
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": story,
            "title": context.pop("title"),
            **context,
        },
    )


def revisions(model_admin, request, pk):
    """The story's revisions (who, when, what) and its audit trail."""
    story = _editor_story(request, pk)
    versions = list(article_versions(story)[:REVISIONS_SHOWN])
    audit = AuditEntry.objects.filter(article=story).select_related("by")[:REVISIONS_SHOWN]
    return _page(
        model_admin,
        request,
        "admin/articles/article/revisions.html",
        story,
        title=f"History of “{story.headline}”",
        versions=versions,
        audit_entries=audit,
    )


def compare_revisions(model_admin, request, pk):
    """A readable diff between two revisions (?old=<id>&new=<id>)."""
    story = _editor_story(request, pk)
    chosen = []
    for key in ("old", "new"):
        try:
            version_id = int(request.GET.get(key, ""))
        except ValueError:
            raise Http404("Choose two revisions to compare.") from None
        version = article_versions(story).filter(pk=version_id).first()
        if version is None:
            raise Http404("No such revision of this story.")
        chosen.append(version)
    old, new = sorted(chosen, key=lambda version: version.pk)
    return _page(
        model_admin,
        request,
        "admin/articles/article/compare.html",
        story,
        title=f"Changes to “{story.headline}”",
        old=old,
        new=new,
        changes=compare(snapshot(old), snapshot(new)),
    )


def restore_view(model_admin, request, pk, version_id):
    """Restore a revision (content and relations); the restore is a new revision."""
    story = _editor_story(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = get_object_or_404(Version, pk=version_id, object_id=str(story.pk))
    try:
        restore_revision(story, version, by=request.user)
    except RestoreFailed as error:
        messages.error(request, f"Could not restore that revision: {error}")
    else:
        when = version.revision.date_created
        messages.success(request, f"Restored the revision of {when:%Y-%m-%d %H:%M:%S}.")
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))


def preview(model_admin, request, pk):
    """The story exactly as readers would see it, with a shareable signed link for those who
    may edit it now (`may_share_preview`); others who may see it get the page alone."""
    story = get_object_or_404(with_page_relations(Article.objects.all()), pk=pk)
    if not may_preview(request.user, story):
        raise PermissionDenied("You may preview only the stories you work on.")
    share_url = ""
    if may_share_preview(request.user, story):
        share_url = request.build_absolute_uri(preview_url(story))
    return preview_response(request, story, share_url=share_url)
