"""The live desk: a live story's entries, worked from its admin screen (docs/editors/live-coverage.md).

    GET  <id>/live/   the desk: post an entry (Ctrl+Enter), the entries newest first with
                      their actions, the coverage's settings, ending it
    POST <id>/live/   one action, named by `action` (and `entry`), then back to the desk

Every action calls one verb of `articles.live.entries`, which checks the role and the input
itself; this module only reads the form, says what happened and shows the refusals.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.live import entries
from articles.models import Article, LiveCoverage, LiveEntry
from articles.workflow import is_editor, may_edit

DESK_ENTRIES = 100


class EntryForm(forms.Form):
    """The entry being written: the same rich-text editor as a story's body."""

    body = Article._meta.get_field("body").formfield(label="New entry", required=False)
    key_title = forms.CharField(
        label="Key event title", required=False, max_length=200, help_text="Optional, short."
    )
    at = forms.DateTimeField(
        label="Schedule for",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Empty: post now.",
    )


def urls(model_admin):
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<int:pk>/live/",
            wrap(lambda request, pk: desk(model_admin, request, pk)),
            name="articles_article_live",
        )
    ]


def change_form_context(request, obj) -> dict:
    """What the story's form shows of its live coverage: a link to the desk (one query)."""
    if obj is None or obj.pk is None:
        return {}
    coverage = LiveCoverage.objects.filter(article=obj).first()
    return {
        "live_coverage": coverage,
        "may_start_live": coverage is None and is_editor(request.user),
    }


def desk(model_admin, request, pk):
    story = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    if not (may_edit(request.user, story) or entries.may_post(request.user, story)):
        raise PermissionDenied("You may not work on this story.")
    coverage = LiveCoverage.objects.filter(article=story).first()
    form = EntryForm()
    if request.method == "POST":
        try:
            done = _act(request, story, coverage)
        except (ValidationError, PermissionDenied) as refusal:
            text = " ".join(getattr(refusal, "messages", None) or [str(refusal)])
            messages.error(request, text)
            if request.POST.get("action") != "post":
                return HttpResponseRedirect(request.path)
            form = EntryForm(request.POST)  # what was typed stays on the form
        else:
            if done:
                messages.success(request, done)
            return HttpResponseRedirect(request.path)
    listed = []
    if coverage is not None:
        listed = list(
            LiveEntry.objects.filter(coverage=coverage)
            .select_related("created_by", "breakout")
            .prefetch_related("authors", "corrections")
            .order_by("-created_at", "-pk")[:DESK_ENTRIES]
        )
    return TemplateResponse(
        request,
        "admin/articles/article/live_desk.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": story,
            "title": f"Live desk: {story.headline}",
            "coverage": coverage,
            "entries": listed,
            "form": form,
            "media": form.media,
            "is_editor": is_editor(request.user),
            "public_url": story.get_absolute_url(),
        },
    )


def _entry(request, coverage) -> LiveEntry:
    return get_object_or_404(LiveEntry, pk=request.POST.get("entry"), coverage=coverage)


def _version(request):
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _moment(raw: str):
    """A datetime-local field's value in the newsroom's time zone, or None."""
    if not raw:
        return None
    try:
        return timezone.make_aware(datetime.fromisoformat(raw))
    except ValueError as error:
        raise entries.LiveRefused("That time is not a date and time.") from error


def _act(request, story, coverage) -> str:
    """Do the action the POST names; returns what to tell the editor."""
    action, by, data = request.POST.get("action", ""), request.user, request.POST
    if action == "start":
        entries.start_coverage(story, by=by)
        return "Live coverage started."
    if coverage is None:
        raise entries.LiveRefused("This story is not covered live.")
    if action == "post":
        form = EntryForm(data)
        form.is_valid()
        cleaned = form.cleaned_data
        entry = entries.post_entry(
            coverage,
            data.get("body", ""),
            by=by,
            at=_moment(data.get("at", "")),
            key_title=cleaned.get("key_title", ""),
        )
        return f"Entry {entry.get_state_display().lower()}."
    if action == "settings":
        seconds = data.get("poll_seconds", "").strip()
        entries.change_coverage(
            coverage,
            by=by,
            needs_approval=bool(data.get("needs_approval")),
            poll_seconds=int(seconds) if seconds.isdigit() else None,
        )
        return "Settings saved."
    if action == "end":
        entries.end_coverage(coverage, by=by)
        return "Live coverage ended: the page is now its archive."
    entry = _entry(request, coverage)
    if action == "edit":
        entries.edit_entry(entry, data.get("body", ""), by=by, expected_version=_version(request))
        return "Entry saved."
    if action == "correct":
        body = data.get("body")
        entries.correct_entry(
            entry,
            data.get("text", ""),
            body=body if body and body.strip() else None,
            by=by,
            expected_version=_version(request),
        )
        return "Correction added and shown on the entry."
    if action in ("pin", "unpin"):
        entries.pin_entry(entry, by=by, pinned=action == "pin")
        return "Entry pinned." if action == "pin" else "Entry unpinned."
    if action == "key":
        entries.mark_key_event(entry, data.get("key_title", ""), by=by)
        return "Key event saved."
    if action == "publish":
        entries.publish_entry(entry, by=by, at=_moment(data.get("at", "")))
        return "Entry published." if not data.get("at") else "Entry scheduled."
    if action == "withdraw":
        entries.withdraw_entry(entry, data.get("note", ""), by=by)
        return "Entry withdrawn; readers see the note."
    if action == "breakout":
        new = entries.breakout_entry(entry, data.get("headline", ""), by=by)
        url = reverse("admin:articles_article_change", args=[new.pk])
        return f"New draft story “{new.headline}” made from the entry: {url}"
    raise entries.LiveRefused("Unknown action.")
