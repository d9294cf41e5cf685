"""The editorial workflow: a story's states and every move between them.

    draft → in review → published (live now, or scheduled) → unpublished (withdrawn)

- `rules` — who may do what (`may_edit`, `may_preview`, `is_editor`), which moves exist
  (`MOVES`, one table the transitions, the form and the bulk actions read; `path_to`,
  `allowed_statuses`), what a story needs to go out (`has_byline`).
- `step` — the one internal step every transition takes (lock, decide, version, save,
  redirect, revision, audit entry, change consequences).
- `transitions` — the transitions themselves, the only way a story's status, times or
  content change.
"""

from .rules import (
    MOVES,
    PUBLISH,
    RETURN_TO_DRAFT,
    SUBMIT,
    WITHDRAW,
    WORKING_STATUSES,
    KilledByAgency,
    MissingAltText,
    MissingByline,
    TransitionNotAllowed,
    agency_block,
    allowed_statuses,
    has_byline,
    is_editor,
    is_own_story,
    may_edit,
    may_preview,
    may_share_preview,
)
from .step import record
from .transitions import (
    EditConflict,
    add_correction,
    create_story,
    move_to_status,
    publish,
    restore_revision,
    return_to_draft,
    save_edits,
    schedule,
    set_embargo,
    submit_for_review,
    unpublish,
)

__all__ = [
    "MOVES",
    "PUBLISH",
    "RETURN_TO_DRAFT",
    "SUBMIT",
    "WITHDRAW",
    "WORKING_STATUSES",
    "EditConflict",
    "KilledByAgency",
    "MissingAltText",
    "MissingByline",
    "TransitionNotAllowed",
    "add_correction",
    "agency_block",
    "allowed_statuses",
    "create_story",
    "has_byline",
    "is_editor",
    "is_own_story",
    "may_edit",
    "may_preview",
    "may_share_preview",
    "move_to_status",
    "publish",
    "record",
    "restore_revision",
    "return_to_draft",
    "save_edits",
    "schedule",
    "set_embargo",
    "submit_for_review",
    "unpublish",
]
