"""The planning desk's tables, part one: desks and events.

A `Desk` is a group of staff who plan and deliver together (World, Photo, Video…): coverage is
assigned to a person, a desk, or both, and a desk's members see and take its assignments. An
`Event` is something that happens out there (a council meeting, a match, a trial), known to the
minute, the day or only the month, perhaps recurring (an RFC 5545 rule), with a place, its
organisers and participants, and a status. What the newsroom will publish about it is a plan
line (`articles.models.budget`). What these rows may hold and what a change sets off is
`articles.planning`'s business.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

# Anything the server posts to is http(s) only (no file:, ftp:, gopher:).
web_address = URLValidator(schemes=["http", "https"])


class Desk(models.Model):
    name = models.CharField("name", max_length=80, unique=True, help_text="E.g. “Photo desk”.")
    slug = models.SlugField(
        "slug", max_length=80, unique=True, help_text="Used in calendar and budget addresses."
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="usual section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planning_desks",
        help_text="The section its plan lines start in (any line may go elsewhere).",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="members",
        blank=True,
        related_name="planning_desks",
        help_text="Staff who see the desk's plan and may take its assignments.",
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Where the desk comes in the budget grouped by desk."
    )
    webhook_url = models.URLField(
        "chat webhook",
        max_length=500,
        blank=True,
        validators=[web_address],
        help_text="An http(s) address the desk's notifications are POSTed to as signed JSON "
        "(a chat tool's incoming webhook). Empty: none.",
    )
    webhook_secret = models.CharField(
        "webhook secret",
        max_length=100,
        blank=True,
        help_text="Every webhook body is signed with HMAC-SHA256 under it "
        "(X-Newsroom-Signature). Filled in when the webhook is set.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "desk"
        verbose_name_plural = "desks"

    def __str__(self):
        return self.name


class DatePrecision(models.TextChoices):
    TIME = "time", "At a time"
    DAY = "day", "On a day (time not known yet)"
    MONTH = "month", "In a month (day not known yet)"


class EventStatus(models.TextChoices):
    PLANNED = "planned", "Planned (not confirmed)"
    CONFIRMED = "confirmed", "Confirmed"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


# Statuses that call the desk's plans into question.
CALLED_OFF = (EventStatus.POSTPONED, EventStatus.CANCELLED)


class EventQuerySet(models.QuerySet):
    def whats_on(self):
        """Events readers see on the public "What's on": marked public and confirmed (or
        confirmed once and since postponed or cancelled, which readers must learn too)."""
        return self.filter(public=True).exclude(status=EventStatus.PLANNED)


class Event(models.Model):
    title = models.CharField("title", max_length=200, help_text="What happens, in a line.")
    slug = models.SlugField(
        "slug", max_length=200, help_text="The end of its public page's address."
    )
    description = models.TextField(
        "description",
        blank=True,
        help_text="What it is, for readers if the event is public. Plain text.",
    )
    precision = models.CharField(
        "known to",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.TIME,
        help_text="How exactly the date is known: a time, a day, or only a month.",
    )
    starts_at = models.DateTimeField(
        "starts",
        db_index=True,
        help_text="When it starts (for a day or a month known only, its first moment).",
    )
    ends_at = models.DateTimeField(
        "ends", null=True, blank=True, help_text="When it ends, if known (never before it starts)."
    )
    recurrence = models.CharField(
        "repeats",
        max_length=300,
        blank=True,
        help_text="An RFC 5545 rule, e.g. “FREQ=WEEKLY;BYDAY=TU” for every Tuesday; add "
        "“;COUNT=10” or “;UNTIL=20270630T000000Z” to end it. Empty: it happens once.",
    )
    region = models.ForeignKey(
        "articles.Region",
        verbose_name="place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Where, from the region tree.",
    )
    venue = models.CharField(
        "venue", max_length=200, blank=True, help_text="E.g. “City Hall, Khreshchatyk 36”."
    )
    organisers = models.ManyToManyField(
        "articles.Source",
        verbose_name="organisers",
        blank=True,
        related_name="events_organised",
        help_text="Who organises it, from the sources (people and organisations).",
    )
    participants = models.ManyToManyField(
        "articles.Source",
        verbose_name="participants",
        blank=True,
        related_name="events_attended",
        help_text="Who takes part, from the sources.",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        help_text="Postponing or cancelling marks its plan lines and tells their assignees.",
    )
    status_reason = models.CharField(
        "reason",
        max_length=300,
        blank=True,
        help_text="Why it was postponed or cancelled (needed for those two).",
    )
    notes = models.TextField(
        "notes for the desk", blank=True, help_text="Contacts, accreditation… Never public."
    )
    links = models.TextField(
        "links",
        blank=True,
        help_text="Web addresses about it (the organiser's page, the agenda), one a line.",
    )
    public = models.BooleanField(
        "on the public What's on",
        default=False,
        help_text="Once confirmed, listed for readers with a page, a calendar entry and "
        "schema.org Event data.",
    )
    provider = models.ForeignKey(
        "articles.WireProvider",
        verbose_name="from the agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="The agency feed it came in on, if any.",
    )
    item_id = models.CharField(
        "agency item id", max_length=500, blank=True, help_text="The agency's own id (ninjs uri)."
    )
    agency_version = models.CharField(
        "agency version", max_length=64, blank=True, help_text="The version last taken in."
    )
    fingerprint = models.CharField(
        "fingerprint", max_length=64, blank=True, help_text="A hash of the agency's item."
    )
    version = models.PositiveIntegerField(
        "edit counter", default=1, help_text="Moves on every change (calendar SEQUENCE, ninjs)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("created", default=timezone.now)
    updated_at = models.DateTimeField("last changed", default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "event"
        verbose_name_plural = "events"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "item_id"],
                condition=models.Q(provider__isnull=False),
                name="unique_event_per_provider_item",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:event", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def called_off(self) -> bool:
        return self.status in CALLED_OFF

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
