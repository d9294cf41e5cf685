"""What the vocabulary admins share: saving renames through the domain, rows that are part of
a vocabulary entry (aliases, pins), alternative-name formsets and the read-only merge records."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from articles.models.names import name_key
from articles.models.vocabulary import AliasBase
from articles.search import filed_names
from articles.taxonomy.renames import delete_entries, rename

from .searching import SafeSearchMixin
from .widgets import AutocompleteAdminMixin


class PublicEntryAdmin(AutocompleteAdminMixin, SafeSearchMixin, admin.ModelAdmin):
    """An admin for entries readers reach at their own address (tags, sources, regions,
    sections, authors). A changed name or slug is saved through `renames.rename`, so the old
    addresses answer 301 and what follows a rename happens; deletions go through
    `renames.delete_entries`. Subclasses may override `rename()` (tags make a new slug)."""

    def save_model(self, request, obj, form, change):
        if change and {"name", "slug"} & set(form.changed_data):
            self.rename(obj, form)
        else:
            super().save_model(request, obj, form, change)

    def rename(self, obj, form):
        rename(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(
            issubclass(formset.model, AliasBase) and formset.has_changed() for formset in formsets
        ):
            # An alternative name added, changed or removed: stories filed under the entry are
            # searched by its names as they are now (in the background; there may be many).
            filed_names.names_changed(form.instance)

    def delete_model(self, request, obj):
        delete_entries(type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_entries(queryset)


class MergeRecordAdmin(SafeSearchMixin, admin.ModelAdmin):
    """A merge record is history: anyone who may see the vocabulary may read it, nobody edits it.

    Subclasses name `view_permission` (the vocabulary's own "view").
    """

    view_permission = ""
    list_display = ["merged_at", "merged_list", "into_name", "stories_moved", "merged_by"]
    list_select_related = ["merged_by"]
    search_fields = ["into_name"]
    readonly_fields = [
        "into",
        "into_name",
        "merged_names",
        "merged_slugs",
        "stories_moved",
        "merged_by",
        "merged_at",
    ]

    @admin.display(description="merged names")
    def merged_list(self, record):
        return ", ".join(record.merged_names)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.view_permission)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AliasFormSet(BaseInlineFormSet):
    """Alternative names typed together: two rows of one form that are the same name in
    another case or spelling are refused here, before either is saved (each row is checked
    against the stored names by the model itself)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            name = form.cleaned_data.get("name") if hasattr(form, "cleaned_data") else None
            if not name or self._should_delete_form(form):
                continue
            if name_key(name) in seen:
                raise ValidationError(f"“{name}” is typed twice (perhaps in another case).")
            seen.add(name_key(name))


class PartOfVocabularyInline(admin.TabularInline):
    """Inline rows that belong to a tag or source (its alternative names, its pins): whoever
    may edit the entry may edit them, with no permissions of their own to hand out.

    Subclasses name `vocabulary`: "tag" or "source".
    """

    vocabulary = ""
    extra = 1

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(f"articles.view_{self.vocabulary}")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(f"articles.change_{self.vocabulary}")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(f"articles.change_{self.vocabulary}")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(f"articles.change_{self.vocabulary}")
