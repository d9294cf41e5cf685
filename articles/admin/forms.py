"""The article form editors fill in, and the rules it checks before anything is saved.

The form carries the story's edit counter (`version`) as a hidden field. Saving a story that
someone else saved since the form was opened is refused, with what changed meanwhile, and the
user's own input stays on the form; a save without the counter is refused too (fail closed).
"""

from django import forms
from django.forms.models import BaseInlineFormSet

from articles.models import Article, Status
from articles.revisions import article_versions, compare, snapshot, version_for_counter

CONFLICT_MESSAGE = (
    "Someone else saved this story while you were editing it, so your changes were not "
    "saved. What changed meanwhile is listed below; your own text is still on this form. "
    "Check it against their changes, then save again to keep your version."
)
MISSING_VERSION_MESSAGE = (
    "This form is missing the story's version number, so it could overwrite someone else's "
    "work. Reload the page and make your changes again."
)


class ArticleAdminForm(forms.ModelForm):
    """Article fields as the admin shows them; the body gets django-prose-editor's widget
    from its model field, and the model sanitizes it on save."""

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "byline_override",
            "dateline",
            "section",
            "regions",
            "sources",
            "tags",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "status",
            "published_at",
            "embargo_until",
            "updated_at",
        ]
        error_messages = {
            "slug": {
                "unique": "Another story already uses this slug. Add a word, a place or the "
                "date to make it unique.",
            },
        }

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._check_version(cleaned.get("version"))
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            self.add_error(
                "lead_image_alt",
                "Describe what the lead image shows: alt text is required with an image, "
                "for readers who cannot see it.",
            )
        return cleaned

    def _check_version(self, token):
        """Refuse a stale or missing edit counter.

        The row stays locked (select_for_update on PostgreSQL; SQLite's IMMEDIATE
        transactions already serialize writers) until the admin's transaction ends, so no
        other save can slip in between this check and this form's save.
        """
        if token is None:
            raise forms.ValidationError(MISSING_VERSION_MESSAGE, code="missing_version")
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current == token:
            return
        self.conflict = self._changes_since(token)
        # Saving again after reading the changes is a deliberate choice to keep this version.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current)
        raise forms.ValidationError(CONFLICT_MESSAGE, code="edit_conflict")

    def _changes_since(self, token):
        """The differences between the story the user opened and the story as saved now."""
        latest = article_versions(self.instance).first()
        opened = version_for_counter(self.instance, token)
        if latest is None:
            return {"changes": [], "by": None, "at": None}
        changes = compare(snapshot(opened), snapshot(latest)) if opened else []
        return {
            "changes": changes,
            "by": latest.revision.user,
            "at": latest.revision.date_created,
        }


class BylineFormSet(BaseInlineFormSet):
    """Byline credits; a published story must carry a byline (an author or an override)."""

    def clean(self):
        super().clean()
        story = self.instance
        if story.status != Status.PUBLISHED or story.byline_override.strip():
            return
        credited = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not self._should_delete_form(form)
        ]
        if not credited:
            raise forms.ValidationError(
                "A published story needs a byline: add at least one author, or fill in the "
                "byline override (e.g. “Staff Correspondent”).",
                code="byline_required",
            )


class RelatedStoryFormSet(BaseInlineFormSet):
    """Pinned related stories; a story cannot be pinned to itself."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        for form in self.forms:
            related = form.cleaned_data.get("related")
            if related is not None and related.pk == self.instance.pk:
                form.add_error("related", "A story cannot be related to itself.")
