"""An Atom feed per live story: one item per entry readers see, newest first
(docs/editors/live-coverage.md). Withdrawn entries stay in it as their note, so a reader's feed
never silently loses an item."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.html import strip_tags

from articles.addresses.absolute import absolute_url
from articles.models import Article, EntryState, LiveEntry
from articles.public.feeds import NewsAtomFeed, story_guid, xml_safe

FEED_LENGTH = 50
TITLE_WORDS = 14


class LiveStoryFeed(Feed):
    feed_type = NewsAtomFeed

    def get_object(self, request, section, year, month, day, slug):
        story = (
            Article.objects.published().select_related("section", "live").filter(slug=slug).first()
        )
        if story is None:
            raise Http404("No such story")
        if not hasattr(story, "live"):  # read with the story: no query
            raise Http404("This story is not covered live")
        return story

    def items(self, story):
        found = list(
            LiveEntry.objects.shown()
            .filter(coverage=story.live)
            .prefetch_related("authors")
            .order_by("-posted_at", "-pk")[:FEED_LENGTH]
        )
        for entry in found:
            entry.coverage = story.live  # the story and its section, read once
        return found

    def title(self, story):
        return xml_safe(f"Live: {story.headline}")

    def subtitle(self, story):
        return xml_safe(story.standfirst)

    def link(self, story):
        return absolute_url(story.get_absolute_url())

    def feed_url(self, story):
        return absolute_url(story.get_absolute_url() + "live/feed")

    def feed_guid(self, story):
        return story_guid(story) + ":live"

    def item_title(self, entry):
        if entry.state == EntryState.WITHDRAWN:
            return "Withdrawn entry"
        if entry.key_title:
            return xml_safe(entry.key_title)
        words = strip_tags(entry.body).split()
        return xml_safe(" ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else ""))

    def item_description(self, entry):
        if entry.state == EntryState.WITHDRAWN:
            return xml_safe(entry.withdrawn_note)
        # The stored body was sanitised when it was saved; the feed writer escapes it.
        return xml_safe(entry.body)

    def item_link(self, entry):
        return absolute_url(f"{entry.coverage.article.get_absolute_url()}#entry-{entry.pk}")

    def item_guid(self, entry):
        return f"{story_guid(entry.coverage.article)}:entry:{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return entry.updated_at or entry.changed_at

    def item_author_name(self, entry):
        return ", ".join(author.name for author in entry.authors.all()) or None
