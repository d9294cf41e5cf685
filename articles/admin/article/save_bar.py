"""The article form's save bar, and the preview of a form nobody has saved yet.

The bar stays at the bottom of the screen however far the editor scrolls. It offers what this
person may do with this story, as `articles.workflow` decides: save (a draft, or the story as
it stands), submit for review, publish (at the form's publish time; now when it is empty) and
preview. "Submit for review" and "Publish" post the form with `_workflow` set to the status
asked for; the form puts that status on itself (`ArticleAdminForm`), so the save takes the
same path as choosing it under "Publishing", through the same transitions and checks.

"Preview" shows what is on the form, saved or not (a new story too), in a new tab: the form
is checked, written inside a transaction, drawn as readers would see it, and the transaction
is rolled back. Nothing is kept, no revision is made, the edit counter does not move, and
nobody else can see it. An uploaded lead image is not stored for a preview (the stored one
shows).
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.formsets import all_valid
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import workflow
from articles.admin.article.forms import WORKFLOW_BUTTON
from articles.models import Article, Correction, Status
from articles.public.views.preview import preview_response
from articles.public.views.stories import with_page_relations


def urls(model_admin):
    wrap = model_admin.admin_site.admin_view

    def bind(view):
        return wrap(lambda request, *args, **kwargs: view(model_admin, request, *args, **kwargs))

    return [
        path("preview-form/", bind(preview_form), name="articles_article_preview_new"),
        path("<int:pk>/preview-form/", bind(preview_form), name="articles_article_preview_form"),
    ]


def save_bar_context(model_admin, request, story: Article | None) -> dict:
    """The buttons this person may use on this story's form."""
    if story is None:
        may_save = model_admin.has_add_permission(request)
    else:
        may_save = model_admin.has_change_permission(request, story)
    status = story.status if story is not None else Status.DRAFT
    allowed = workflow.allowed_statuses(request.user, story or Article()) if may_save else []
    if story is None:
        preview_url = reverse("admin:articles_article_preview_new")
    elif may_save:
        preview_url = reverse("admin:articles_article_preview_form", args=[story.pk])
    else:
        preview_url = ""
    return {
        "save_bar": {
            "may_save": may_save,
            "save_label": "Save draft" if status == Status.DRAFT else "Save",
            "may_submit": status == Status.DRAFT and Status.REVIEW in allowed,
            "may_publish": status != Status.PUBLISHED and Status.PUBLISHED in allowed,
            "preview_url": preview_url,
            # Someone who may only read the story still previews what is saved.
            "saved_preview_url": (
                reverse("admin:articles_article_preview", args=[story.pk])
                if story is not None and not may_save and workflow.may_preview(request.user, story)
                else ""
            ),
            "may_delete": story is not None and model_admin.has_delete_permission(request, story),
            "workflow_button": WORKFLOW_BUTTON,
        }
    }


def stay_on_form(request) -> None:
    """After "Submit for review" or "Publish", come back to the form (as "Save" does)."""
    if WORKFLOW_BUTTON in request.POST and "_continue" not in request.POST:
        request.POST = request.POST.copy()
        request.POST["_continue"] = "1"


def preview_form(model_admin, request, pk=None):
    """The story as the posted form has it, drawn as readers would see it; nothing is kept."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    story = get_object_or_404(Article, pk=pk) if pk is not None else None
    if story is None and not model_admin.has_add_permission(request):
        raise PermissionDenied("You may not write stories.")
    if story is not None and not model_admin.has_change_permission(request, story):
        raise PermissionDenied("You may not edit this story.")
    form, formsets = _bound_forms(model_admin, request, story)
    # Previewing is not saving: a form opened before someone else's save still previews.
    form.checks_version = False
    if not (form.is_valid() and all_valid(formsets)):
        return TemplateResponse(
            request,
            "admin/articles/article/preview_errors.html",
            {
                **model_admin.admin_site.each_context(request),
                "title": "The preview needs a few things first",
                "problems": _problems(form, formsets),
                "opts": model_admin.opts,
                "original": story,
            },
            status=400,
        )
    with transaction.atomic():
        response = _render_unsaved(request, form, formsets, story)
        transaction.set_rollback(True)
    return response


def _bound_forms(model_admin, request, story):
    fieldsets = model_admin.get_fieldsets(request, story)
    form_class = model_admin.get_form(
        request, story, change=story is not None, fields=flatten_fieldsets(fieldsets)
    )
    # No files: an upload would be written to storage, which no rollback takes back.
    form = form_class(request.POST, instance=story)
    formsets = []
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, story):
        if formset_class.model is Correction:
            continue  # corrections are added through the workflow, never previewed as saved
        prefix = formset_class.get_default_prefix()
        kwargs = model_admin.get_formset_kwargs(request, form.instance, inline, prefix)
        formsets.append(formset_class(**kwargs))
    return form, formsets


def _problems(form, formsets) -> list[str]:
    """What stops the form from being previewed, one line each, named as the form names it."""
    problems = [str(error) for error in form.non_field_errors()]
    for field in form:
        problems += [f"{field.label}: {error}" for error in field.errors]
    for formset in formsets:
        rows = formset.model._meta.verbose_name_plural
        problems += [f"{rows.capitalize()}: {error}" for error in formset.non_form_errors()]
        for row in formset:
            for name, errors in row.errors.items():
                label = row.fields[name].label if name in row.fields else name
                problems += [f"{rows.capitalize()}, {label}: {error}" for error in errors]
    return problems


def _render_unsaved(request, form, formsets, story):
    """Write the form's story inside the caller's transaction and draw its preview."""
    unsaved = form.save(commit=False)
    if story is None:
        unsaved.status = Status.DRAFT
        unsaved.created_by = request.user
    unsaved.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = unsaved
        formset.save()
    shown = with_page_relations(Article.objects.all()).get(pk=unsaved.pk)
    # Drawn at once (not a lazy TemplateResponse), while the rows it reads still exist.
    return preview_response(request, shown, unsaved=True)
