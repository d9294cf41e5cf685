"""The region admin: the place tree with its alternative names and groupings; renames and
moves go through the domain (`articles.taxonomy.renames`, `articles.taxonomy.regions`)."""

from django.contrib import admin
from django.utils.html import format_html

from articles.models import Region, RegionAlias
from articles.taxonomy.regions import move_region

from .vocabulary import AliasFormSet, PublicEntryAdmin

# Deeper levels than this are indented like the deepest one; the tree rarely goes further.
MAX_INDENT = 5


class RegionAliasInline(admin.TabularInline):
    model = RegionAlias
    formset = AliasFormSet
    fields = ["name", "kind"]
    extra = 1


@admin.register(Region)
class RegionAdmin(PublicEntryAdmin):
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

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # a rename goes through the domain
        if {"parent", "members"} & set(form.changed_data):
            # A move in the tree or a grouping's new member rolls pages and counts up
            # differently without touching any story. (The form saves the same members
            # again afterwards, which changes nothing.)
            move_region(obj, parent=obj.parent, members=form.cleaned_data["members"])

    @admin.display(description="name", ordering="path")
    def tree_name(self, region):
        depth = min(region.depth, MAX_INDENT)
        return format_html(
            '<span class="region-name region-depth-{}">{}</span>', depth, region.name
        )

    @admin.display(description="alternative names")
    def alternative_names(self, region):
        return ", ".join(alias.name for alias in region.aliases.all())
