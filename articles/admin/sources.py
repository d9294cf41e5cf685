"""The source admin: agencies, broadcasters and other outlets stories cite."""

from django.contrib import admin

from articles.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "homepage_url"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
