"""Curated fronts: the home page's and each section's arrangement of stories.

- `showing` — what a front shows now: the live arrangement, its slots filled with public
  stories (pins first, rules after, no story twice), in two queries.
- `arranging` — checking, publishing, scheduling and calling off arrangements, the front's
  history, and the stories an editor may pin.

A page without a front (or whose front has nothing to show) keeps its automatic front.
"""

from .arranging import (
    MAX_SLOTS,
    MAX_STORIES_PER_SLOT,
    ArrangementRecord,
    ArrangementState,
    cancel_arrangement,
    check_slot,
    check_slots,
    front_of,
    history,
    pinnable_stories,
    publish_arrangement,
    remove_fronts,
    require_arranger,
)
from .showing import Group, LiveFront, fill_slots, group, live_slots

__all__ = [
    "MAX_SLOTS",
    "MAX_STORIES_PER_SLOT",
    "ArrangementRecord",
    "ArrangementState",
    "Group",
    "LiveFront",
    "cancel_arrangement",
    "check_slot",
    "check_slots",
    "fill_slots",
    "front_of",
    "group",
    "history",
    "live_slots",
    "pinnable_stories",
    "publish_arrangement",
    "remove_fronts",
    "require_arranger",
]
