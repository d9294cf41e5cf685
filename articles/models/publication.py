"""Where a story stands with readers: the one definition of "public" and the six states.

A story's *status* is what editors set (draft, in review, published, unpublished). What readers
see also depends on time: a published story is *scheduled* until its publish time arrives and
*embargoed* while an embargo holds it back. `PublicationState` names the six states an editor
recognises; `public_condition()` is the one SQL condition for "readers may see it", usable
across a relation (`public_condition("tagged_articles__content_object__")`), and
`publication_state()` is the same rule for one story in Python. Both are defined here, next to
each other, and a test checks that they agree for every combination of status and times.

`first_published_at` holds the moment a story first became visible. While a story that was
never public waits for its time (scheduled or embargoed), it holds the moment it *will* first
become visible, so that a story going live at 09:00 is in the news sitemap at 09:00 without any
job running; the workflow clears it again if the story is withdrawn before that moment.
A story "was ever public" once that moment has passed — only such a story may answer
410 Gone or leave redirects behind; any other unseen story answers 404 like an unknown slug.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished (withdrawn)"


class PublicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    EMBARGOED = "embargoed", "Embargoed"
    LIVE = "live", "Live"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The states a status maps to whatever the time.
_FIXED_STATES = {
    Status.DRAFT: PublicationState.DRAFT,
    Status.REVIEW: PublicationState.REVIEW,
    Status.UNPUBLISHED: PublicationState.WITHDRAWN,
}


def public_condition(prefix: str = "", *, at=None) -> Q:
    """The condition for "readers may see this story", on the story's own fields or, with
    `prefix` (e.g. "article__"), across a relation: published, publish time arrived, and no
    embargo still holding it back."""
    now = at or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": now})
    )


def state_condition(state: str, prefix: str = "", *, at=None) -> Q:
    """The condition matching stories in `state` at `at` (the admin's filter uses it)."""
    now = at or timezone.now()
    for status, fixed in _FIXED_STATES.items():
        if state == fixed:
            return Q(**{f"{prefix}status": status})
    published = Q(**{f"{prefix}status": Status.PUBLISHED})
    live = public_condition(prefix, at=now)
    embargoed = (
        published
        & Q(**{f"{prefix}embargo_until__gt": now})
        & (
            Q(**{f"{prefix}published_at__isnull": True})
            | Q(**{f"{prefix}embargo_until__gte": models.F(f"{prefix}published_at")})
        )
    )
    if state == PublicationState.LIVE:
        return live
    if state == PublicationState.EMBARGOED:
        return embargoed
    if state == PublicationState.SCHEDULED:
        return published & ~live & ~embargoed
    raise ValueError(f"Unknown publication state {state!r}")


def publication_state(status: str, published_at, embargo_until, *, at=None) -> PublicationState:
    """Where a story with these fields stands at `at` (now by default); the Python form of
    `public_condition()` and `state_condition()`."""
    if status in _FIXED_STATES:
        return _FIXED_STATES[status]
    now = at or timezone.now()
    if embargo_until is not None and embargo_until > now:
        if published_at is None or embargo_until >= published_at:
            return PublicationState.EMBARGOED
    if published_at is None or published_at > now:
        return PublicationState.SCHEDULED
    return PublicationState.LIVE


def goes_live_at(status: str, published_at, embargo_until):
    """When a published story becomes visible: its publish time, or its embargo if later."""
    if status != Status.PUBLISHED or published_at is None:
        return None
    return max(t for t in (published_at, embargo_until) if t)


def was_ever_public(first_published_at, *, at=None) -> bool:
    """Whether readers have ever been able to see the story."""
    return first_published_at is not None and first_published_at <= (at or timezone.now())
