"""Partners who take our stories by push, and the log of every delivery made to them.

A `Subscriber` is an endpoint (a partner's URL and the secret we sign with) and the part of the
news it takes (sections, regions rolled up like region pages, tags; empty means everything).
A `Delivery` is one version of one story on its way to one subscriber: its signed body is fixed
when it is queued, so every retry sends the same bytes under the same delivery id (receivers
de-duplicate on it). Written by `articles.syndication.push`; the admin shows and retries them.
"""

import uuid

from django.core.validators import URLValidator
from django.db import models


class Subscriber(models.Model):
    name = models.CharField("name", max_length=120, help_text="The partner, e.g. “Regional Daily”.")
    endpoint_url = models.URLField(
        "endpoint URL",
        max_length=500,
        help_text="Where each story is POSTed as ninjs JSON, e.g. https://partner.example/ninjs.",
        # http(s) only (a URLField takes ftp:// too); the sender refuses anything else again,
        # redirects included (articles/syndication/push.py).
        validators=[URLValidator(schemes=["http", "https"])],
    )
    secret = models.CharField(
        "signing secret",
        max_length=200,
        help_text="Shared with the partner: every body is signed with HMAC-SHA256 under it "
        "(header X-Newsroom-Signature).",
    )
    sections = models.ManyToManyField(
        "articles.Section",
        verbose_name="sections",
        blank=True,
        related_name="+",
        help_text="Only stories of these desks (none: every desk).",
    )
    regions = models.ManyToManyField(
        "articles.Region",
        verbose_name="regions",
        blank=True,
        related_name="+",
        help_text="Only stories filed under these regions or anywhere below them, as on the "
        "region pages (none: everywhere).",
    )
    tags = models.ManyToManyField(
        "articles.Tag",
        verbose_name="tags",
        blank=True,
        related_name="+",
        help_text="Only stories with one of these tags (none: any story).",
    )
    active = models.BooleanField(
        "active", default=True, help_text="An inactive partner is sent nothing new."
    )
    embargo_trusted = models.BooleanField(
        "embargo-trusted",
        default=False,
        help_text="Receives embargoed stories at once, marked with their embargo time; "
        "others receive them when the embargo lifts.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "syndication subscriber"
        verbose_name_plural = "syndication subscribers"

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    RETRYING = "retrying", "Failed, will retry"
    DELIVERED = "delivered", "Delivered"
    SUPERSEDED = "superseded", "Superseded by a newer version"
    DEAD = "dead", "Gave up (dead letter)"


class DeliveryEvent(models.TextChoices):
    PUBLISHED = "published", "Published"
    UPDATED = "updated", "Updated"
    CORRECTED = "corrected", "Corrected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Delivery(models.Model):
    id = models.UUIDField(
        "delivery id",
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
        help_text="Sent as X-Newsroom-Delivery; the same on every retry.",
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name="subscriber",
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="Who it is for.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="story",
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="The story delivered.",
    )
    version = models.PositiveIntegerField(
        "version", help_text="The story's version; a partner never gets n+1 before n."
    )
    event = models.CharField(
        "event", max_length=20, choices=DeliveryEvent.choices, help_text="What happened."
    )
    body = models.TextField("body", help_text="The ninjs JSON exactly as signed and sent.")
    status = models.CharField(
        "status",
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text="Dead letters are retried only by hand.",
    )
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    last_error = models.TextField("last error", blank=True)
    created_at = models.DateTimeField("queued", auto_now_add=True)
    next_attempt_at = models.DateTimeField(
        "next attempt", help_text="When it is (next) due: now, an embargo's end, or a retry."
    )
    delivered_at = models.DateTimeField("delivered", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "syndication delivery"
        verbose_name_plural = "syndication deliveries"
        indexes = [
            models.Index(fields=["subscriber", "article", "version"], name="delivery_chain_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.version} → {self.subscriber_id} ({self.status})"
