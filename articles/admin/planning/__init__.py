"""The planning desk's screens: desks, events, the budget, "My assignments" and the inbox.

They build forms and call `articles.planning`, which decides and checks (every view checks the
role itself too, so a forged request is refused and changes nothing).

- `desks` — the desks and their members, webhooks;
- `events` — the events list and form, "Add to plan", a plan line per occurrence;
- `budget` — the budget of a day or a week (by section or desk, re-planned by drag or
  keyboard), its print layout, the plan line form with its coverage;
- `assignments` — "My assignments": take, start, deliver; calendar addresses;
- `inbox` — notifications, each opening its item.
"""

from . import assignments, budget, desks, events, inbox

__all__ = ["assignments", "budget", "desks", "events", "inbox"]
