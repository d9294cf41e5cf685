"""The breaking-news banner: one line across every public page, raised and lowered by editors.

A `Banner` row is both the banner and its record: who raised it, when, with what words, until
when, and who lowered it (or the banner that replaced it). Rows are never edited except to
note the lowering, never deleted, and the admin shows them as the banner's audit trail.
Raising, lowering and which banner shows now belong to `articles.fronts.banners`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class BannerLevel(models.TextChoices):
    BREAKING = "breaking", "Breaking"
    DEVELOPING = "developing", "Developing"


class Banner(models.Model):
    text = models.CharField(
        "text",
        max_length=160,
        help_text="One short line, e.g. “Explosions heard in central Kyiv”. Plain text.",
    )
    level = models.CharField(
        "level",
        max_length=12,
        choices=BannerLevel.choices,
        default=BannerLevel.BREAKING,
        help_text="Breaking: red, for news just in. Developing: amber, a story still unfolding.",
    )
    link = models.ForeignKey(
        "articles.Article",
        verbose_name="links to",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story readers reach from the banner (linked only while it is public).",
    )
    raised_at = models.DateTimeField("raised", help_text="When it went up.")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="raised by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who raised it (empty for scripts).",
    )
    expires_at = models.DateTimeField(
        "expires", help_text="It comes down by itself at this moment, if nobody lowers it sooner."
    )
    lowered_at = models.DateTimeField(
        "lowered", null=True, blank=True, help_text="When an editor took it down early."
    )
    lowered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lowered by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who took it down (or raised the banner that replaced it).",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="replaced by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The banner raised in its place, if that is how it came down.",
    )

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = "breaking-news banner"
        verbose_name_plural = "breaking-news banners"
        indexes = [
            # The banner up now, and the next moment one comes down (an edition moment).
            models.Index(
                fields=["expires_at"],
                condition=Q(lowered_at__isnull=True),
                name="banner_up_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.text}"
