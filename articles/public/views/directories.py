"""Sources, tags and authors: their index pages and their story listings."""

from functools import partial
from itertools import groupby

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from articles.addresses.absolute import SlugPaths
from articles.caching.counts import cached_counts, public_tags, source_story_counts, tag_initials
from articles.models import Article, Author, Source, Tag, TagPin
from articles.public.page_head import author_head, index_head
from articles.public.views.listings import StoryListView


def source_index(request):
    """Sources public stories cite, with how many. A source credited only on unpublished
    stories is not listed (its name may itself be news)."""
    sources = list(Source.objects.public().order_by("name"))
    counts = cached_counts("sources", source_story_counts)
    for source in sources:
        source.stories = counts.get(source.pk, 0)
    head = index_head(
        "Sources",
        reverse("articles:source_index"),
        f"The agencies, broadcasters, outlets and people {settings.SITE_NAME}'s stories cite.",
        collection=True,
    )
    return render(request, "articles/source_index.html", {"sources": sources, "head": head})


def _tag_index_head(letter="", page_obj=None):
    return index_head(
        f"Topics A–Z: {letter}" if letter else "Topics A–Z",
        reverse("articles:tag_index"),
        f"Every topic {settings.SITE_NAME} covers, A to Z, with its number of stories.",
        page_obj,
        collection=True,
        letter=letter,
    )


class SourceView(StoryListView):
    """A source: what it is, its homepage, and the published stories citing it."""

    template_name = "articles/source.html"
    subject_name = "source"

    def get_subject(self):
        # Not public until one story citing it is, like a tag.
        return get_object_or_404(
            Source.objects.public().prefetch_related("aliases"), slug=self.kwargs["slug"]
        )

    def get_stories(self, source):
        return Article.objects.published().citing(source)


# The most tags one page of the tags index lists. A vocabulary this small is listed whole;
# a larger one a first letter at a time (in pages of this many), so that no page renders, or
# counts the stories of, twenty thousand tags.
TAGS_PER_PAGE = 300


def _with_urls(tags: list[dict]) -> list[dict]:
    paths = SlugPaths("articles:tag")
    return [{**tag, "url": paths(tag["slug"])} for tag in tags]


def tag_index(request):
    """Tags on published stories, A–Z, with counts: all of them when there are few, else the
    tags of one first letter (?letter=K), a page at a time. A tag used only on drafts,
    scheduled or withdrawn stories is not public and is not listed (its name may itself be
    news)."""
    everything = tag_initials()
    if sum(initial["tags"] for initial in everything.values()) <= TAGS_PER_PAGE:
        tags = _with_urls(cached_counts("tags", public_tags))
        letters = [
            (letter, list(group)) for letter, group in groupby(tags, key=lambda tag: tag["initial"])
        ]
        context = {"letters": letters, "head": _tag_index_head()}
        return render(request, "articles/tag_index.html", context)
    initials = {letter: initial for letter, initial in everything.items() if initial["public"]}
    if not initials:
        return render(
            request, "articles/tag_index.html", {"letters": [], "head": _tag_index_head()}
        )
    letter = request.GET.get("letter") or next(iter(initials))
    if letter not in initials:
        raise Http404("No topics under that letter")
    tags = cached_counts(
        f"tags:{ord(letter)}", partial(public_tags, starts=initials[letter]["starts"])
    )
    try:
        page_obj = Paginator(tags, TAGS_PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404("No such page of topics") from error
    context = {
        "letters": [(letter, _with_urls(page_obj.object_list))] if tags else [],
        "initials": list(initials),
        "letter": letter,
        "page_obj": page_obj,
        "head": _tag_index_head(letter, page_obj),
    }
    return render(request, "articles/tag_index.html", context)


class TagView(StoryListView):
    """A tag: its description and its published stories. Not public until one story is."""

    template_name = "articles/tag.html"
    subject_name = "tag"

    def get_subject(self):
        return get_object_or_404(Tag.objects.public(), slug=self.kwargs["slug"])

    def get_stories(self, tag):
        # Pinned stories sit above the listing; they are not repeated in it.
        return Article.objects.published().tagged(tag).exclude(pk__in=self._pinned_ids(tag))

    def _pinned_ids(self, tag):
        return TagPin.objects.filter(tag=tag).values("article_id")

    def get_context_data(self, **kwargs):
        pinned = (
            Article.objects.published()
            .filter(tag_pins__tag=self.subject)
            .with_cards()
            .order_by("tag_pins__position", "tag_pins__pk")
        )
        return super().get_context_data(pinned=pinned, **kwargs)


class AuthorView(StoryListView):
    """An author: name, role, biography, photo, and the published stories bylined to them."""

    template_name = "articles/author.html"
    subject_name = "author"

    def get_subject(self):
        # Not public until one story under their name is, like a tag.
        return get_object_or_404(
            Author.objects.public().select_related("photo"), slug=self.kwargs["slug"]
        )

    def get_stories(self, author):
        return Article.objects.published().by_author(author)

    def get_head(self, page_obj, **kwargs):
        return author_head(self.subject, page_obj)
