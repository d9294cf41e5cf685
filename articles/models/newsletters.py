"""Newsletters, their issues, who takes them and the log of every message sent.

A `Newsletter` has a name, a sender, a cadence, a template and a web archive, and may draft
its own issues from a front or a section at a set time. An `Issue` is made of ordered
`IssueBlock`s (a story, or a free text block); once it starts sending, its subject and
rendered parts are frozen on it, so a resumed send mails the same bytes. A `Recipient` row is
one reader's copy of one issue, moved through its states by `articles.newsletters.sending`:
the issue's progress is counted from these rows, never estimated. `LinkCount` is the optional
aggregate click count per link of an issue (no reader is ever named in it).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Cadence(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKDAYS = "weekdays", "Weekdays"
    WEEKLY = "weekly", "Weekly"
    OCCASIONAL = "occasional", "When there is news"


class Template(models.TextChoices):
    BRIEFING = "briefing", "Briefing: pictures and standfirsts"
    HEADLINES = "headlines", "Headlines: text only"


class Newsletter(models.Model):
    name = models.CharField("name", max_length=120, unique=True)
    slug = models.SlugField(
        "slug",
        max_length=80,
        unique=True,
        help_text="The end of its archive's address: “morning-briefing” makes /newsletters/morning-briefing/.",
    )
    description = models.TextField(
        "description", blank=True, help_text="One or two sentences on the sign-up form."
    )
    sender_name = models.CharField("sender name", max_length=120)
    sender_email = models.EmailField(
        "sender address", help_text="On a domain whose SPF, DKIM and DMARC records are set."
    )
    reply_to = models.EmailField("reply-to address", blank=True)
    cadence = models.CharField(
        "cadence", max_length=20, choices=Cadence.choices, default=Cadence.DAILY
    )
    template = models.CharField(
        "template", max_length=20, choices=Template.choices, default=Template.BRIEFING
    )
    offered = models.BooleanField(
        "offered to readers", default=True, help_text="Shown on sign-up forms."
    )
    archive_public = models.BooleanField(
        "public web archive",
        default=True,
        help_text="Sent issues readable on the site, with feeds.",
    )
    count_links = models.BooleanField(
        "count link clicks",
        default=False,
        help_text="Links go through the site, which counts clicks per link (never per reader).",
    )
    test_recipients = models.TextField(
        "test-send list",
        blank=True,
        help_text="Staff addresses a test send goes to, one per line.",
    )
    draft_from_front = models.ForeignKey(
        "articles.Front",
        verbose_name="draft from front",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Drafts take this front's stories, top first.",
    )
    draft_from_section = models.ForeignKey(
        "articles.Section",
        verbose_name="draft from section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or the latest stories of this section.",
    )
    draft_at = models.TimeField(
        "draft at",
        null=True,
        blank=True,
        help_text="When the day's issue drafts itself (site time), e.g. 06:00; empty: never.",
    )
    draft_stories = models.PositiveSmallIntegerField(
        "stories per draft", default=6, help_text="How many stories a draft takes."
    )
    order = models.PositiveSmallIntegerField("order", default=0)
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "newsletter"
        verbose_name_plural = "newsletters"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:newsletter_archive", kwargs={"slug": self.slug})


class Subscription(models.Model):
    reader = models.ForeignKey(
        "articles.Reader",
        verbose_name="reader",
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    newsletter = models.ForeignKey(
        Newsletter,
        verbose_name="newsletter",
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField("since", auto_now_add=True)

    class Meta:
        verbose_name = "subscription"
        verbose_name_plural = "subscriptions"
        constraints = [
            models.UniqueConstraint(fields=["reader", "newsletter"], name="one_subscription")
        ]

    def __str__(self):
        return f"{self.reader_id} → {self.newsletter_id}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting", "Drafted by itself: waiting for an editor"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Finished sending"
    CANCELLED = "cancelled", "Called off"


class Issue(models.Model):
    newsletter = models.ForeignKey(
        Newsletter, verbose_name="newsletter", on_delete=models.PROTECT, related_name="issues"
    )
    number = models.PositiveIntegerField(
        "number", null=True, blank=True, editable=False, help_text="Given when it is sent."
    )
    subject = models.CharField("subject", max_length=150, blank=True)
    preheader = models.CharField(
        "preheader",
        max_length=150,
        blank=True,
        help_text="The line mailboxes show after the subject.",
    )
    status = models.CharField(
        "status", max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    auto_drafted = models.BooleanField("drafted by itself", default=False, editable=False)
    scheduled_at = models.DateTimeField("send at", null=True, blank=True)
    started_at = models.DateTimeField("sending started", null=True, blank=True, editable=False)
    finished_at = models.DateTimeField("sending finished", null=True, blank=True, editable=False)
    html = models.TextField("email HTML as sent", blank=True, editable=False)
    text = models.TextField("plain text as sent", blank=True, editable=False)
    next_attempt_at = models.DateTimeField(
        "next attempt", null=True, blank=True, editable=False, help_text="After a service failure."
    )
    service_failures = models.PositiveSmallIntegerField("service failures", default=0)
    last_error = models.TextField("last error", blank=True, editable=False)
    created_at = models.DateTimeField("created", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="scheduled or sent by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "newsletter issue"
        verbose_name_plural = "newsletter issues"
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "number"], name="one_issue_number")
        ]
        indexes = [models.Index(fields=["status", "scheduled_at"], name="issue_due_idx")]

    def __str__(self):
        return self.subject or f"{self.newsletter} (untitled draft)"

    def get_absolute_url(self):
        return reverse(
            "articles:newsletter_issue",
            kwargs={"slug": self.newsletter.slug, "number": self.number},
        )


class BlockKind(models.TextChoices):
    STORY = "story", "Story"
    TEXT = "text", "Text"


class IssueBlock(models.Model):
    issue = models.ForeignKey(
        Issue, verbose_name="issue", on_delete=models.CASCADE, related_name="blocks"
    )
    position = models.PositiveSmallIntegerField("position", default=0)
    kind = models.CharField("kind", max_length=10, choices=BlockKind.choices)
    story = models.ForeignKey(
        "articles.Article",
        verbose_name="story",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Its headline, standfirst, byline and lead picture.",
    )
    heading = models.CharField("heading", max_length=150, blank=True)
    text = models.TextField(
        "text", blank=True, help_text="Plain text; a blank line starts a paragraph."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "issue block"
        verbose_name_plural = "issue blocks"

    def __str__(self):
        return f"{self.kind} {self.position}"


class RecipientStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    DEFERRED = "deferred", "Deferred: will retry"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent: suppressed or unsubscribed meanwhile"
    UNCONFIRMED = "unconfirmed", "Handed over as the sender stopped: not sent again"


class Recipient(models.Model):
    issue = models.ForeignKey(
        Issue, verbose_name="issue", on_delete=models.CASCADE, related_name="recipients"
    )
    reader = models.ForeignKey(
        "articles.Reader",
        verbose_name="reader",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField("address", max_length=254, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=RecipientStatus.choices, default=RecipientStatus.QUEUED
    )
    claim = models.CharField("claimed by", max_length=40, blank=True, editable=False)
    claimed_until = models.DateTimeField("claim expires", null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    message_id = models.CharField("Message-ID", max_length=200, blank=True, db_index=True)
    last_error = models.CharField("last error", max_length=500, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "recipient"
        verbose_name_plural = "recipients"
        constraints = [
            models.UniqueConstraint(fields=["issue", "reader"], name="one_copy_per_reader")
        ]
        indexes = [models.Index(fields=["issue", "status"], name="recipient_progress_idx")]

    def __str__(self):
        return f"{self.email} ({self.status})"


class LinkCount(models.Model):
    """Clicks on one link of one issue, all readers together."""

    issue = models.ForeignKey(
        Issue, verbose_name="issue", on_delete=models.CASCADE, related_name="link_counts"
    )
    number = models.PositiveSmallIntegerField("link number")
    url = models.URLField("address", max_length=1000)
    clicks = models.PositiveIntegerField("clicks", default=0)

    class Meta:
        ordering = ["number"]
        verbose_name = "link count"
        verbose_name_plural = "link counts"
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="one_count_per_link")
        ]

    def __str__(self):
        return f"{self.url}: {self.clicks}"
