"""The public archive's generation: one row whose counter moves whenever what readers can see
changes through a transition, correction, merge, rename or move.

Caches of public content (the index pages' story counts, and cached pages) key themselves on
it, so a draft save leaves them alone while publishing a story makes them fresh at once, in
every process, whatever the cache backend. Only `articles.changes` moves it.
"""

from django.db import models
from django.utils import timezone


class ArchiveState(models.Model):
    generation = models.BigIntegerField(
        "generation", default=0, help_text="Moves by one with every change readers can see."
    )
    changed_at = models.DateTimeField(
        "changed", default=timezone.now, help_text="When readers' view last changed."
    )

    class Meta:
        verbose_name = "archive state"
        verbose_name_plural = "archive state"

    def __str__(self):
        return f"generation {self.generation} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
