"""The article form editors fill in, and the rules it checks before anything is saved."""

from django import forms
from django.forms.models import BaseInlineFormSet

from articles.models import Article, Status


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
            "updated_at",
        ]
        error_messages = {
            "slug": {
                "unique": "Another story already uses this slug. Add a word, a place or the "
                "date to make it unique.",
            },
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            self.add_error(
                "lead_image_alt",
                "Describe what the lead image shows: alt text is required with an image, "
                "for readers who cannot see it.",
            )
        return cleaned


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
