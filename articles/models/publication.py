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

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, Subquery
from django.db.models.lookups import IsNull
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
_FIXED_STATES: dict[str, PublicationState] = {
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


def hidden_conditions(prefix: str = "", *, at=None) -> list[Q]:
    """The ways a story is hidden from readers: not published (a draft, in review,
    withdrawn); published without a publish time; scheduled; embargoed. Together they are the
    exact complement of `public_condition()`.

    Spelled out rather than negated, and kept apart, so that each is one index range on its
    own (the status; the publish time; the embargo): the few hidden stories are found without
    reading the many public ones. Counting "every link minus the links to hidden stories" is
    how the index pages count cheaply (`articles.caching.counts`).
    """
    now = at or timezone.now()
    unpublished = [status for status in Status.values if status != Status.PUBLISHED]
    published = {f"{prefix}status": Status.PUBLISHED}
    return [
        Q(**{f"{prefix}status__in": unpublished}),
        Q(**published, **{f"{prefix}published_at__isnull": True}),
        Q(**published, **{f"{prefix}published_at__gt": now}),
        Q(**published, **{f"{prefix}embargo_until__gt": now}),
    ]


def hidden_condition(prefix: str = "", *, at=None) -> Q:
    """The condition for "readers may not see this story" (see `hidden_conditions()`)."""
    return reduce(or_, hidden_conditions(prefix, at=at))


def has_public_story(links, story: str, *, at=None) -> IsNull:
    """The condition "this entry (tag, source, author) is on at least one public story":
    `links` are its link rows, correlated to it with `OuterRef("pk")`, reaching the story
    through the foreign key `story` ("content_object", "article").

    Stated as "the first public link is not null" rather than EXISTS: PostgreSQL turns an
    EXISTS filter into a join over the whole link table (hashing four million tag links to
    list 20,000 tags at a million stories: seconds), while a scalar subquery runs per entry
    and stops at the first public story, a couple of index probes.
    """
    public = links.filter(public_condition(f"{story}__", at=at))
    # Any public link will do: no ordering (a credit's byline order would sort them all).
    first = public.order_by().values(f"{story}_id")[:1]
    return IsNull(Subquery(first), False)


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
        # A scheduled story's time is always unset or still ahead; saying so changes nothing
        # but lets the publish-time index find the few, where ~live alone reads every story.
        waiting = Q(**{f"{prefix}published_at__isnull": True}) | Q(
            **{f"{prefix}published_at__gt": now}
        )
        return published & waiting & ~live & ~embargoed
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
