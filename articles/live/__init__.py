"""Live coverage: a story that unfolds entry by entry (docs/editors/live-coverage.md).

- `entries` — the verbs: switching a story into live coverage and ending it, posting,
  editing, correcting, pinning, marking key events, scheduling, withdrawing and breaking out
  entries. Each goes through the workflow's one step for entries (`articles.workflow.entries`).
- `showing` — what readers get: the page's entries, the updates since a cursor, the poll
  interval the server asks for.
"""
