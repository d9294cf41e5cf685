"""The wire desk: the agencies whose copy comes in, and each item received from them.

A `WireProvider` is one agency feed (credited as a `Source`); a `WireStory` is one item it
sent, identified by the provider and the item's own id, remembering the version last taken in
and the draft story it became. An editor takes the draft over from the wire queue; from then on
a newer version never overwrites the editor's work but waits beside it as an update.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class WireFormat(models.TextChoices):
    AUTO = "auto", "Recognise automatically"
    NINJS = "ninjs", "IPTC ninjs (JSON)"
    RSS = "rss", "RSS 2.0 or Atom"
    NEWSML = "newsml", "IPTC NewsML-G2 (XML)"
    NITF = "nitf", "NITF 3.x (XML)"
    TEXT = "text", "Plain text"


class WireProvider(models.Model):
    name = models.CharField("name", max_length=120, unique=True, help_text="E.g. “Reuters wire”.")
    slug = models.SlugField(
        "slug", max_length=120, unique=True, help_text="Used by `manage.py ingest --provider`."
    )
    source = models.ForeignKey(
        "articles.Source",
        verbose_name="credited source",
        on_delete=models.PROTECT,
        related_name="wire_providers",
        help_text="The agency every story from this feed is credited to.",
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="desk",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The section the feed's drafts start in (editors may move them).",
    )
    byline = models.CharField(
        "byline", max_length=120, default="Agencies", help_text="Printed on the feed's stories."
    )
    feed_url = models.URLField(
        "feed address",
        blank=True,
        help_text="Polled by `manage.py poll_wires`; empty for copy that is uploaded or pasted.",
    )
    format = models.CharField(
        "format",
        max_length=10,
        choices=WireFormat.choices,
        default=WireFormat.AUTO,
        help_text="What the feed sends.",
    )
    active = models.BooleanField("polled", default=True, help_text="Untick to stop polling.")
    etag = models.CharField(
        "ETag", max_length=300, blank=True, editable=False, help_text="From the last poll."
    )
    last_modified = models.CharField(
        "Last-Modified",
        max_length=100,
        blank=True,
        editable=False,
        help_text="From the last poll.",
    )
    last_polled_at = models.DateTimeField(
        "last polled", null=True, blank=True, editable=False, help_text="When it was last asked."
    )
    last_poll_result = models.CharField(
        "last poll result", max_length=300, blank=True, editable=False, help_text="What it said."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "wire provider"
        verbose_name_plural = "wire providers"

    def __str__(self):
        return self.name


class AgencyStatus(models.TextChoices):
    """The agency's word on an item (ninjs `pubStatus`, NewsML-G2 `pubStatus`)."""

    USABLE = "usable", "usable"
    WITHHELD = "withheld", "withheld by the agency"
    CANCELED = "canceled", "killed by the agency"


class WireStoryQuerySet(models.QuerySet):
    def in_queue(self):
        """Wire copy waiting for an editor: drafts nobody has taken over yet."""
        return self.filter(taken_over_at__isnull=True, article__isnull=False)

    def killed(self):
        """Copy the agency killed or withheld, with no editor's override on record."""
        return self.exclude(agency_status=AgencyStatus.USABLE).filter(override_by__isnull=True)

    def kills_to_act_on(self):
        """Killed or withheld copy whose story readers can see: every editor is alerted
        until one withdraws the story or records why it stays (the desk never unpublishes)."""
        from .articles import Article

        public = Article.objects.published().values("pk")
        return self.killed().filter(article__in=public)

    def with_updates(self):
        """Stories whose agency sent a newer version after an editor took them over."""
        return self.exclude(update_version="")


class WireStory(models.Model):
    provider = models.ForeignKey(
        WireProvider,
        verbose_name="provider",
        on_delete=models.PROTECT,
        related_name="stories",
        help_text="The feed it came from.",
    )
    item_id = models.CharField(
        "item id",
        max_length=500,
        help_text="The agency's own id (ninjs uri, feed GUID), or a hash of plain-text copy.",
    )
    version = models.CharField(
        "version", max_length=64, blank=True, help_text="The version last taken into the draft."
    )
    fingerprint = models.CharField(
        "fingerprint",
        max_length=64,
        help_text="A hash of the version's content: the same copy twice changes nothing.",
    )
    headline = models.CharField("headline", max_length=300, help_text="As the agency sent it.")
    urgency = models.PositiveSmallIntegerField(
        "urgency",
        null=True,
        blank=True,
        help_text="1 (flash) to 9 (lowest), as the agency set it.",
    )
    article = models.OneToOneField(
        "articles.Article",
        verbose_name="story",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_copy",
        help_text="The draft the copy became.",
    )
    article_version = models.PositiveIntegerField(
        "story version",
        default=0,
        help_text="The story's version when ingest last wrote it: a later one means an editor "
        "changed it, and updates no longer overwrite it.",
    )
    preselected = models.JSONField(
        "pre-selected filing",
        default=dict,
        blank=True,
        help_text="Regions, sources and related stories ingest filed the draft under, "
        "for the editor to confirm: {regions, sources, related}: [{id, name, matched}].",
    )
    received_at = models.DateTimeField(
        "received", default=timezone.now, db_index=True, help_text="When it last came in."
    )
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="taken over by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who took the draft over.",
    )
    taken_over_at = models.DateTimeField(
        "taken over", null=True, blank=True, help_text="When an editor took the draft over."
    )
    update_version = models.CharField(
        "update available",
        max_length=64,
        blank=True,
        help_text="A newer version that arrived after an editor took the story over.",
    )
    update = models.JSONField(
        "update",
        default=dict,
        blank=True,
        help_text="The newer version's clean copy: {headline, standfirst, body_html, received}.",
    )

    notes = models.JSONField(
        "notes",
        default=list,
        blank=True,
        help_text="What the desk made of the copy, for the editor (a headline it had to make, "
        "a body that is only the agency's short description).",
    )
    metadata = models.JSONField(
        "agency metadata",
        default=dict,
        blank=True,
        help_text="What the agency sent beside the story: {byline, subjects, genres, slugline, "
        "ed_note, usage_terms, expires, unknown: {places, people, organisations}}.",
    )
    agency_status = models.CharField(
        "agency status",
        max_length=10,
        choices=AgencyStatus.choices,
        default=AgencyStatus.USABLE,
        db_index=True,
        help_text="Canceled (killed) or withheld: the story must not be published.",
    )
    agency_status_at = models.DateTimeField(
        "agency status since", null=True, blank=True, help_text="When the kill or hold came in."
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="kill overridden by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who decided to publish despite the agency's kill or hold.",
    )
    override_reason = models.CharField(
        "override reason", max_length=300, blank=True, help_text="Why, in the editor's words."
    )

    objects = WireStoryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "wire story"
        verbose_name_plural = "wire queue"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "item_id"], name="unique_wire_item_per_provider"
            )
        ]
        indexes = [models.Index(fields=["urgency", "-received_at"], name="wire_urgency_idx")]

    def __str__(self):
        return self.headline
