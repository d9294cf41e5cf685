"""The article page: one published story, at its one canonical address.

`story_page()` renders a story exactly as readers see it; the preview views reuse it for
drafts, so a preview never drifts from the real page.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseGone, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property

from articles.addresses.absolute import absolute_url
from articles.live import showing
from articles.models import Article
from articles.public import live_data, structured_data
from articles.public.page_head import story_head
from articles.stories.filing import filing_of
from articles.stories.related import related_stories

MORE_STORIES = 6
# What deciding "gone or never there" reads of a story readers cannot see.
GONE_FIELDS = ("status", "published_at", "embargo_until", "first_published_at")


def with_page_relations(queryset):
    """The story with its section and lead image; everything else the page shows (its body's
        pictures too) is read when it is rendered (`StoryExtras`, `articles.images.body_figures`),
        which a cached fragment of the page skips. Whether it is covered live rides along (a join, no
    query of its own for the stories that are not)."""
    return queryset.with_cards().select_related("live")


class StoryExtras:
    """What the article page shows beyond the story's own row, each read only when a template
    fragment that shows it is rendered: a cached fragment costs none of these queries."""

    def __init__(self, story: Article):
        self.story = story

    @cached_property
    def corrections(self):
        # Fetched once into the story's prefetch cache, where every reader of
        # `story.corrections.all()` (structured data, the template) finds them.
        prefetch_related_objects([self.story], "corrections")
        return self.story.corrections.all()

    @cached_property
    def filing(self):
        return filing_of(self.story)

    @cached_property
    def modified_at(self):
        return structured_data.last_modified(self.story, self.corrections)

    @cached_property
    def shows_modified(self):
        return self.modified_at > self.story.published_at

    @cached_property
    def structured_data(self):
        found = [
            structured_data.news_article(self.story, self.modified_at, self.filing),
            structured_data.breadcrumbs(self.story),
        ]
        if _is_live(self.story):
            found.append(live_data.live_blog_posting(self.story, self.story.live))
        return found

    @cached_property
    def more_stories(self):
        return related_stories(self.story, limit=MORE_STORIES)


def story_page(request, story: Article, *, preview: bool = False, extra=None):
    """The article page for `story` (fetched through `with_page_relations`)."""
    if story.published_at is None:
        # A draft previews as it would read if published now (never saved that way).
        story.published_at = timezone.now()
    share_image = structured_data.share_image(story)
    live = showing.live_page(story, _page_number(request)) if _is_live(story) else None
    return render(
        request,
        "articles/article.html",
        {
            "article": story,
            "extras": StoryExtras(story),
            "current_section": story.section,
            "canonical_url": absolute_url(story.get_absolute_url()),
            "share_image": share_image,
            "head": story_head(story, share_image),
            "preview": preview,
            "live": live,
            **(extra or {}),
        },
    )


def _is_live(story: Article) -> bool:
    try:
        return story.live is not None
    except ObjectDoesNotExist:
        return False


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


def story_gone(request) -> HttpResponseGone:
    """The answer at the address of a story readers could see and no longer can."""
    return HttpResponseGone(render_to_string("410.html", request=request))


def article(request, section, year, month, day, slug):
    """Show a published story; one readers could see and no longer can is 410 Gone; anything
    else (a draft, a scheduled or embargoed story, one withdrawn before it ever went out) is a
    404, exactly like an unknown slug, so an unpublished story never reveals itself.

    Slugs are unique site-wide, so the slug alone finds the story; a URL whose section or date
    is not the story's own (the section moved, the publish date changed, a typo) answers 301
    to the canonical address so links keep working and search engines see one URL.
    """
    story = with_page_relations(Article.objects.published()).filter(slug=slug).first()
    if story is None:
        hidden = Article.objects.filter(slug=slug).only(*GONE_FIELDS).first()
        if hidden is not None and hidden.is_gone:
            return story_gone(request)
        raise Http404("No such story")
    canonical = story.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return story_page(request, story)
