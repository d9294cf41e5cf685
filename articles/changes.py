"""What follows a change: the one home of every consequence of editing the newsroom.

Every workflow transition, correction, merge, rename, region move and deletion calls one of
these functions explicitly (no signals, no `save()` side effects), inside its transaction:

- `story_changed()` — a story was saved or moved through the workflow. If readers could see it
  before or can see it now, what is public changed; partners who take it are sent the new
  version, or told of its withdrawal (`articles.syndication.push`); the planned coverage it
  fulfils follows it — filed, delivered on publishing, owed again if withdrawn
  (`Coverage.objects.follow_story`, with the rule beside the table so that this hub need not
  import the planning desk above it).
- `vocabulary_changed()` — tags, sources, regions, sections or authors were renamed, merged,
  moved or deleted: public pages that name them changed.
- `stories_retouched()` — something a story shows changed without the story itself being saved
  (its tag was renamed): its edit counter moves, which revokes preview links handed out for it
  and makes open edit forms notice.
- `front_changed()` — a front arrangement was published, scheduled or called off
  (`articles.fronts`).
- `newsletters_changed()` — a newsletter was set up, renamed, offered or withdrawn from the
  sign-up block, or an issue joined its web archive (`articles.newsletters`): the sign-up block
  on fronts and stories, the newsletters page, the archive and its feeds changed.
- `event_changed()` — a planning event was saved, postponed, cancelled or deleted
  (`articles.planning.events`): if readers could see it on "What's on" before or can now, its
  page, the listing and the public calendar changed.
- `live_changed()` — a story's live coverage or one of its entries changed
  (`articles.workflow.entries`): when readers see (or saw) it, the story's page, its updates
  and the cards that show it are forgotten, nothing else; partners get the story with its
  entries, at most once per `LIVE_PUSH_SECONDS` (`articles.syndication.live_push`).
- `account_deactivated()` — a superuser deactivated a staff account: it is signed out of every
  session at once (`articles.accounts.sessions`), not at its next request.
- `banner_changed()` — the breaking-news banner was raised or lowered (`articles.fronts.banners`); its
  expiry needs no call: it is one of the edition's timed moments.

A public change forgets the cache keys it touched (`articles.caching.touched` says which;
`articles.caching.keys` explains them): whole pages (`articles.caching.pages`), fragments and
the index counts that showed any of them are rendered afresh, in every process at once through
a shared cache, and everything else stays cached; a draft save forgets nothing. It also moves
the archive generation (`ArchiveState`), which the read API reports and which pages follow when
each process has its own cache (`articles.caching.entries`). When a CDN purge hook is
configured, the addresses a change touches are sent to it once the change is committed
(`articles.caching.cdn`); a CDN that purges by key is sent the same keys
(`articles.caching.purging`).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.accounts import sessions
from articles.caching import cdn, keys, purging, touched
from articles.caching.state import forget_edition

from .models import ArchiveState, Article, Coverage
from .syndication import live_push, push


def public_content_changed(forgotten) -> None:
    """What readers see changed: whatever showed one of the keys `forgotten` is stale from now
    on, and the archive generation moves."""
    moved = ArchiveState.objects.filter(pk=1).update(
        generation=F("generation") + 1, changed_at=timezone.now()
    )
    if not moved:
        # A freshly flushed database (tests, a restore) has no row yet.
        ArchiveState.objects.get_or_create(pk=1, defaults={"generation": 1})
    forgotten = [*forgotten, *touched.model_keys(ArchiveState)]

    def forget() -> None:
        keys.forget(forgotten)
        forget_edition()

    # Now, for this request, and again once committed, for everyone else (a page rendered in
    # between read what was there before).
    forget()
    transaction.on_commit(forget)
    purging.purge_later(forgotten)


def story_changed(
    article: Article, *, was_public: bool, old_path: str = "", action: str = ""
) -> None:
    """A story was saved or moved; `was_public` says whether readers could see it before,
    `old_path` where it was if its address moved, `action` which step it was (an
    `AuditAction`: partners are told a correction from an update). A story waiting for its time (scheduled or
    embargoed) counts too: its moment joins the edition, and without a new generation the
    edition's token would come back, once that moment passed, to the token of pages cached
    before it was scheduled, and serve them without it."""
    if was_public or article.is_public or article.goes_live_at is not None:
        public_content_changed(touched.story_keys(article))
        cdn.purge_later(cdn.addresses_showing(article, old_path))
    push.story_changed(article, was_public=was_public, action=action)
    Coverage.objects.follow_story(article)


def live_changed(article: Article, coverage, entry, *, was_shown: bool, shown: bool) -> None:
    """`coverage` of `article` (a story switched into live coverage) changed, or its `entry`
    (None for the coverage's own settings). An entry readers never saw and still don't (a
    draft, one waiting for approval) changes nothing public. The live page, its updates, its
    feed and every card or key-events module that shows the story load the story, so its own
    key is all they need forgetting (`docs/editors/live-coverage.md`)."""
    if entry is not None and not (was_shown or shown):
        return
    if not article.is_public and article.goes_live_at is None:
        return
    public_content_changed(touched.live_keys(article))
    cdn.purge_later(cdn.addresses_live(article))
    live_push.live_changed(article)


def search_reindexed() -> None:
    """Stories' search text was rewritten after a vocabulary change (`articles.search`): search
    answers differently, and search pages read the story tables."""
    public_content_changed([keys.STORIES])


def stories_deleted(count: int) -> None:
    """Stories were deleted (superusers only); any of them may have been public."""
    if count:
        public_content_changed([keys.EVERYTHING])
        cdn.purge_later(everything=True)


def vocabulary_changed() -> None:
    """Entries of a vocabulary (tags, sources, regions, sections or authors) were renamed,
    merged, moved or deleted: their names and links are on most pages, and the stories filed
    under them moved between listings."""
    public_content_changed([keys.EVERYTHING])
    cdn.purge_later(everything=True)


def front_changed(front) -> None:
    """An arrangement of `front` was published, scheduled or called off. Even one that goes
    live later moves the generation: the edition's token would otherwise come back, once that
    moment passed, to the token pages were cached under before it was scheduled, and serve
    them (the edition is not a clock; only a change of generation makes a token new)."""
    public_content_changed(touched.front_keys())
    cdn.purge_later([front.get_absolute_url()])


def newsletters_changed(newsletter=None) -> None:
    """What readers see of the newsletters changed: the sign-up block sits on every front and
    story page, so every cached page is renewed."""
    public_content_changed(touched.newsletter_keys())
    cdn.purge_later(everything=True)


def event_changed(event, *, was_public: bool) -> None:
    """A planning event changed; `was_public` says whether readers could see it before."""
    if was_public or event.public:
        public_content_changed(touched.event_keys())
        cdn.purge_later(everything=True)


def banner_changed() -> None:
    """The breaking-news banner was raised or lowered: every public page shows it."""
    public_content_changed(touched.banner_keys())
    cdn.purge_later(everything=True)


def stories_retouched(stories) -> int:
    """Stories whose shown content changed without a save of their own: move their edit
    counters (revoking their preview links). Returns how many."""
    return Article.objects.filter(pk__in=stories).update(version=F("version") + 1)


def picture_changed(image) -> None:
    """An image's renditions, credit or alt text changed: pages that show it (a public
    story's lead or body, an author's) change with it. An image no reader can see changes
    nothing."""
    public = Article.objects.published()
    shown = (
        public.filter(lead_image=image).exists()
        or public.filter(body_images=image).exists()
        or image.author_photos.exists()
    )
    if shown:
        public_content_changed(touched.picture_keys())
        cdn.purge_later(everything=True)


def account_deactivated(user) -> None:
    """`user` can no longer sign in: end every session they hold, now."""
    sessions.end_all(user)
