"""Who else has a story's form open: a heartbeat from each open form, no websockets.

Each open, editable form calls `beat()` every `HEARTBEAT_SECONDS`. A form not heard from
for `EXPIRES_AFTER` (a closed laptop, a crash) no longer counts; that is four beats, because
browsers slow the timers of background tabs to about one a minute. Its row is deleted by the
next beat on that story (or `manage.py expire_unsaved_work`). Leaving the page says so at once
(`leave()`). Presence is stored in the database, so every app server sees every editor,
whatever the cache.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, StoryPresence
from articles.workflow import may_edit

HEARTBEAT_SECONDS = 20
EXPIRES_AFTER = timedelta(seconds=4 * HEARTBEAT_SECONDS)
# Someone who changed their form this recently is "typing".
TYPING_WITHIN = timedelta(seconds=HEARTBEAT_SECONDS + 10)
# Beats per editor per minute: three from each open form, with room for several tabs.
PER_MINUTE = 20


@dataclass(frozen=True)
class Present:
    """Someone else with the story open."""

    name: str
    username: str
    since: datetime
    typing: bool

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "username": self.username,
            "seen_at": self.since.isoformat(),
            "typing": self.typing,
        }


def display_name(user) -> str:
    """How the newsroom names a colleague: their full name, else their username."""
    return user.get_full_name().strip() or user.get_username()


def beat(article: Article, *, by, typing: bool = False) -> list[Present]:
    """`by` has the story's form open (and changed it since the last beat, with `typing`).
    Returns the others who have it open."""
    if not may_edit(by, article):
        raise PermissionDenied("You may not edit this story.")
    now = timezone.now()
    values = {"seen_at": now, **({"typed_at": now} if typing else {})}
    if not StoryPresence.objects.filter(article=article, user=by).update(**values):
        try:
            with transaction.atomic():
                StoryPresence.objects.create(article=article, user=by, **values)
        except IntegrityError:
            # The same editor's other tab beat first.
            StoryPresence.objects.filter(article=article, user=by).update(**values)
    StoryPresence.objects.filter(article=article, seen_at__lt=now - EXPIRES_AFTER).delete()
    return others(article, by=by, now=now)


def others(article: Article, *, by, now=None) -> list[Present]:
    """Everyone but `by` whose form on the story was heard from lately, longest there first."""
    now = now or timezone.now()
    rows = (
        StoryPresence.objects.filter(article=article, seen_at__gte=now - EXPIRES_AFTER)
        .exclude(user=by)
        .select_related("user")
        .order_by("pk")
    )
    return [
        Present(
            name=display_name(row.user),
            username=row.user.get_username(),
            since=row.seen_at,
            typing=row.typed_at is not None and row.typed_at >= now - TYPING_WITHIN,
        )
        for row in rows
    ]


def leave(article: Article, *, by) -> None:
    """`by` closed the story's form."""
    StoryPresence.objects.filter(article=article, user=by).delete()


def forget_expired(now=None) -> int:
    """Delete every presence not heard from for `EXPIRES_AFTER`; returns how many."""
    cutoff = (now or timezone.now()) - EXPIRES_AFTER
    deleted, _ = StoryPresence.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


def editing_now(article_ids, *, now=None) -> dict[int, list[Present]]:
    """Who has each of these stories open now (the planning budget shows it beside each
    line's story): one query however many stories."""
    now = now or timezone.now()
    rows = (
        StoryPresence.objects.filter(article_id__in=article_ids, seen_at__gte=now - EXPIRES_AFTER)
        .select_related("user")
        .order_by("pk")
    )
    found: dict[int, list[Present]] = {}
    for row in rows:
        found.setdefault(row.article_id, []).append(
            Present(
                name=display_name(row.user),
                username=row.user.get_username(),
                since=row.seen_at,
                typing=row.typed_at is not None and row.typed_at >= now - TYPING_WITHIN,
            )
        )
    return found
