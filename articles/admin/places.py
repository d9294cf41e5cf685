"""The region admin: the place tree with its alternative names and groupings."""

from django.contrib import admin
from django.utils.html import format_html

from articles import changes
from articles.models import Region, RegionAlias

from .vocabulary import AliasFormSet

# Deeper levels than this are indented like the deepest one; the tree rarely goes further.
MAX_INDENT = 5


class RegionAliasInline(admin.TabularInline):
    model = RegionAlias
    formset = AliasFormSet
    fields = ["name"]
    extra = 1


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "kind", "slug", "alternative_names", "geonames_uri"]
    list_filter = ["kind"]
    # Alternative names are searchable so "Kiev" finds Kyiv, here and in autocomplete boxes.
    search_fields = ["name", "slug", "aliases__name"]
    ordering = ["path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "members"]
    inlines = [RegionAliasInline]
    fields = ["name", "slug", "kind", "parent", "members", "geonames_uri", "description"]
    list_per_page = 200

    class Media:
        css = {"all": ["admin_extra/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A move in the tree or a grouping's new member changes the rolled-up counts without
        # touching any story, so the cached counts on the regions index must go.
        changes.vocabulary_changed("regions")

    @admin.display(description="name", ordering="path")
    def tree_name(self, region):
        depth = min(region.depth, MAX_INDENT)
        return format_html(
            '<span class="region-name region-depth-{}">{}</span>', depth, region.name
        )

    @admin.display(description="alternative names")
    def alternative_names(self, region):
        return ", ".join(alias.name for alias in region.aliases.all())
