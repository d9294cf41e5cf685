"""The tag admin for our own tag model (taggit's generic one is taken off the admin)."""

from django.contrib import admin
from django.db.models import Count
from taggit.models import Tag as TaggitTag

from articles.models import Tag

# taggit registers an admin for its own Tag model, which this site does not use.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count", "mediatopic_uri"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "mediatopic_uri"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count
