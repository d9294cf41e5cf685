"""Autosave: what an editor typed into the article form and has not saved yet, kept on the
server per editor and form, and offered back after a closed tab or a crash.

- `keep()` stores the form's fields as the browser would post them, replacing the editor's
  previous copy for that form (a saved story's form, or one new story's form). It never
  touches the story: no revision, no audit entry, no change to its edit counter.
- Only the editor who typed it is ever offered it (`unsaved_work`, `unsaved_new_stories`).
- It never overwrites someone else's saved work: the copy carries the edit counter the form
  was opened at (`base_version`), and restoring puts that counter back on the form. If
  someone saved the story meanwhile, saving the restored form is refused and merged by the
  edit-conflict check (`articles.workflow.edit_conflicts`), like any stale form.
- Saving the story forgets the saver's copy (`forget_saved`); copies older than `MAX_AGE`
  are forgotten whenever the editor's form is kept, and by `manage.py expire_unsaved_work`.
"""

import json
import re
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import Article, AuditEntry, DraftInProgress
from articles.workflow import may_edit

# The largest form kept (its fields and labels as JSON): a long feature's body is well under
# 100 KB of HTML, so this leaves room for everything else without letting a tab fill the table.
MAX_BYTES = 512 * 1024
MAX_FIELDS = 3000
MAX_NAME_LENGTH = 200
# How long unsaved work is offered back.
MAX_AGE = timedelta(days=7)
# Writes per editor per minute: the form keeps itself at most every AUTOSAVE_SECONDS while
# something changes (12 a minute) and once more on leaving the page.
AUTOSAVE_SECONDS = 5
PER_MINUTE = 30
# New stories' unsaved forms offered on the "Add article" page, newest first.
NEW_STORIES_OFFERED = 5

# Posted names that belong to the page, not the story (the change form's action menu, the
# CSRF token, the form's own key): never kept, never restored.
NOT_KEPT = frozenset(
    {
        "csrfmiddlewaretoken",
        "autosave_key",
        "action",
        "index",
        "select_across",
        "_selected_action",
        "CHANGE_FORM-action",
        "CHANGE_FORM-select_across",
    }
)
_NEW_STORY_KEY = re.compile(r"new-[A-Za-z0-9_-]{8,40}\Z")
# A new story's form key, once the story was saved from it, for this long.
_SETTLED_FOR = 60 * 60


class AutosaveRefused(ValueError):
    """The posted form cannot be kept: malformed, too large (`too_large`), or older than a
    save its own editor made since (`stale`)."""

    def __init__(self, message: str, *, too_large: bool = False, stale: bool = False):
        super().__init__(message)
        self.too_large = too_large
        self.stale = stale


def story_form_key(article: Article) -> str:
    return f"story-{article.pk}"


def new_story_form_key() -> str:
    """A fresh key for one "Add article" form."""
    return "new-" + secrets.token_urlsafe(12)


def is_new_story_key(key: str) -> bool:
    return bool(_NEW_STORY_KEY.match(key or ""))


def may_keep(user, article: Article | None) -> bool:
    """Whoever may change the story (or write a new one) may keep unsaved work on it."""
    if article is None:
        return user.has_perm("articles.add_article")
    return may_edit(user, article)


def keep(article: Article | None, *, by, form_key: str, fields, labels=None) -> DraftInProgress:
    """Keep `by`'s unsaved form for `article` (None: a new story, `form_key` naming its form).

    `fields` is [[name, value], …] as the browser posts the form; `labels` names the chosen
    options of search boxes ({field: {id: label}}), which the page cannot look up again.
    """
    if not may_keep(by, article):
        raise PermissionDenied("You may not edit this story.")
    expected = story_form_key(article) if article is not None else None
    if (article is not None and form_key != expected) or (
        article is None and not is_new_story_key(form_key)
    ):
        raise AutosaveRefused("That is not this story's form.")
    fields, labels = _checked_fields(fields), _checked_labels(labels or {})
    if len(json.dumps([fields, labels])) > MAX_BYTES:
        raise AutosaveRefused(
            f"The form is larger than {MAX_BYTES // 1024} KB and was not kept.", too_large=True
        )
    base_version = _posted_version(fields) if article is not None else None
    if article is None and cache.get(_settled_key(by, form_key)):
        raise AutosaveRefused("This new story has been saved already.", stale=True)
    if article is not None and _saved_since_by_themselves(article, base_version, by):
        raise AutosaveRefused(
            "You saved this story since this form was opened: reload it to go on.", stale=True
        )
    now = timezone.now()
    with transaction.atomic():
        DraftInProgress.objects.filter(user=by, saved_at__lt=now - MAX_AGE).delete()
        draft, _ = DraftInProgress.objects.update_or_create(
            user=by,
            form_key=form_key,
            defaults={
                "article": article,
                "base_version": base_version,
                "headline": _first(fields, "headline")[:300],
                "fields": fields,
                "labels": labels,
                "saved_at": now,
            },
        )
    return draft


def unsaved_work(user, form_key: str) -> DraftInProgress | None:
    """`user`'s unsaved form `form_key`, if there is one young enough to offer."""
    return (
        DraftInProgress.objects.filter(
            user=user, form_key=form_key, saved_at__gte=timezone.now() - MAX_AGE
        )
        .select_related("article")
        .first()
    )


def unsaved_new_stories(user) -> list[DraftInProgress]:
    """`user`'s unsaved forms of stories never saved, newest first."""
    return list(
        DraftInProgress.objects.filter(
            user=user, article=None, saved_at__gte=timezone.now() - MAX_AGE
        ).order_by("-saved_at")[:NEW_STORIES_OFFERED]
    )


def changed_since(draft: DraftInProgress) -> dict | None:
    """If the story was saved since `draft`'s form was opened: its version now, and who took
    its latest step, when. None when it was not (or it is a new story)."""
    story = draft.article
    if story is None or draft.base_version is None or story.version == draft.base_version:
        return None
    latest = AuditEntry.objects.filter(article=story).select_related("by").first()
    return {
        "version": story.version,
        "by": latest.by if latest else None,
        "at": latest.at if latest else story.modified_at,
    }


def discard(user, form_key: str) -> int:
    """Forget `user`'s unsaved form `form_key`."""
    deleted, _ = DraftInProgress.objects.filter(user=user, form_key=form_key).delete()
    return deleted


def forget_saved(user, article: Article, *, new_story_key: str = "") -> None:
    """`user` saved `article` (from the new-story form `new_story_key`): their unsaved copy
    is now the story. Other editors' unsaved work on it stays theirs to restore."""
    keys = [story_form_key(article)]
    if is_new_story_key(new_story_key):
        keys.append(new_story_key)
        # A keep already on its way from the page must not bring the copy back.
        cache.set(_settled_key(user, new_story_key), True, _SETTLED_FOR)
    DraftInProgress.objects.filter(user=user, form_key__in=keys).delete()


def forget_expired(now=None) -> int:
    """Forget everyone's unsaved work older than `MAX_AGE`; returns how many forms."""
    cutoff = (now or timezone.now()) - MAX_AGE
    deleted, _ = DraftInProgress.objects.filter(saved_at__lt=cutoff).delete()
    return deleted


def restorable(draft: DraftInProgress) -> dict:
    """What the page puts back on the form: the fields (with the edit counter the form was
    opened at, so a save over someone else's newer save is refused and merged)."""
    return {
        "fields": draft.fields,
        "labels": draft.labels,
        "base_version": draft.base_version,
        "saved_at": draft.saved_at.isoformat(),
    }


# No form field takes a NUL character (Django's own fields refuse it), and PostgreSQL's jsonb
# cannot hold one: refused the same way on every database, not a 500 on one of them.
NUL = "\x00"
NUL_REFUSED = "The form holds a NUL character, which no field takes; it was not kept."


def _checked_fields(fields) -> list[list[str]]:
    if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        raise AutosaveRefused("The form's fields are missing or too many.")
    kept = []
    for pair in fields:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(part, str) for part in pair)
            or len(pair[0]) > MAX_NAME_LENGTH
        ):
            raise AutosaveRefused("Each field is a [name, value] pair of text.")
        if any(NUL in part for part in pair):
            raise AutosaveRefused(NUL_REFUSED)
        if pair[0] not in NOT_KEPT:
            kept.append([pair[0], pair[1]])
    return kept


def _checked_labels(labels) -> dict:
    if not isinstance(labels, dict) or not all(
        isinstance(name, str)
        and isinstance(options, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in options.items())
        for name, options in labels.items()
    ):
        raise AutosaveRefused("Labels are {field: {id: label}}.")
    if any(NUL in text for options in labels.values() for pair in options.items() for text in pair):
        raise AutosaveRefused(NUL_REFUSED)
    return labels


def _first(fields, name: str) -> str:
    return next((value for field, value in fields if field == name), "")


def _posted_version(fields) -> int | None:
    value = _first(fields, "version")
    return int(value) if value.isdigit() else None


def _saved_since_by_themselves(article: Article, base_version: int | None, user) -> bool:
    """Whether the story moved on from the form's version by a step `user` took last: then
    the posted form is older than what they saved (a keep that crossed their own save)."""
    if base_version is None or article.version == base_version:
        return False
    latest = AuditEntry.objects.filter(article=article).only("by_id").first()
    return latest is not None and latest.by_id == user.pk


def _settled_key(user, form_key: str) -> str:
    return f"autosave:settled:{user.pk}:{form_key}"
