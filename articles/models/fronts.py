"""Curated fronts: the home page's and a section's arrangement of stories, as editors set it.

A `Front` belongs to one page (the home page, or one section). What it shows is an
`Arrangement`: ordered `Slot`s, each pinned to a story or filled by a rule (the latest
stories, the latest in a section, with a tag, in a region), published now or scheduled. The
arrangement readers see is the latest one whose time has come; older ones stay as the
front's history and a scheduled one waits for its moment. Arrangements are never edited once
published: a change is a new arrangement (`articles.fronts` publishes and reads them).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse


class Front(models.Model):
    section = models.OneToOneField(
        "articles.Section",
        verbose_name="section",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="front",
        help_text="The section page this front arranges; leave empty for the home page.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True, help_text="When it was set up.")

    class Meta:
        verbose_name = "front"
        verbose_name_plural = "fronts"
        constraints = [
            # One front per page, the home page (no section) included.
            models.UniqueConstraint(
                Coalesce("section", Value(0)),
                name="one_front_per_page",
                violation_error_message="This page already has a front: open it from the list.",
            ),
        ]

    def __str__(self):
        return f"{self.section.name} front" if self.section else "Home page front"

    def get_absolute_url(self):
        """The public page this front arranges."""
        if self.section:
            return self.section.get_absolute_url()
        return reverse("articles:home")

    @property
    def page_name(self) -> str:
        return self.section.name if self.section else "Home page"


class Arrangement(models.Model):
    front = models.ForeignKey(
        Front,
        verbose_name="front",
        on_delete=models.CASCADE,
        related_name="arrangements",
        help_text="The front this arrangement is for.",
    )
    goes_live_at = models.DateTimeField(
        "goes live",
        help_text="From this moment readers see this arrangement, until a later one goes live.",
    )
    note = models.CharField(
        "note", max_length=200, blank=True, help_text="What changed, for the desk, e.g. “new lead”."
    )
    created_at = models.DateTimeField(
        "published", auto_now_add=True, help_text="When an editor published or scheduled it."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who published or scheduled it (empty for scripts).",
    )
    cancelled_at = models.DateTimeField(
        "cancelled",
        null=True,
        blank=True,
        help_text="A scheduled arrangement called off before its time: it never goes live.",
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cancelled by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who called it off.",
    )

    class Meta:
        ordering = ["-goes_live_at", "-pk"]
        verbose_name = "front arrangement"
        verbose_name_plural = "front arrangements"
        indexes = [
            # The live arrangement of a front: its latest one whose time has come.
            models.Index(fields=["front", "-goes_live_at", "-id"], name="arrangement_live_idx"),
            # The next arrangement to go live anywhere (a moment the edition changes).
            models.Index(
                fields=["goes_live_at"],
                condition=Q(cancelled_at__isnull=True),
                name="arrangement_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.front} from {self.goes_live_at:%Y-%m-%d %H:%M}"


class SlotKind(models.TextChoices):
    LEAD = "lead", "Lead story"
    TOP = "top", "Top stories"
    BLOCK = "block", "Block with a heading"


class Fill(models.TextChoices):
    NONE = "none", "Nothing more (the pinned story only)"
    LATEST = "latest", "Latest stories"
    SECTION = "section", "Latest in a section"
    TAG = "tag", "Latest with a tag"
    REGION = "region", "Latest in a region"


class Slot(models.Model):
    arrangement = models.ForeignKey(
        Arrangement,
        verbose_name="arrangement",
        on_delete=models.CASCADE,
        related_name="slots",
        help_text="The arrangement this slot is part of.",
    )
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Order on the front, top first."
    )
    kind = models.CharField(
        "kind",
        max_length=10,
        choices=SlotKind.choices,
        default=SlotKind.BLOCK,
        help_text="How the slot is shown: the big lead, a top-stories card, or a headed block.",
    )
    heading = models.CharField(
        "heading",
        max_length=80,
        blank=True,
        help_text="A block's heading; by default the name of its section, tag or region.",
    )
    story = models.ForeignKey(
        "articles.Article",
        verbose_name="pinned story",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown first, while readers can see it; otherwise the rule fills its place.",
    )
    fill = models.CharField(
        "filled with",
        max_length=10,
        choices=Fill.choices,
        default=Fill.LATEST,
        help_text="The rule that fills the slot (after the pinned story, if any).",
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For “latest in a section”.",
    )
    tag = models.ForeignKey(
        "articles.Tag",
        verbose_name="tag",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For “latest with a tag”.",
    )
    region = models.ForeignKey(
        "articles.Region",
        verbose_name="region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For “latest in a region” (stories filed anywhere below it count).",
    )
    count = models.PositiveSmallIntegerField(
        "stories", default=1, help_text="How many stories the slot shows (a lead shows one)."
    )
    allow_duplicates = models.BooleanField(
        "may repeat stories",
        default=False,
        help_text="Show stories even if the front shows them elsewhere (other slots never "
        "repeat a story).",
    )

    class Meta:
        ordering = ["arrangement", "position", "pk"]
        verbose_name = "front slot"
        verbose_name_plural = "front slots"

    def __str__(self):
        return f"{self.get_kind_display()} #{self.position + 1}"

    @property
    def target(self):
        """The section, tag or region the slot's rule draws on (None for other rules)."""
        targets: dict[str, models.Model | None] = {
            Fill.SECTION: self.section,
            Fill.TAG: self.tag,
            Fill.REGION: self.region,
        }
        return targets.get(self.fill)
