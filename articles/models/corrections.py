"""Corrections, clarifications and updates: the append-only log readers see on a story."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"


class Correction(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="corrections",
        help_text="The corrected story.",
    )
    kind = models.CharField(
        "kind",
        max_length=20,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
        help_text="Correction fixes an error; clarification fixes something misleading; update adds news.",
    )
    text = models.TextField("text", help_text="What was wrong and what is right, in plain words.")
    created_at = models.DateTimeField(
        "time", default=timezone.now, help_text="When the correction was made; shown to readers."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who added it.",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "correction"
        verbose_name_plural = "corrections"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
