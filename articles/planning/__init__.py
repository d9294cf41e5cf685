"""The planning desk: what the newsroom will cover, who is on it, and how coverage becomes the
story (docs/editors/planning.md).

- `rules` — who may plan, who may be assigned, what each person sees and may take or start.
- `recurrence` — RFC 5545 rules of recurring events, checked and always expanded within bounds.
- `events` — saving events (bad dates and rules refused), their status and what a postponement
  or a cancellation sets off, "Add to plan", a plan line per occurrence, deleting.
- `budget` — plan lines: saving, re-planning (day, slot, position), spiking, and the budget
  itself (a day or a week, by section or by desk, in a fixed number of queries).
- `coverage` — assigning, taking a desk's assignment, "Start" (the pre-filled draft, through
  the workflow) and delivering a picture. A story's own progress (filed, delivered) is
  followed by `articles.changes` through `Coverage.objects.follow_story`.
- `notifications` — who is told of what (the admin inbox, email, the desks' webhooks);
  `sending` sends it (Django's mailer, signed webhooks); `reminders` — due soon, the digest.
- `audit` — the planning audit trail.
- `calendars`, `ninjs`, `agency` — iCalendar feeds, ninjs 3.2 `event`/`planning` out, and
  agency `event` items in through the wire desk's ingest.
"""
