"""Work in the article form that is not saved yet: an editor's autosaved form, and who has a
story open.

Neither is the story. A `DraftInProgress` holds what one person typed into one story's form
(or into a new story's form) as the browser would post it, so it can be offered back after a
closed tab or a crash; saving the story deletes it, and it never creates a revision or moves
the story's edit counter. A `StoryPresence` row says someone had the story's form open a
moment ago (a heartbeat renews it). Both are kept by `articles.desk.autosave` and
`articles.desk.presence`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DraftInProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="editor",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Whose unsaved work this is; only they are offered it back.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The story being edited; empty for a story not saved yet.",
    )
    form_key = models.CharField(
        "form",
        max_length=60,
        help_text="Which form: “story-<id>” for a saved story, “new-<token>” for a new one.",
    )
    base_version = models.PositiveIntegerField(
        "opened at version",
        null=True,
        blank=True,
        help_text="The story's edit counter when the form was opened: a later save by "
        "someone else shows up as a conflict when this work is saved.",
    )
    headline = models.CharField(
        "headline", max_length=300, blank=True, help_text="As typed, to name the work."
    )
    fields = models.JSONField(
        "form fields",
        default=list,
        help_text="The form's fields as the browser posts them: [[name, value], …].",
    )
    labels = models.JSONField(
        "choice labels",
        default=dict,
        blank=True,
        help_text="What the chosen options of search boxes were called: {field: {id: label}}.",
    )
    saved_at = models.DateTimeField(
        "kept at", default=timezone.now, db_index=True, help_text="When it was last kept."
    )

    class Meta:
        verbose_name = "draft in progress"
        verbose_name_plural = "drafts in progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "form_key"], name="one_draft_per_form"),
        ]

    def __str__(self):
        return f"{self.headline or 'Untitled'} (unsaved, {self.user})"


class StoryPresence(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The story whose form is open.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="editor",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who has it open.",
    )
    seen_at = models.DateTimeField(
        "last heartbeat", default=timezone.now, help_text="When their form last said so."
    )
    typed_at = models.DateTimeField(
        "last typed", null=True, blank=True, help_text="When they last changed the form."
    )

    class Meta:
        verbose_name = "story presence"
        verbose_name_plural = "story presence"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_editor"),
        ]
        indexes = [models.Index(fields=["article", "seen_at"], name="presence_article_idx")]

    def __str__(self):
        return f"{self.user} in {self.article_id} at {self.seen_at:%H:%M:%S}"
