"""What the tag and source admins share: rows that are part of a vocabulary entry (aliases,
pins) and the read-only merge records."""

from django.contrib import admin

from .searching import SafeSearchMixin


class MergeRecordAdmin(SafeSearchMixin, admin.ModelAdmin):
    """A merge record is history: anyone who may see the vocabulary may read it, nobody edits it.

    Subclasses name the record's fields and `view_permission` (the vocabulary's own "view").
    """

    view_permission = ""
    list_select_related = ["merged_by"]
    search_fields = ["into_name"]

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
