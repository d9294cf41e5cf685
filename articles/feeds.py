"""RSS 2.0 and Atom 1.0 feeds of published stories: latest, per section, per tag, per region.

Every feed is the 30 newest public stories of its subject, built in a fixed number of queries
(the stories with their section, then one query each for all their bylines, tags and
corrections). Links are
absolute on `settings.SITE_URL`, the site's public address, not on whatever host a request
came in on (a proxy or an internal health check may use another).
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from . import renditions
from .addresses import absolute_url
from .models import Article, Region, Section, Tag
from .structured_data import last_modified

FEED_LENGTH = 30

# Characters XML 1.0 cannot carry at all (a pasted wire headline sometimes holds them).
# Django's feed writer refuses them with an error, so they are removed before writing.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _XML_INVALID.sub("", text or "")


class LatestStoriesFeed(Feed):
    """The newest published stories across the site, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    url_name = "articles:feed_latest_rss"

    @property
    def language(self):
        return settings.SITE_LANGUAGE

    # --- the channel -------------------------------------------------------------------

    def stories(self, obj):
        """The public stories this feed is about (subclasses narrow it down)."""
        return Article.objects.published()

    def items(self, obj):
        stories = self.stories(obj).latest_first().with_cards()
        return stories.prefetch_related("tags", "corrections")[:FEED_LENGTH]

    def title(self, obj):
        return f"{settings.SITE_NAME}: latest stories"

    def description(self, obj):
        return f"The latest stories from {settings.SITE_NAME}."

    def link(self, obj):
        return absolute_url(reverse("articles:home"))

    def feed_url(self, obj):
        return absolute_url(reverse(self.url_name))

    def author_name(self, obj):
        # Atom requires an author per entry; the feed-level one covers unsigned stories.
        return settings.SITE_NAME

    # --- the items ---------------------------------------------------------------------

    def item_title(self, item):
        # Plain text, escaped once by the XML writer, in RSS as in Atom: RSS titles carry no
        # HTML (RSS Advisory Board), and Django's default of escaping them a second time made
        # readers show "season&#x27;s best".
        return xml_safe(item.headline)

    def item_description(self, item):
        # <description> (RSS) and <summary type="html"> (Atom) hold HTML; the standfirst is
        # plain text, so it is escaped into HTML.
        return escape(xml_safe(item.standfirst))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        # A tag URI (RFC 4151) on the site's host and the day of first publication: globally
        # unique and, unlike the link, unchanged when the story's section or slug changes.
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        first = timezone.localtime(item.first_published_at or item.published_at)
        return f"tag:{host},{first:%Y-%m-%d}:article:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # The same "Updated" time as the story page and its dateModified: a material update
        # or the latest correction (prefetched in items()).
        return last_modified(item)

    def item_author_name(self, item):
        return xml_safe(item.byline) or None

    def item_categories(self, item):
        # Tags come from the prefetch in items(); sorting in Python keeps it one query.
        tags = sorted(tag.name for tag in item.tags.all())
        return [xml_safe(item.section.name), *(xml_safe(name) for name in tags)]

    def item_enclosures(self, item):
        # The 16:9 JPEG about 1024 px wide; its byte length was recorded when it was written,
        # so the feed asks the store nothing.
        record = renditions.best(item.lead_image, "wide", 1024)
        if record is None:
            return []
        return [
            Enclosure(
                url=absolute_url(renditions.url(record)),
                length=str(record["bytes"]),
                mime_type=record["type"],
            )
        ]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    """The same stories as the RSS feed, as Atom 1.0."""

    feed_type = Atom1Feed
    url_name = "articles:feed_latest_atom"

    def subtitle(self, obj):
        return self.description(obj)


class SectionFeed(LatestStoriesFeed):
    """A desk's newest stories: /feeds/section/<slug>/rss/."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def stories(self, section):
        return Article.objects.published().in_section(section)

    def title(self, section):
        return f"{settings.SITE_NAME}: {xml_safe(section.name)}"

    def description(self, section):
        return f"The latest {xml_safe(section.name)} stories from {settings.SITE_NAME}."

    def link(self, section):
        return absolute_url(section.get_absolute_url())

    def feed_url(self, section):
        return absolute_url(reverse("articles:feed_section", kwargs={"slug": section.slug}))


class TagFeed(LatestStoriesFeed):
    """A topic's newest stories: /feeds/tags/<slug>/rss/. A tag with no public story is a 404."""

    def get_object(self, request, slug):
        # Tags exist before their first story goes out (or outlive withdrawn ones); a feed
        # must not reveal that such a topic is being worked on.
        return get_object_or_404(Tag.objects.public(), slug=slug)

    def stories(self, tag):
        return Article.objects.published().tagged(tag)

    def title(self, tag):
        return f"{settings.SITE_NAME}: {xml_safe(tag.name)}"

    def description(self, tag):
        return f"The latest stories tagged “{xml_safe(tag.name)}” from {settings.SITE_NAME}."

    def link(self, tag):
        return absolute_url(tag.get_absolute_url())

    def feed_url(self, tag):
        return absolute_url(reverse("articles:feed_tag", kwargs={"slug": tag.slug}))


class RegionFeed(LatestStoriesFeed):
    """A region's newest stories, rolled up from everything below it: /feeds/regions/<slug>/rss/."""

    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def stories(self, region):
        return Article.objects.published().in_region(region)

    def title(self, region):
        return f"{settings.SITE_NAME}: {xml_safe(region.name)}"

    def description(self, region):
        return f"The latest stories from {xml_safe(region.name)}, from {settings.SITE_NAME}."

    def link(self, region):
        return absolute_url(region.get_absolute_url())

    def feed_url(self, region):
        return absolute_url(reverse("articles:feed_region", kwargs={"slug": region.slug}))
