"""Preview pages: a draft exactly as readers would see it, never indexed and never cached.

`/preview/<token>/` serves whoever holds a signed link (a reviewer without an account); the
admin's own preview (editors, and the story's author) is `articles.admin.article.history.preview`,
and both render through `story_page`.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from articles.desk.previews import PreviewExpired, PreviewInvalid, article_for_token
from articles.models import Article
from articles.public.views.stories import story_page, with_page_relations
from articles.stories import derived


def mark_private(response):
    """Keep a preview out of search engines and out of every cache."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def preview_response(request, story: Article, *, share_url: str = "", unsaved: bool = False):
    """The reader's page for `story`, marked as a preview (of a form nobody saved, with
    `unsaved`). Its stored byline may predate credits changed since its last step: a preview
    works it out afresh."""
    derived.derive_onto(story)
    extra = {"share_url": share_url, "unsaved_preview": unsaved}
    return mark_private(story_page(request, story, preview=True, extra=extra))


@never_cache
def shared_preview(request, token):
    """A preview link: 410 once it expired, 404 when tampered with or the story changed."""
    try:
        story = article_for_token(token, with_page_relations(Article.objects.all()))
    except PreviewExpired:
        return mark_private(
            render(request, "articles/preview_invalid.html", {"expired": True}, status=410)
        )
    except PreviewInvalid:
        return mark_private(
            render(request, "articles/preview_invalid.html", {"expired": False}, status=404)
        )
    return preview_response(request, story)
