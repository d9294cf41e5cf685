"""The editorial audit trail: who moved a story through the workflow, and when.

Every step in `articles.workflow` (create, save, submit, return to draft, publish, schedule,
embargo, withdraw, restore, correct) writes one `AuditEntry`; editors read them on the story's history page.
Entries are never edited or deleted by the application.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    CREATED = "created", "Created"
    SAVED = "saved", "Saved"
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned to draft"
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    EMBARGOED = "embargoed", "Embargo set"
    EMBARGO_LIFTED = "embargo_lifted", "Embargo lifted"
    UNPUBLISHED = "unpublished", "Unpublished (withdrawn)"
    RESTORED = "restored", "Restored an earlier revision"
    CORRECTED = "corrected", "Added a correction or update"
    TAKEN_OVER = "taken_over", "Taken over from the wire"
    AGENCY_KILL = "agency_kill", "Killed or withheld by the agency"
    KILL_OVERRIDDEN = "kill_overridden", "Kept despite the agency's kill"
    LIVE_STARTED = "live_started", "Live coverage started"
    LIVE_CHANGED = "live_changed", "Live coverage settings changed"
    LIVE_ENDED = "live_ended", "Live coverage ended"
    ENTRY_POSTED = "entry_posted", "Live entry posted"
    ENTRY_EDITED = "entry_edited", "Live entry edited"
    ENTRY_CORRECTED = "entry_corrected", "Live entry corrected"
    ENTRY_WITHDRAWN = "entry_withdrawn", "Live entry withdrawn"
    ENTRY_BROKEN_OUT = "entry_broken_out", "Live entry broken out into a story"


class AuditEntry(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="audit_entries",
        help_text="The story the step was taken on.",
    )
    action = models.CharField(
        "action", max_length=20, choices=AuditAction.choices, help_text="What happened."
    )
    from_status = models.CharField(
        "from status", max_length=20, blank=True, help_text="The status before the step."
    )
    to_status = models.CharField(
        "to status", max_length=20, blank=True, help_text="The status after the step."
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that took the step (empty for scripts).",
    )
    at = models.DateTimeField("time", default=timezone.now, help_text="When it happened.")
    note = models.CharField(
        "note", max_length=300, blank=True, help_text="Details, e.g. the scheduled time."
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["article", "-at"], name="audit_article_idx")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.by or 'system'} at {self.at:%Y-%m-%d %H:%M}"
