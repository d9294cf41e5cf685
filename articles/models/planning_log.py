"""The planning desk's tables, part three: its audit trail, its notifications and the private
calendar addresses staff subscribe to.

- `PlanningAuditEntry` — who changed which event, plan line or coverage, when and how
  ("status: confirmed → postponed (the mayor is ill)"); entries outlive what they describe
  (its name is kept) and are never edited or deleted by the application.
- `Notification` — one message to a person (the admin's inbox and an email) or to a desk
  (its chat webhook): assigned, changed, due soon, an event called off, the daily digest.
  Each links to the item it is about; sending is `articles.planning.notifications`' job.
- `CalendarFeed` — a secret address of an iCalendar feed (a person's assignments, or a desk's
  plan), because calendar programs cannot sign in; resetting it makes a new one.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class PlanningAction(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"
    STATUS = "status", "Status changed"
    ASSIGNED = "assigned", "Assigned"
    TAKEN = "taken", "Taken by its assignee"
    STARTED = "started", "Started (story drafted)"
    DELIVERED = "delivered", "Delivered"
    STORY_PROGRESS = "story", "Followed its story"
    MOVED = "moved", "Re-planned"
    SPIKED = "spiked", "Spiked"
    INGESTED = "ingested", "Taken in from the agency"


class PlanningAuditEntry(models.Model):
    at = models.DateTimeField("time", default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the system (ingest, the workflow).",
    )
    action = models.CharField("action", max_length=12, choices=PlanningAction.choices)
    event = models.ForeignKey(
        "articles.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit"
    )
    plan_line = models.ForeignKey(
        "articles.PlanLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit",
    )
    coverage = models.ForeignKey(
        "articles.Coverage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit",
    )
    subject = models.CharField(
        "what", max_length=300, help_text="Its name then, kept if it is deleted."
    )
    note = models.CharField("details", max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "planning audit entry"
        verbose_name_plural = "planning audit trail"

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    TAKEN = "taken", "Taken"
    CHANGED = "changed", "Changed"
    DUE_SOON = "due_soon", "Due soon"
    CALLED_OFF = "called_off", "Event postponed or cancelled"
    DIGEST = "digest", "Daily digest"


class Notification(models.Model):
    key = models.UUIDField(
        "delivery id", default=uuid.uuid4, unique=True, editable=False, help_text="Sent with it."
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="for",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planning_notifications",
        help_text="The person told (admin and email); empty for a desk's webhook message.",
    )
    desk = models.ForeignKey(
        "articles.Desk",
        verbose_name="desk channel",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("kind", max_length=12, choices=NotificationKind.choices)
    message = models.CharField("message", max_length=300)
    body = models.TextField("details", blank=True)
    link = models.CharField("opens", max_length=300, help_text="The item's address in the admin.")
    created_at = models.DateTimeField("sent", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("read", null=True, blank=True)
    emailed_at = models.DateTimeField("emailed", null=True, blank=True)
    posted_at = models.DateTimeField("posted to the webhook", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    last_error = models.CharField("last error", max_length=300, blank=True)
    digest_day = models.DateField("digest of", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "digest_day"],
                condition=models.Q(digest_day__isnull=False),
                name="one_digest_a_day",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox_idx")]

    def __str__(self):
        return self.message


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    token = models.CharField(
        "secret", max_length=64, unique=True, default=new_feed_token, editable=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="owner",
        on_delete=models.CASCADE,
        related_name="planning_calendars",
    )
    desk = models.ForeignKey(
        "articles.Desk",
        verbose_name="desk",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendars",
        help_text="The desk's plan; empty: the owner's own assignments.",
    )
    created_at = models.DateTimeField("created", default=timezone.now)

    class Meta:
        verbose_name = "calendar address"
        verbose_name_plural = "calendar addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "desk"], name="one_calendar_per_owner_and_desk"
            ),
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(desk__isnull=True),
                name="one_personal_calendar",
            ),
        ]

    def __str__(self):
        return f"{self.desk or 'own assignments'} ({self.owner})"

    def get_absolute_url(self):
        return reverse("articles:staff_calendar", kwargs={"token": self.token})
