"""Each newsletter's web archive as RSS 2.0 and Atom 1.0: its sent issues, newest first, each
linking to its page in the archive (`articles.public.views.newsletters.issue_page`)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from articles.addresses.absolute import absolute_url
from articles.models import Issue, IssueStatus, Newsletter
from articles.public.feeds import xml_safe

FEED_LENGTH = 30


class NewsletterFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "articles:feed_newsletter"
    item_guid_is_permalink = False

    @property
    def language(self):
        return settings.SITE_LANGUAGE

    def get_object(self, request, slug):
        return get_object_or_404(Newsletter, slug=slug, archive_public=True)

    def title(self, newsletter):
        return xml_safe(f"{settings.SITE_NAME}: {newsletter.name}")

    def description(self, newsletter):
        return xml_safe(newsletter.description or f"Past issues of {newsletter.name}.")

    def link(self, newsletter):
        return absolute_url(newsletter.get_absolute_url())

    def feed_url(self, newsletter):
        return absolute_url(reverse(self.url_name, kwargs={"slug": newsletter.slug}))

    def author_name(self, newsletter):
        return xml_safe(newsletter.sender_name or settings.SITE_NAME)

    def items(self, newsletter):
        issues = Issue.objects.filter(
            newsletter=newsletter, status__in=(IssueStatus.SENDING, IssueStatus.SENT)
        )
        return issues.select_related("newsletter").order_by("-number")[:FEED_LENGTH]

    def item_title(self, issue):
        return xml_safe(issue.subject)

    def item_description(self, issue):
        return escape(xml_safe(issue.preheader))

    def item_link(self, issue):
        return absolute_url(issue.get_absolute_url())

    def item_guid(self, issue):
        return f"tag:{settings.FEED_ID_AUTHORITY},{issue.started_at:%Y-%m-%d}:newsletter-issue:{issue.pk}"

    def item_pubdate(self, issue):
        return issue.started_at

    def item_updateddate(self, issue):
        return issue.finished_at or issue.started_at


class NewsletterAtomFeed(NewsletterFeed):
    feed_type = Atom1Feed
    url_name = "articles:feed_newsletter_atom"

    def subtitle(self, newsletter):
        return self.description(newsletter)
