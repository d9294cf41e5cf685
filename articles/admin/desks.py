"""Admins for the desks (sections) and the people in the byline (authors). Renames go through
`articles.taxonomy.renames` (old addresses redirect)."""

from django.contrib import admin

from articles.models import Author, Section

from .images import chooser_formfield
from .vocabulary import PublicEntryAdmin


@admin.register(Section)
class SectionAdmin(PublicEntryAdmin):
    list_display = ["name", "slug", "order"]
    # Desk order drives the navigation; editors reorder it straight from the list.
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(PublicEntryAdmin):
    list_display = ["name", "role", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "role", "bio", "photo", "user"]

    class Media:
        js = ["admin_extra/image_chooser.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "photo":
            return chooser_formfield(db_field, self.admin_site, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Linking a staff account means searching user accounts, which only people who may
        # view accounts (administrators) are allowed to do.
        if not request.user.has_perm("auth.view_user"):
            return ["user"]
        return []
