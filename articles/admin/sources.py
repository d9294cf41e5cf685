"""The source admin: agencies, broadcasters and other outlets stories cite; their alternative
names, renames (old addresses redirect) and merging duplicates (the way tags are merged)."""

from django.contrib import admin

from articles.models import Source, SourceAlias, SourceMerge
from articles.taxonomy.sources import merge_sources

from .tags import confirm_merge
from .vocabulary import AliasFormSet, MergeRecordAdmin, PartOfVocabularyInline, PublicEntryAdmin


class SourceAliasInline(PartOfVocabularyInline):
    model = SourceAlias
    formset = AliasFormSet
    fields = ["name", "kind"]
    vocabulary = "source"


@admin.register(Source)
class SourceAdmin(PublicEntryAdmin):
    list_display = ["name", "kind", "role", "slug", "homepage_url", "alias_names"]
    list_filter = ["kind"]
    # Alternative names are searchable so "AFP" finds Agence France-Presse in autocomplete boxes.
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="alternative names")
    def alias_names(self, source):
        return ", ".join(alias.name for alias in source.aliases.all())

    @admin.action(description="Merge selected sources…", permissions=["change"])
    def merge_selected(self, request, queryset):
        return confirm_merge(
            self,
            request,
            queryset,
            action_name="merge_selected",
            merge=merge_sources,
            usage="articles",
        )


@admin.register(SourceMerge)
class SourceMergeAdmin(MergeRecordAdmin):
    """The merge record, read-only: who merged which sources into which, and when."""

    view_permission = "articles.view_source"
