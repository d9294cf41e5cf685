"""Arranging a front: checking an arrangement, publishing it now or scheduling it, calling a
scheduled one off, and which stories an editor may pin.

An arrangement is published whole and never edited afterwards: the front's history is its
arrangements, and the one readers see is the latest whose time has come (`showing`). Every
function here checks the acting user's role (`by=None` is a script acting for the newsroom)
and tells `articles.changes` what changed, so cached pages are fresh at once, and a scheduled
arrangement is on the cached page at its second (its time is one of the edition's moments).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles import changes
from articles.models import Arrangement, Article, Fill, Front, Slot, SlotKind
from articles.search import full_text
from articles.staff.roles import can_arrange_fronts

MAX_SLOTS = 40
MAX_STORIES_PER_SLOT = 12


class ArrangementState:
    SCHEDULED = "scheduled"
    LIVE = "live"
    PAST = "past"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ArrangementRecord:
    """One arrangement in a front's history, with where it stands now."""

    arrangement: Arrangement
    state: str


def require_arranger(user) -> None:
    if user is not None and not can_arrange_fronts(user):
        raise PermissionDenied("Only editors may arrange the fronts.")


def front_of(section=None, *, create: bool = False) -> Front | None:
    """The front of `section`'s page (the home page when None); made if `create`."""
    if create:
        return Front.objects.get_or_create(section=section)[0]
    return Front.objects.filter(section=section).first()


def check_slots(slots: list[Slot]) -> None:
    """Refuse an arrangement an editor cannot have meant: too many slots, more than one lead,
    a slot with nothing to show, a rule without its section, tag or region, a pinned story that
    is not published (drafts and withdrawn stories can never be pinned). A lead shows one
    story: its count is set to 1."""
    if len(slots) > MAX_SLOTS:
        raise ValidationError(f"A front has at most {MAX_SLOTS} slots.")
    if sum(slot.kind == SlotKind.LEAD for slot in slots) > 1:
        raise ValidationError("A front has one lead story: make the others top stories.")
    for slot in slots:
        if slot.kind == SlotKind.LEAD:
            slot.count = 1
        check_slot(slot)
    pinned = {slot.story_id for slot in slots if slot.story_id}
    publishable = set(Article.objects.pinnable().filter(pk__in=pinned).values_list("pk", flat=True))
    if pinned - publishable:
        raise ValidationError(
            "Only published stories can be pinned (a draft, a story in review or a withdrawn "
            "story never shows on a front).",
            code="unpublished_pin",
        )


def check_slot(slot: Slot) -> None:
    """One slot's own rules (see `check_slots`), as errors keyed by field."""
    errors = {}
    if not slot.story_id and slot.fill == Fill.NONE:
        errors["fill"] = "Pin a story or choose what fills the slot."
    needed = {Fill.SECTION: "section", Fill.TAG: "tag", Fill.REGION: "region"}.get(slot.fill)
    if needed and not getattr(slot, f"{needed}_id"):
        errors[needed] = f"Choose the {needed} whose latest stories fill the slot."
    if not 1 <= slot.count <= MAX_STORIES_PER_SLOT:
        errors["count"] = f"A slot shows between 1 and {MAX_STORIES_PER_SLOT} stories."
    if errors:
        raise ValidationError(errors)


def publish_arrangement(
    front: Front, slots: list[Slot], *, by=None, at=None, note: str = ""
) -> Arrangement:
    """Publish `slots` (unsaved, in order) as `front`'s arrangement: now, or at `at` if that
    is still to come. Readers see it from that moment until a later one goes live."""
    require_arranger(by)
    check_slots(slots)
    with transaction.atomic():
        # One arrangement at a time per front: two editors publishing at once queue here.
        Front.objects.select_for_update().filter(pk=front.pk).first()
        now = timezone.now()
        # A time already past would put the arrangement behind the live one: it goes live now.
        goes_live_at = max(at, now) if at is not None else now
        arrangement = Arrangement.objects.create(
            front=front,
            goes_live_at=goes_live_at,
            note=note[:200],
            created_by=by if by is not None and by.is_authenticated else None,
        )
        for position, slot in enumerate(slots):
            slot.pk = None
            slot.arrangement = arrangement
            slot.position = position
        Slot.objects.bulk_create(slots)
        changes.front_changed(front)
    return arrangement


def cancel_arrangement(arrangement: Arrangement, *, by=None) -> Arrangement:
    """Call off a scheduled arrangement before its time: it never goes live (it stays in the
    front's history). One already live, past or called off is refused."""
    require_arranger(by)
    with transaction.atomic():
        locked = Arrangement.objects.select_for_update().get(pk=arrangement.pk)
        now = timezone.now()
        if locked.cancelled_at is not None or locked.goes_live_at <= now:
            raise ValidationError(
                "Only an arrangement still waiting for its time can be called off."
            )
        locked.cancelled_at = now
        locked.cancelled_by = by if by is not None and by.is_authenticated else None
        locked.save(update_fields=["cancelled_at", "cancelled_by"])
        changes.front_changed(locked.front)
    return locked


def remove_fronts(fronts) -> int:
    """Delete `fronts` (a queryset) with their history: their pages go back to the automatic
    front at once. Returns how many were deleted."""
    removed = list(fronts.select_related("section"))
    with transaction.atomic():
        Front.objects.filter(pk__in=[front.pk for front in removed]).delete()
        for front in removed:
            changes.front_changed(front)
    return len(removed)


def history(front: Front, *, limit: int = 20, at=None) -> list[ArrangementRecord]:
    """The front's newest arrangements (scheduled ones first), each with where it stands."""
    now = at or timezone.now()
    records, live_found = [], False
    for arrangement in front.arrangements.select_related("created_by", "cancelled_by")[:limit]:
        if arrangement.cancelled_at is not None:
            state = ArrangementState.CANCELLED
        elif arrangement.goes_live_at > now:
            state = ArrangementState.SCHEDULED
        elif not live_found:
            state, live_found = ArrangementState.LIVE, True
        else:
            state = ArrangementState.PAST
        records.append(ArrangementRecord(arrangement, state))
    return records


def pinnable_stories(term: str = ""):
    """Stories an editor may pin, newest first: published ones, live or waiting for their
    time (they show from then). Every word of `term` must start a word of the story on
    PostgreSQL (its search index), or appear in the headline elsewhere."""
    stories = Article.objects.pinnable().with_cards().defer("body")
    term = full_text.clean_query(term)
    if term:
        found = full_text.search_by_word_starts(stories, term)
        if found is None:
            matching = Q()
            for word in term.split()[:8]:
                matching &= Q(headline__icontains=word)
            found = stories.filter(matching)
        stories = found
    return stories.order_by("-published_at", "-pk")
