"""Live coverage: a story switched into live coverage, and the entries it unfolds in.

A story stays a story (section, bylines, workflow, JSON-LD…); `LiveCoverage` says it is live
(from when, until when, whether reporters' entries wait for an editor) and `LiveEntry` rows
are its entries. Every change to them goes through `articles.workflow.entries` (the one step
for entries), so each is audited, versioned and followed by `articles.changes`
(docs/editors/live-coverage.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class EntryState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for an editor"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class LiveEntryQuerySet(models.QuerySet):
    def public(self, at=None):
        """Entries readers see with their text: published (or scheduled and due)."""
        return self.filter(
            state__in=(EntryState.PUBLISHED, EntryState.SCHEDULED),
            posted_at__lte=at or timezone.now(),
        )

    def shown(self, at=None):
        """Everything readers see on the page: public entries, and the notes left where
        published entries were withdrawn (never a draft, a waiting or a future entry)."""
        return self.filter(
            state__in=(EntryState.PUBLISHED, EntryState.SCHEDULED, EntryState.WITHDRAWN),
            posted_at__lte=at or timezone.now(),
        )


class LiveCoverage(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        verbose_name="story",
        on_delete=models.CASCADE,
        related_name="live",
        help_text="The story covered live.",
    )
    started_at = models.DateTimeField(
        "coverage start", default=timezone.now, help_text="When the live coverage began."
    )
    ended_at = models.DateTimeField(
        "coverage end",
        null=True,
        blank=True,
        help_text="When the coverage ended; the page is then an archive of it.",
    )
    needs_approval = models.BooleanField(
        "reporters' entries need approval",
        default=True,
        help_text="An editor publishes entries that reporters post.",
    )
    poll_seconds = models.PositiveSmallIntegerField(
        "poll interval (seconds)",
        null=True,
        blank=True,
        help_text="How often open pages ask for new entries; empty for the site's setting, 0 stops polling.",
    )

    class Meta:
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"

    def __str__(self):
        return f"Live: {self.article_id}"

    def has_ended(self, at=None) -> bool:
        return self.ended_at is not None and self.ended_at <= (at or timezone.now())


class LiveEntry(models.Model):
    coverage = models.ForeignKey(
        LiveCoverage,
        verbose_name="coverage",
        on_delete=models.CASCADE,
        related_name="entries",
        help_text="The live coverage the entry belongs to.",
    )
    body = models.TextField("text", help_text="Sanitised like a story's body.")
    authors = models.ManyToManyField(
        "articles.Author",
        verbose_name="authors",
        related_name="live_entries",
        blank=True,
        help_text="Who wrote the entry.",
    )
    state = models.CharField(
        "state", max_length=20, choices=EntryState.choices, default=EntryState.DRAFT
    )
    posted_at = models.DateTimeField(
        "posted", null=True, blank=True, help_text="When it went (or goes) out to readers."
    )
    # The moment readers' pages last had something new from this entry: its posting time, or
    # the time of its last public change; the updates endpoint's cursor runs on it.
    changed_at = models.DateTimeField("changed", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(
        "updated", null=True, blank=True, help_text="When its published text last changed."
    )
    created_at = models.DateTimeField("created", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key_event = models.BooleanField("key event", default=False)
    key_title = models.CharField(
        "key event title", max_length=80, blank=True, help_text="Short: shown in the jump list."
    )
    pinned = models.BooleanField("pinned", default=False, help_text="Shown first; one per story.")
    withdrawn_note = models.CharField(
        "withdrawal note",
        max_length=200,
        blank=True,
        help_text="What readers see where a withdrawn entry was.",
    )
    version = models.PositiveIntegerField("edit counter", default=1)
    breakout = models.ForeignKey(
        "articles.Article",
        verbose_name="broken out into",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="broken_out_of",
        help_text="The story this entry became.",
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        constraints = [
            models.UniqueConstraint(
                fields=["coverage"], condition=Q(pinned=True), name="live_one_pinned_entry"
            )
        ]
        indexes = [
            models.Index(fields=["coverage", "state", "-posted_at"], name="live_entry_page_idx"),
            models.Index(fields=["coverage", "changed_at"], name="live_entry_changes_idx"),
        ]

    def __str__(self):
        return f"Entry {self.pk} ({self.state})"

    def is_public(self, at=None) -> bool:
        at = at or timezone.now()
        return self.state in (EntryState.PUBLISHED, EntryState.SCHEDULED) and bool(
            self.posted_at and self.posted_at <= at
        )


class LiveCorrection(models.Model):
    """A correction to a published entry: shown on it ("Corrected 14:05: …"), never edited."""

    entry = models.ForeignKey(
        LiveEntry, on_delete=models.CASCADE, related_name="corrections", verbose_name="entry"
    )
    text = models.TextField("text", help_text="What was wrong and what is right.")
    created_at = models.DateTimeField("time", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "live entry correction"

    def __str__(self):
        return self.text[:60]
