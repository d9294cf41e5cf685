"""What the article form gets from the taxonomy: tag autocomplete and region/source suggestions.

`ArticleSuggestionsMixin` goes first in ArticleAdmin's bases. It adds a JSON endpoint that
suggests the regions, sources (people among them) and tags a story mentions, best first
(called by the "Suggest regions and sources" button, which also offers "Add all"), the scripts for that button and for tag autocomplete (static files only:
the CSP forbids inline scripts), and a message after saving that names regions and sources the
story mentions but is not filed under. Nothing is ever applied without a click.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.taxonomy.suggestions import suggest


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


class ArticleSuggestionsMixin:
    """Tag autocomplete and region/source suggestions for an Article ModelAdmin."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["admin_extra/tag_autocomplete.js", "admin_extra/suggestions.js"],
        )

    def get_urls(self):
        suggest_url = path(
            "suggest-taxonomy/",
            self.admin_site.admin_view(require_POST(self.suggest_taxonomy_view)),
            name="articles_article_suggest_taxonomy",
        )
        return [suggest_url, *super().get_urls()]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            # The scripts find their endpoints here instead of guessing the admin's address.
            field.widget.attrs.update(
                {
                    "data-tag-lookup": reverse(f"{self.admin_site.name}:articles_tag_lookup"),
                    "data-suggest-url": reverse(
                        f"{self.admin_site.name}:articles_article_suggest_taxonomy"
                    ),
                    "autocomplete": "off",
                }
            )
        return field

    def suggest_taxonomy_view(self, request):
        """POST headline, standfirst, body, regions, sources → the regions, sources and tags
        the text mentions that are not chosen yet, as JSON (see `articles.taxonomy.suggestions`)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        data = request.POST
        found = suggest(
            data.get("headline", ""),
            data.get("standfirst", ""),
            data.get("body", ""),
            regions=_ids(data.getlist("regions")),
            sources=_ids(data.getlist("sources")),
        )
        return JsonResponse(found)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        found = suggest(
            article.headline,
            article.standfirst,
            article.body,
            regions=article.regions.values_list("pk", flat=True),
            sources=article.sources.values_list("pk", flat=True),
        )
        names = [f"region {item['name']}" for item in found["regions"]]
        names += [
            f"{'person' if item['person'] else 'source'} {item['name']}"
            for item in found["sources"]
        ]
        if names:
            self.message_user(
                request,
                "The story mentions "
                + ", ".join(names)
                + " but is not filed under them. To add them, open the story and use "
                "“Suggest regions and sources” under Filing.",
                messages.INFO,
            )
