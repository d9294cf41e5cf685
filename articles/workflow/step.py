"""The one internal step every change to a story takes, and the audit trail it writes.

`take_step()` does, in one transaction, what every transition must do: lock the story's row,
let the transition change the locked copy (or find there is nothing to do), settle the first
publication time, bump the edit counter, save, leave a redirect behind if an address readers
have seen moved, record a revision and an audit entry, and tell `articles.changes` what
happened. Because the transition decides on the *locked* row, repeating a step — ten editors
pressing "Publish now" at once — changes the story once and records it once.
"""

from collections.abc import Callable
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import timezone

from articles import changes
from articles.addresses.redirects import remember_old_path
from articles.images import body_figures
from articles.models import Article, AuditEntry
from articles.search import filed_names
from articles.stories import derived
from articles.workflow.revisions import capture


@dataclass(frozen=True)
class Before:
    """The story as it was when the step began."""

    status: str
    public: bool
    ever_public: bool
    url: str


def record(article: Article, action: str, *, by=None, from_status: str = "", note: str = ""):
    """Write one audit trail entry for a step taken on `article`."""
    return AuditEntry.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=article.status,
        by=by if by is not None and by.is_authenticated else None,
        note=note[:300],
    )


def take_step(
    article: Article,
    *,
    action: str,
    apply: Callable[[Article, object], bool],
    by=None,
    comment: str,
    note: str | Callable[[Article], str] = "",
) -> bool:
    """Run `apply(locked_story, now)` as one recorded step; returns whether anything changed.

    `apply` changes the locked copy and returns True, returns False when the story is already
    as asked (nothing is saved or recorded), or raises to refuse (nothing is saved). `article`
    is brought up to date with the stored story either way.
    """
    with transaction.atomic(), reversion.create_revision():
        story = Article.objects.select_for_update().get(pk=article.pk)
        now = timezone.now()
        before = Before(
            status=story.status,
            public=story.is_public,
            ever_public=story.was_ever_public,
            url=story.get_absolute_url(),
        )
        if not apply(story, now):
            _bring_up_to_date(article, story)
            return False
        if not before.ever_public:
            # Not seen yet: the first publication is when it goes (or will go) live, if at all.
            story.first_published_at = story.goes_live_at
        story.version += 1
        derived.derive_onto(story)
        story.save()
        # What search knows of the story besides its words: the names it is filed under.
        filed_names.index_story(story)
        body_figures.file_body_images(story)
        if before.ever_public and before.url != story.get_absolute_url():
            # Only an address readers may have seen needs a redirect.
            remember_old_path(before.url, article=story)
        capture(story)
        reversion.set_comment(comment)
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        record(
            story,
            action,
            by=by,
            from_status=before.status,
            note=note(story) if callable(note) else note,
        )
        moved = before.url if before.url != story.get_absolute_url() else ""
        changes.story_changed(story, was_public=before.public, old_path=moved, action=action)
    _bring_up_to_date(article, story)
    return True


def _bring_up_to_date(article: Article, story: Article) -> None:
    for field in Article._meta.concrete_fields:
        setattr(article, field.attname, getattr(story, field.attname))
    # Relations cached on the caller's copy may be stale (a restore changes them).
    article._state.fields_cache.clear()
    article.__dict__.pop("_prefetched_objects_cache", None)
