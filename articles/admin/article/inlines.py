"""The rows edited beside a story on its form: byline credits, pinned related stories, and
corrections (append-only)."""

from django.contrib import admin

from articles import workflow
from articles.admin.article.forms import BylineFormSet, RelatedStoryFormSet
from articles.admin.article.picker import picker_formfield
from articles.models import ArticleAuthor, Correction, RelatedStory


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    verbose_name = "byline credit"
    verbose_name_plural = "byline (in order)"


class RelatedStoryInline(admin.TabularInline):
    """Pinned related stories, chosen with the related-story picker (`.picker`)."""

    model = RelatedStory
    fk_name = "article"
    formset = RelatedStoryFormSet
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        def formfield(db_field, **field_kwargs):
            # The picker searches stories other than `obj` and labels them for choosing.
            if db_field.name == "related":
                return picker_formfield(db_field, self.admin_site, obj)
            return self.formfield_for_dbfield(db_field, request=request, **field_kwargs)

        return super().get_formset(request, obj, formfield_callback=formfield, **kwargs)


class CorrectionInline(admin.TabularInline):
    """Corrections are an append-only record shown to readers: editors add new ones; existing
    ones are read-only and cannot be deleted."""

    model = Correction
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and workflow.is_editor(request.user)
