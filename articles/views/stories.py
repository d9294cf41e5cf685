"""The article page: one published story, at its one canonical address.

`story_page()` renders a story exactly as readers see it; the preview views reuse it for
drafts, so a preview never drifts from the real page.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpResponseGone, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from .. import structured_data
from ..addresses import absolute_url
from ..models import Article, Region, Source, Status
from ..related import related_stories

MORE_STORIES = 6


def with_page_relations(queryset):
    """Everything the article page shows, in a fixed number of queries."""
    return queryset.with_cards().prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("name")),
        Prefetch("sources", queryset=Source.objects.order_by("name")),
        "tags",  # taggit refuses a custom queryset here: tags keep the order they were added.
        "corrections",
    )


def story_page(request, story: Article, *, preview: bool = False, extra=None):
    """The article page for `story` (relations prefetched by `with_page_relations`)."""
    if story.published_at is None:
        # A draft previews as it would read if published now (never saved that way).
        story.published_at = timezone.now()
    canonical = story.get_absolute_url()
    modified_at = structured_data.last_modified(story)
    return render(
        request,
        "articles/article.html",
        {
            "article": story,
            "current_section": story.section,
            "canonical_url": absolute_url(canonical),
            "share_image_url": structured_data.share_image_url(story),
            "modified_at": modified_at,
            "shows_modified": modified_at > story.published_at,
            "structured_data": [
                structured_data.news_article(story, modified_at),
                structured_data.breadcrumbs(story),
            ],
            "more_stories": related_stories(story, limit=MORE_STORIES),
            "preview": preview,
            **(extra or {}),
        },
    )


def story_gone(request) -> HttpResponseGone:
    """The answer at the address of a story readers could see and no longer can."""
    return HttpResponseGone(render_to_string("410.html", request=request))


def article(request, section, year, month, day, slug):
    """Show a published story; a withdrawn one is 410 Gone; anything else (draft, scheduled,
    embargoed) is a 404.

    Slugs are unique site-wide, so the slug alone finds the story; a URL whose section or date
    is not the story's own (the section moved, the publish date changed, a typo) answers 301
    to the canonical address so links keep working and search engines see one URL.
    """
    story = with_page_relations(Article.objects.published()).filter(slug=slug).first()
    if story is None:
        # Not `Article.is_gone`: publish() records an embargoed story's publish time as its
        # first publication, so is_gone would call a story nobody has seen yet "gone" (410).
        withdrawn = Article.objects.filter(
            slug=slug, status=Status.UNPUBLISHED, first_published_at__isnull=False
        )
        if withdrawn.exists():
            return story_gone(request)
        raise Http404("No such story")
    canonical = story.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return story_page(request, story)
