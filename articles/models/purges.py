"""The CDN purge log: one row per committed change that touched cache keys, kept as the record
of what the CDN was asked to forget and whether it answered (`articles.caching.purging`)."""

from django.db import models
from django.utils import timezone


class CdnPurge(models.Model):
    keys = models.TextField("keys", help_text="The cache keys the change touched, space-separated.")
    created_at = models.DateTimeField("changed", default=timezone.now)
    sent_at = models.DateTimeField(
        "purged", null=True, blank=True, help_text="When the CDN confirmed the purge."
    )
    attempts = models.PositiveIntegerField("attempts", default=0)
    next_attempt_at = models.DateTimeField("next attempt", default=timezone.now)
    last_error = models.TextField("last error", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "CDN purge"
        verbose_name_plural = "CDN purges"
        # The worker's question: which purges are still to send, oldest first.
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="cdnpurge_due_idx")]

    def __str__(self):
        return f"{self.keys[:60]} ({'sent' if self.sent_at else 'pending'})"
