"""What a front shows now: its live arrangement's slots, filled with public stories.

Two queries whatever the number of slots and stories: the live arrangement's slots (with the
section, tag or region each rule draws on), then every story the front can show — the pinned
ones and, for each rule, its newest few — in one query built on `Article.objects.published()`,
so nothing a reader may not see is ever shown, whatever is pinned.

The rules, in the order an editor expects them:
- a pinned story holds its slot while readers can see it (until then, or if it is withdrawn,
  the slot's rule fills its place); a story pinned twice shows once, in the first slot;
- rule slots fill top to bottom with the newest stories that match, skipping any story the
  front shows elsewhere — pinned anywhere, or picked by a slot above;
- a slot that may repeat stories ("allow duplicates") skips nothing but its own picks, and
  what it picks does not stop other slots from showing the same stories;
- consecutive "top stories" slots read as one group; a slot left with no story is not shown,
  and a front with nothing to show is no front at all (the page's automatic front shows).
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Subquery, Value, When
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import Arrangement, Article, Fill, Slot, SlotKind


@dataclass
class Group:
    """A part of the front as a template shows it: the lead, the top stories, or a block."""

    kind: str
    stories: list[Article]
    heading: str = ""
    link: str = ""
    number: int = 0

    @property
    def anchor(self) -> str:
        """An id for the group's heading, unique on the page."""
        return f"front-{self.kind}-{self.number}"


@dataclass
class ShownSlot:
    slot: Slot
    stories: list[Article] = field(default_factory=list)


def live_slots(section=None, *, at=None) -> list[Slot]:
    """The slots of the arrangement readers see now on `section`'s page (the home page when
    None): the latest arrangement whose time has come and that was not called off. One query;
    empty when the page has no front."""
    now = at or timezone.now()
    arrangements = Arrangement.objects.filter(cancelled_at__isnull=True, goes_live_at__lte=now)
    if section is None:
        arrangements = arrangements.filter(front__section__isnull=True)
    else:
        arrangements = arrangements.filter(front__section=section)
    live = arrangements.order_by("-goes_live_at", "-pk").values("pk")[:1]
    slots = Slot.objects.filter(arrangement=Subquery(live)).select_related(
        "section", "tag", "region"
    )
    return list(slots.order_by("position", "pk"))


def rule_stories(slot: Slot, *, at=None):
    """The public stories `slot`'s rule draws on (unordered), or None if it has no rule (or
    the section, tag or region it named is gone)."""
    stories = Article.objects.published(at)
    if slot.fill == Fill.LATEST:
        return stories
    if slot.fill == Fill.SECTION and slot.section_id:
        return stories.filter(section_id=slot.section_id)
    if slot.fill == Fill.TAG and slot.tag_id:
        return stories.tagged(slot.tag_id)
    if slot.fill == Fill.REGION and slot.region_id:
        return stories.in_region(slot.region_id)
    return None


def fill_slots(slots: list[Slot], *, at=None) -> list[ShownSlot]:
    """Each slot with the public stories it shows, by the rules in the module docstring. One
    query, whatever the number of slots."""
    if not slots:
        return []
    pinned = {slot.story_id for slot in slots if slot.story_id}
    picks, members, picked_above = {}, [Article.objects.filter(pk__in=pinned)], 0
    for n, slot in enumerate(slots):
        stories = rule_stories(slot, at=at)
        if stories is None or slot.count < 1:
            continue
        if slot.allow_duplicates:
            need = slot.count
            stories = stories.exclude(pk=slot.story_id) if slot.story_id else stories
        else:
            # Enough that the slot is full even if every story picked above matches it too.
            need = slot.count + picked_above
            picked_above += slot.count
            stories = stories.exclude(pk__in=pinned)
        newest = stories.latest_first().values("pk")[:need]
        picks[f"in_slot_{n}"] = Case(
            When(pk__in=newest, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        # Each rule's newest few, wrapped so the union holds no LIMIT of its own (SQLite).
        members.append(Article.objects.filter(pk__in=newest))
    # One IN over the union of the picks: a few index probes, where an OR of the picks would
    # make PostgreSQL read the whole article table to test each row.
    wanted = members[0].values("pk").union(*(m.values("pk") for m in members[1:]), all=True)
    candidates = list(
        Article.objects.published(at)
        .with_cards()
        .defer("body")
        .filter(pk__in=wanted)
        .annotate(**picks)
        .latest_first()
    )
    return _assign(slots, candidates)


def _assign(slots: list[Slot], candidates: list[Article]) -> list[ShownSlot]:
    by_pk = {story.pk: story for story in candidates}
    shown = [ShownSlot(slot) for slot in slots]
    claimed = set()
    # Pins first: a pinned story holds its place, and no rule repeats it.
    for item in shown:
        story = by_pk.get(item.slot.story_id)
        if story is not None and (item.slot.allow_duplicates or story.pk not in claimed):
            item.stories.append(story)
            claimed.add(story.pk)
    for n, item in enumerate(shown):
        slot, flag = item.slot, f"in_slot_{n}"
        for story in candidates:
            if len(item.stories) >= max(slot.count, 1):
                break
            if not getattr(story, flag, False) or story in item.stories:
                continue
            if slot.allow_duplicates:
                item.stories.append(story)
            elif story.pk not in claimed:
                item.stories.append(story)
                claimed.add(story.pk)
    return shown


def heading_of(slot: Slot) -> str:
    if slot.heading:
        return slot.heading
    if slot.kind == SlotKind.TOP:
        return "Top stories"
    if slot.kind == SlotKind.BLOCK:
        return slot.target.name if slot.target is not None else "Latest"
    return ""


def group(shown: list[ShownSlot]) -> list[Group]:
    """The front as a template shows it: slots without stories left out, consecutive top
    stories slots run together."""
    groups: list[Group] = []
    for item in shown:
        if not item.stories:
            continue
        slot = item.slot
        if slot.kind == SlotKind.TOP and groups and groups[-1].kind == SlotKind.TOP:
            groups[-1].stories.extend(item.stories)
            continue
        target = slot.target if slot.kind == SlotKind.BLOCK else None
        groups.append(
            Group(
                kind=slot.kind,
                stories=list(item.stories),
                heading=heading_of(slot),
                link=target.get_absolute_url() if target is not None else "",
                number=len(groups) + 1,
            )
        )
    return groups


class LiveFront:
    """The curated front of a page (the home page when `section` is None), read only when a
    template asks for it, so that a cached fragment of the page costs no query. `slots` shows
    an arrangement that is not live (a preview) instead of the live one."""

    def __init__(self, section=None, *, slots: list[Slot] | None = None, at=None):
        self.section, self._slots, self.at = section, slots, at

    @cached_property
    def slots(self) -> list[Slot]:
        if self._slots is not None:
            return self._slots
        return live_slots(self.section, at=self.at)

    @cached_property
    def groups(self) -> list[Group]:
        """What the front shows; empty when the page has no front (or nothing to show), and
        the page shows its automatic front instead."""
        return group(fill_slots(self.slots, at=self.at))
