"""Every change to live coverage, as a named function: the desk, commands and the demo call
these and nothing else changes a coverage or an entry.

Each checks the acting user's role (`by=None` is a script acting for the newsroom), refuses
bad input with a message an editor can act on (`LiveRefused`), and decides on the locked rows
inside `take_entry_step` (docs/editors/live-coverage.md).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import slugify

from articles.models import (
    Article,
    ArticleAuthor,
    AuditAction,
    EntryState,
    LiveCorrection,
    LiveCoverage,
    LiveEntry,
)
from articles.models.images import keep_library_pictures
from articles.workflow import EditConflict, create_story, is_editor
from articles.workflow.entries import take_entry_step
from articles.workflow.rules import require

WITHDRAWN_NOTE = "This entry was withdrawn."
SHOWN = (EntryState.PUBLISHED, EntryState.SCHEDULED)


class LiveRefused(ValidationError):
    """The change cannot be made as asked; the message says why."""


def may_post(user, article: Article) -> bool:
    """Editors post to any live story; reporters (who write stories) too, their entries
    waiting for an editor when the coverage says so."""
    return user is None or is_editor(user) or user.has_perm("articles.add_article")


def _editors_only(by, message: str) -> None:
    if by is not None:
        require(is_editor(by), message)


def clean_body(html: str | None) -> str:
    """An entry's body as stored: through the stories' own sanitiser, pictures only from the
    library. Refuses an entry with nothing in it."""
    body = keep_library_pictures(Article.sanitize_body(html))
    if not strip_tags(body).strip() and "<img" not in body:
        raise LiveRefused("An entry needs some text.")
    return body


def start_coverage(article: Article, *, by=None, needs_approval=True) -> LiveCoverage:
    """Switch `article` into live coverage from now (switching it again changes nothing)."""
    _editors_only(by, "Only editors may start live coverage.")
    with transaction.atomic():
        coverage, created = LiveCoverage.objects.get_or_create(
            article=article, defaults={"needs_approval": needs_approval}
        )
        if created:
            take_entry_step(
                coverage, None, action=AuditAction.LIVE_STARTED, apply=lambda *_: True, by=by
            )
    return coverage


def change_coverage(coverage: LiveCoverage, *, by=None, **values) -> None:
    """Change the coverage's settings: `needs_approval`, `poll_seconds` (None for the site's
    interval, 0 stops polling for pages already open)."""
    _editors_only(by, "Only editors may change live coverage.")
    unknown = set(values) - {"needs_approval", "poll_seconds"}
    if unknown:
        raise ValueError(f"Unknown coverage settings {sorted(unknown)}")

    def apply(locked, entry, now):
        if all(getattr(locked, name) == value for name, value in values.items()):
            return False
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        return True

    note = ", ".join(f"{name}={value}" for name, value in values.items())
    take_entry_step(coverage, None, action=AuditAction.LIVE_CHANGED, apply=apply, by=by, note=note)


def end_coverage(coverage: LiveCoverage, *, by=None) -> None:
    """End the coverage now: the page becomes its archive, open pages stop polling."""
    _editors_only(by, "Only editors may end live coverage.")

    def apply(locked, entry, now):
        if locked.has_ended(now):
            return False
        locked.ended_at = now
        locked.save()
        return True

    take_entry_step(coverage, None, action=AuditAction.LIVE_ENDED, apply=apply, by=by)


def _open(coverage: LiveCoverage, now) -> None:
    if coverage.has_ended(now):
        raise LiveRefused("This live coverage has ended; entries can no longer be posted.")


def _check_time(at, now) -> None:
    if at is not None and at <= now:
        raise LiveRefused("A scheduled entry needs a time in the future.")


def _out(entry: LiveEntry, at, now) -> None:
    """Send `entry` out now, or at `at`."""
    entry.state = EntryState.SCHEDULED if at is not None else EntryState.PUBLISHED
    entry.posted_at = at or now
    entry.changed_at = entry.posted_at


def post_entry(
    coverage: LiveCoverage,
    body: str,
    *,
    by=None,
    authors=(),
    at=None,
    draft=False,
    key_title: str = "",
) -> LiveEntry:
    """Post an entry now (or at `at`; or keep it as a draft). A reporter's entry waits for an
    editor when the coverage needs approval."""
    if by is not None:
        require(may_post(by, coverage.article), "You may not post to live coverage.")
    entry = LiveEntry(coverage=coverage, body=clean_body(body), created_by=by)
    entry.key_event = bool(key_title.strip())
    entry.key_title = key_title.strip()[:80]

    def apply(locked, current, now):
        _open(locked, now)
        _check_time(at, now)
        current.created_at = current.changed_at = now
        if draft:
            current.state = EntryState.DRAFT
        elif by is not None and locked.needs_approval and not is_editor(by):
            current.state = EntryState.SUBMITTED
        else:
            _out(current, at, now)
        return True

    take_entry_step(coverage, entry, action=AuditAction.ENTRY_POSTED, apply=apply, by=by)
    entry.authors.set(authors or _own_author(by))
    return entry


def _own_author(by):
    author = getattr(by, "author", None) if by is not None else None
    return [author] if author is not None else []


def publish_entry(entry: LiveEntry, *, by=None, at=None) -> None:
    """Publish a draft or waiting entry now (an editor approving it), or schedule it."""
    _editors_only(by, "Only editors may publish entries.")

    def apply(locked, current, now):
        _open(locked, now)
        _check_time(at, now)
        if current.state == EntryState.WITHDRAWN:
            raise LiveRefused("A withdrawn entry stays withdrawn.")
        if current.state == EntryState.PUBLISHED and at is None:
            return False
        _out(current, at, now)
        return True

    take_entry_step(entry.coverage, entry, action=AuditAction.ENTRY_POSTED, apply=apply, by=by)


def _may_touch(by, entry: LiveEntry) -> None:
    """Editors change any entry; a reporter only their own entry readers do not see yet."""
    if by is None or is_editor(by):
        return
    require(
        entry.created_by_id == by.pk and entry.state in (EntryState.DRAFT, EntryState.SUBMITTED),
        "Only editors may change an entry readers can see.",
    )


def _check_version(current: LiveEntry, expected_version) -> None:
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(
            "Someone else changed this entry while you were editing it; reload to see their "
            "change, then make yours again."
        )


def edit_entry(
    entry: LiveEntry, body: str, *, by=None, expected_version=None, authors=None
) -> None:
    """Change an entry's text. A published entry's change is marked "Updated"; to fix an
    error readers saw, use `correct_entry` so the correction is shown."""
    _may_touch(by, entry)
    cleaned = clean_body(body)

    def apply(locked, current, now):
        _check_version(current, expected_version)
        if current.state == EntryState.WITHDRAWN:
            raise LiveRefused("A withdrawn entry cannot be edited.")
        if current.body == cleaned:
            return False
        current.body = cleaned
        if current.is_public(now):
            current.updated_at = current.changed_at = now
        return True

    take_entry_step(entry.coverage, entry, action=AuditAction.ENTRY_EDITED, apply=apply, by=by)
    if authors is not None:
        entry.authors.set(authors)


def correct_entry(
    entry: LiveEntry, text: str, *, by=None, body: str | None = None, expected_version=None
) -> LiveCorrection:
    """Correct a published entry: the correction is shown on it and kept; `body`, when given,
    is the corrected text."""
    _editors_only(by, "Only editors may correct entries.")
    if not text.strip():
        raise LiveRefused("A correction needs a text saying what was wrong.")
    cleaned = clean_body(body) if body is not None else None
    added = []

    def apply(locked, current, now):
        _check_version(current, expected_version)
        if not current.is_public(now):
            raise LiveRefused("Only an entry readers can see is corrected; edit it instead.")
        if cleaned is not None:
            current.body = cleaned
        current.updated_at = current.changed_at = now
        added.append(
            LiveCorrection.objects.create(
                entry=current, text=text.strip(), created_at=now, created_by=by
            )
        )
        return True

    take_entry_step(
        entry.coverage,
        entry,
        action=AuditAction.ENTRY_CORRECTED,
        apply=apply,
        by=by,
        note=text.strip()[:300],
    )
    return added[0]


def pin_entry(entry: LiveEntry, *, by=None, pinned=True) -> None:
    """Pin the entry above the others (replacing the pinned one), or unpin it."""
    _editors_only(by, "Only editors may pin entries.")

    def apply(locked, current, now):
        if current.state == EntryState.WITHDRAWN and pinned:
            raise LiveRefused("A withdrawn entry cannot be pinned.")
        if current.pinned == pinned:
            return False
        if pinned:
            LiveEntry.objects.filter(coverage=locked, pinned=True).update(
                pinned=False, changed_at=now
            )
        current.pinned = pinned
        if current.is_public(now):
            current.changed_at = now
        return True

    take_entry_step(
        entry.coverage,
        entry,
        action=AuditAction.ENTRY_EDITED,
        apply=apply,
        by=by,
        note="pinned" if pinned else "unpinned",
    )


def mark_key_event(entry: LiveEntry, title: str, *, by=None) -> None:
    """Mark the entry a key event with a short `title` for the jump list ("" unmarks it)."""
    _editors_only(by, "Only editors may mark key events.")
    title = " ".join(title.split())
    if len(title) > 80:
        raise LiveRefused("A key event's title is at most 80 characters.")

    def apply(locked, current, now):
        if current.key_event == bool(title) and current.key_title == title:
            return False
        current.key_event, current.key_title = bool(title), title
        if current.is_public(now):
            current.changed_at = now
        return True

    take_entry_step(
        entry.coverage,
        entry,
        action=AuditAction.ENTRY_EDITED,
        apply=apply,
        by=by,
        note=f"key event: {title}" if title else "no longer a key event",
    )


def withdraw_entry(entry: LiveEntry, note: str = "", *, by=None) -> None:
    """Withdraw an entry: readers see `note` where it was (never a silent deletion)."""
    _editors_only(by, "Only editors may withdraw entries.")
    note = " ".join(note.split())[:200] or WITHDRAWN_NOTE

    def apply(locked, current, now):
        if current.state == EntryState.WITHDRAWN:
            return False
        was_public = current.is_public(now)
        current.state = EntryState.WITHDRAWN
        current.withdrawn_note = note
        current.pinned = False
        if was_public:
            current.changed_at = now
        else:
            current.posted_at = None  # never seen: nothing to leave a note for
        return True

    take_entry_step(
        entry.coverage,
        entry,
        action=AuditAction.ENTRY_WITHDRAWN,
        apply=apply,
        by=by,
        note=note,
    )


def breakout_entry(entry: LiveEntry, headline: str, *, by=None) -> Article:
    """Turn the entry into a new draft story in the same section, linked both ways (the
    entry shows a link to it once it is public; the story's form links back)."""
    _editors_only(by, "Only editors may break out entries.")
    headline = " ".join(headline.split())
    if not headline:
        raise LiveRefused("The new story needs a headline.")
    if entry.breakout_id:
        raise LiveRefused("This entry was broken out already.")
    live_story = entry.coverage.article
    story = Article(
        headline=headline[:200],
        slug=_free_slug(headline, live_story),
        section=live_story.section,
        body=entry.body,
    )
    create_story(story, by=by)
    for position, author in enumerate(entry.authors.all()):
        ArticleAuthor.objects.create(article=story, author=author, position=position)

    def apply(locked, current, now):
        if current.breakout_id:
            raise LiveRefused("This entry was broken out already.")
        current.breakout = story
        return True

    take_entry_step(
        entry.coverage,
        entry,
        action=AuditAction.ENTRY_BROKEN_OUT,
        apply=apply,
        by=by,
        note=headline[:300],
    )
    return story


def _free_slug(headline: str, near: Article) -> str:
    base = slugify(headline)[:40] or "live-entry"
    taken = set(
        Article.objects.filter(Q(slug=base) | Q(slug__startswith=base + "-")).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
