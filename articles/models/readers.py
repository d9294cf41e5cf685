"""Readers who take a newsletter: the least a newsletter needs to know, and their consent.

A `Reader` is an email address and nothing more: no name, no password, no link to a staff
account. It is *pending* until its owner presses the button behind the magic link, and only a
confirmed reader is ever sent an issue. Every subscribe, confirm, unsubscribe and import is a
`Consent` row (what, when, from which page); erasure deletes the reader with its consents and
blanks the address wherever a send log kept it. A `Suppression` is an address the newsroom must
not write to (a hard bounce, a complaint, or an editor's decision), lifted only with a reason.
Written by `articles.newsletters`; readers reach their own data through signed links.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReaderStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"


class Reader(models.Model):
    email = models.EmailField(
        "email address",
        max_length=254,
        unique=True,
        help_text="As the reader typed it, with the domain in lower case.",
    )
    key = models.UUIDField(
        "key",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Random; the reader's links (preferences, unsubscribe) are signed with it.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=ReaderStatus.choices,
        default=ReaderStatus.PENDING,
        help_text="Only confirmed readers are sent issues.",
    )
    link_generation = models.PositiveIntegerField(
        "link generation",
        default=0,
        editable=False,
        help_text="Moves when a confirmation link is used, so each link works once.",
    )
    confirmation_sent_at = models.DateTimeField(
        "confirmation sent", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("signed up", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = "reader"
        verbose_name_plural = "readers"

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.status == ReaderStatus.CONFIRMED


class ConsentAction(models.TextChoices):
    SUBSCRIBED = "subscribed", "Asked to subscribe"
    CONFIRMED = "confirmed", "Confirmed by the button"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    IMPORTED = "imported", "Imported with consent given elsewhere"


class Consent(models.Model):
    """One thing a reader agreed to or withdrew, kept as evidence: never edited."""

    reader = models.ForeignKey(
        Reader, verbose_name="reader", on_delete=models.CASCADE, related_name="consents"
    )
    newsletter = models.ForeignKey(
        "articles.Newsletter",
        verbose_name="newsletter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty: every newsletter (an unsubscribe from all, a confirmation).",
    )
    action = models.CharField("what", max_length=20, choices=ConsentAction.choices)
    source = models.CharField(
        "from",
        max_length=300,
        blank=True,
        help_text="The page the form was on, the email's link, or the import and who ran it.",
    )
    at = models.DateTimeField("when", auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "consent record"
        verbose_name_plural = "consent records"

    def __str__(self):
        return f"{self.reader_id}: {self.action} {self.newsletter_id or 'all'}"


class SuppressionReason(models.TextChoices):
    BOUNCED = "bounced", "Hard bounce"
    COMPLAINED = "complained", "Spam complaint"
    REJECTED = "rejected", "Refused by the email service"
    BY_HAND = "by_hand", "Added by an editor"


class SuppressionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class Suppression(models.Model):
    """An address nothing is sent to while the entry stands; lifting it keeps the row (who,
    when, why), and a new bounce adds a new one."""

    email = models.EmailField("email address", max_length=254, db_index=True)
    reason = models.CharField("reason", max_length=20, choices=SuppressionReason.choices)
    detail = models.TextField(
        "detail", blank=True, help_text="What the email service said, or the editor's note."
    )
    service = models.CharField("email service", max_length=60, blank=True)
    created_at = models.DateTimeField("suppressed", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField("lifted", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lifted by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField("why it was lifted", blank=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "suppressed address"
        verbose_name_plural = "suppression list"
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(lifted_at__isnull=True),
                name="one_standing_suppression_per_address",
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"
