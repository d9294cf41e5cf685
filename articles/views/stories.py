"""The article page: one published story, at its one canonical address."""

from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render

from ..models import Article, Region, Source
from ..related import related_stories
from . import metadata

MORE_STORIES = 6


def article(request, section, year, month, day, slug):
    """Show a published story; anything else (draft, scheduled, withdrawn) is a 404.

    Slugs are unique site-wide, so the slug alone finds the story; a URL whose section or date
    is not the story's own (the section moved, the publish date changed, a typo) answers 301
    to the canonical address so links keep working and search engines see one URL.
    """
    story = get_object_or_404(
        Article.objects.published()
        .with_cards()
        .prefetch_related(
            Prefetch("regions", queryset=Region.objects.order_by("name")),
            Prefetch("sources", queryset=Source.objects.order_by("name")),
            "tags",  # taggit refuses a custom queryset here: tags keep the order they were added.
            "corrections",
        ),
        slug=slug,
    )
    canonical = story.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)

    modified_at = metadata.last_modified(story)
    return render(
        request,
        "articles/article.html",
        {
            "article": story,
            "current_section": story.section,
            "canonical_url": metadata.absolute_url(canonical),
            "share_image_url": metadata.share_image_url(story),
            "modified_at": modified_at,
            "shows_modified": modified_at > story.published_at,
            "structured_data": [
                metadata.news_article(story, modified_at),
                metadata.breadcrumbs(story),
            ],
            "more_stories": related_stories(story, limit=MORE_STORIES),
        },
    )
