"""Old addresses that must keep working: every changed slug leaves a permanent redirect behind."""

from django.db import models


class Redirect(models.Model):
    old_path = models.CharField(
        "old path",
        max_length=500,
        unique=True,
        help_text="The address that no longer exists, e.g. /tags/kiev/.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        help_text="For a story: the redirect follows it to wherever it lives now (410 if withdrawn).",
    )
    new_path = models.CharField(
        "new path",
        max_length=500,
        blank=True,
        help_text="For anything else: where the old address now leads.",
    )
    created_at = models.DateTimeField(
        "created", auto_now_add=True, help_text="When the address changed."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "redirect"
        verbose_name_plural = "redirects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False) | ~models.Q(new_path=""),
                name="redirect_has_target",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path or self.article}"
