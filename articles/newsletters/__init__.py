"""Newsletters made from the newsroom's own stories, sent properly, with readers' consent kept.

- `readers` — a reader's life: sign up (rate-limited), confirm by a button, choose, unsubscribe,
  export, erase; `addresses` — what an address must be; `tokens` — the signed links in emails.
- `composing` — issues from stories, a front or a section, text blocks, order; issues that
  draft themselves at a set time for an editor; `checklist` — what must hold before sending.
- `rendering` — the email (HTML with CSS inlined, plain text) and the archive's items.
- `sending` — schedule, start, batches as background tasks, backoff, resume, progress;
  `delivering` — one batch through the service, recorded copy by copy; `smtp` — the SMTP
  backend that reports the hand-over; `services` — the connection and the service's limits;
  `mail` — the messages and their List-Unsubscribe headers.
- `suppressing` — the suppression list and the service's webhook events;
  `importing` — CSV in and out.

The design and its reasons: docs/development/newsletters.md.
"""
