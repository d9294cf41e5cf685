"""The one step every change to live coverage takes: its settings and each of its entries.

`take_entry_step()` is to a live entry what `step.take_step()` is to a story: in one
transaction it locks the story's row (so two editors' steps on one story's coverage run one
after the other, and a story step waits for them), lets the change decide on the locked
entry, moves the entry's edit counter, saves, records a revision of the entry and an audit
entry on the story, and tells `articles.changes` what readers now see. The story itself is
not saved: its edit counter stays, so an editor at the story's form is not told of a conflict
each time an entry is posted.
"""

from collections.abc import Callable

import reversion
from django.db import transaction
from django.utils import timezone

from articles import changes
from articles.models import Article, LiveCorrection, LiveCoverage, LiveEntry

from .step import record

for model, follow in ((LiveEntry, ("corrections",)), (LiveCorrection, ())):
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)


def take_entry_step(
    coverage: LiveCoverage,
    entry: LiveEntry | None,
    *,
    action: str,
    apply: Callable[[LiveCoverage, LiveEntry | None, object], bool],
    by=None,
    note: str = "",
) -> bool:
    """Run `apply(locked_coverage, locked_entry, now)` as one recorded step on `entry` (a new,
    unsaved entry when `entry.pk` is None); returns whether anything changed.

    `apply` changes the locked copies and returns True, returns False when nothing is to be
    done, or raises to refuse (nothing is saved). `apply` saves the coverage itself when it
    changes it; the entry is saved here."""
    with transaction.atomic(), reversion.create_revision():
        story = Article.objects.select_for_update().get(pk=coverage.article_id)
        locked = LiveCoverage.objects.get(pk=coverage.pk)
        current: LiveEntry | None = entry
        if entry is not None and entry.pk is not None:
            current = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        now = timezone.now()
        was_shown = current is not None and current.pk is not None and _shown(current, now)
        if not apply(locked, current, now):
            return False
        if current is not None:
            if current.pk is not None:
                current.version += 1
            current.save()
            reversion.set_comment(note or action)
            if by is not None and by.is_authenticated:
                reversion.set_user(by)
        record(story, action, by=by, from_status=story.status, note=note)
        changes.live_changed(
            story,
            locked,
            current,
            was_shown=was_shown,
            shown=bool(current and _shown(current, now)),
        )
    for field in LiveCoverage._meta.concrete_fields:
        setattr(coverage, field.attname, getattr(locked, field.attname))
    if entry is not None and current is not None:
        for field in LiveEntry._meta.concrete_fields:
            setattr(entry, field.attname, getattr(current, field.attname))
    return True


def _shown(entry: LiveEntry, now) -> bool:
    """Whether readers see the entry (or will, once its time comes): it is on the page, in the
    updates, in the feed."""
    return entry.state in ("published", "scheduled", "withdrawn") and entry.posted_at is not None
