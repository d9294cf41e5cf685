"""What follows a change: the one home of every consequence of editing the newsroom.

Every workflow transition, correction, merge, rename, region move and deletion calls one of
these functions explicitly (no signals, no `save()` side effects), inside its transaction:

- `story_changed()` — a story was saved or moved through the workflow. If readers could see it
  before or can see it now, what is public changed.
- `vocabulary_changed()` — tags, sources, regions, sections or authors were renamed, merged,
  moved or deleted: public pages that name them changed.
- `stories_retouched()` — something a story shows changed without the story itself being saved
  (its tag was renamed): its edit counter moves, which revokes preview links handed out for it
  and makes open edit forms notice.

A public change moves the archive generation (`ArchiveState`), the key that cached public
content — the index counts in `articles.counts` — is stored under; so a draft save leaves
caches alone, and publishing makes them fresh at once in every process.
"""

from django.db.models import F, Min, Subquery
from django.utils import timezone

from .models import ArchiveState, Article, Status


def public_content_changed() -> None:
    """Move the archive generation: every cache of public content is stale from now on."""
    moved = ArchiveState.objects.filter(pk=1).update(
        generation=F("generation") + 1, changed_at=timezone.now()
    )
    if not moved:
        # A freshly flushed database (tests, a restore) has no row yet.
        ArchiveState.objects.get_or_create(pk=1, defaults={"generation": 1})


def story_changed(article: Article, *, was_public: bool) -> None:
    """A story was saved or moved; `was_public` says whether readers could see it before."""
    if was_public or article.is_public:
        public_content_changed()


def stories_deleted(count: int) -> None:
    """Stories were deleted (superusers only); any of them may have been public."""
    if count:
        public_content_changed()


def vocabulary_changed(kind: str) -> None:
    """Entries of a vocabulary ("tags", "sources", "regions", "sections", "authors") were
    renamed, merged, moved or deleted."""
    public_content_changed()


def stories_retouched(stories) -> int:
    """Stories whose shown content changed without a save of their own: move their edit
    counters (revoking their preview links). Returns how many."""
    return Article.objects.filter(pk__in=stories).update(version=F("version") + 1)


def public_state_token(now=None) -> str:
    """A cache-key part that changes exactly when what readers can see may have changed: the
    archive generation (moved by every public change) and the next moment a waiting story goes
    live by itself (which moves when that moment passes). One query of two index lookups."""
    now = now or timezone.now()
    waiting = Article.objects.filter(status=Status.PUBLISHED).order_by()
    next_publish = waiting.filter(published_at__gt=now).values("status")
    next_embargo = waiting.filter(embargo_until__gt=now).values("status")
    row = (
        ArchiveState.objects.filter(pk=1)
        .annotate(
            next_publish=Subquery(next_publish.annotate(at=Min("published_at")).values("at")),
            next_embargo=Subquery(next_embargo.annotate(at=Min("embargo_until")).values("at")),
        )
        .values_list("generation", "changed_at", "next_publish", "next_embargo")
        .first()
    )
    if row is None:  # a freshly flushed database: no change recorded yet
        generation, changed_at = 0, None
        moment = Article.objects.next_visibility_change(now)
    else:
        generation, changed_at, *pending = row
        moment = min((at for at in pending if at), default=None)
    stamps = [changed_at, moment]
    return ".".join(
        [str(generation)] + [str(int(t.timestamp() * 1000)) if t else "-" for t in stamps]
    )
