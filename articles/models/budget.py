"""The planning desk's tables, part two: the budget.

A `PlanLine` is one thing the newsroom will publish: a slug, a working headline, its section
and desk, the day and slot it is planned for — never a publish time: "planned for Tuesday
morning" is the desk's intention, "scheduled for 09:00" is the workflow's — and its state.
Each line has `Coverage`: the text, photo, video, graphic or live coverage it needs, each
assigned to a person and/or a desk, due at a time, and fulfilled by a story or a picture.

Two rules live here because `articles.changes` applies them after every workflow step and
must not import the planning package above it (`tests/operations/test_module_map.py`): how a
coverage follows the story that fulfils it (`CoverageStatus.for_story`,
`CoverageQuerySet.follow_story`), and how a line's state follows its coverage
(`PlanLine.settle_state`). `articles.planning` uses the same two, never a copy.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .planning_log import PlanningAction, PlanningAuditEntry
from .publication import Status


class PlanSlot(models.TextChoices):
    ANY = "any", "Any time"
    MORNING = "morning", "Morning"
    MIDDAY = "midday", "Midday"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"
    NIGHT = "night", "Overnight"


class Priority(models.IntegerChoices):
    LEAD = 1, "Lead"
    HIGH = 2, "High"
    NORMAL = 3, "Normal"
    LOW = 4, "Low"


class LineState(models.TextChoices):
    IDEA = "idea", "Idea"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    FILED = "filed", "Filed"
    PUBLISHED = "published", "Published"
    SPIKED = "spiked", "Spiked"


class CoverageKind(models.TextChoices):
    TEXT = "text", "Text"
    PHOTO = "photo", "Photo"
    VIDEO = "video", "Video"
    GRAPHIC = "graphic", "Graphic"
    LIVE = "live", "Live coverage"


# Coverage a story fulfils ("Start" makes the draft); the others are delivered by hand, a
# photo by a picture from the library.
STORY_KINDS = (CoverageKind.TEXT, CoverageKind.LIVE)


class CoverageStatus(models.TextChoices):
    OPEN = "open", "Nobody on it"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    FILED = "filed", "Filed"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"

    @classmethod
    def for_story(cls, status: str) -> str:
        """Where a coverage stands once its story has `status`: a draft is work in progress,
        a story in review is filed, a published (or scheduled) one is delivered; a withdrawn
        one is owed again."""
        following: dict[str, str] = {
            Status.DRAFT: cls.IN_PROGRESS,
            Status.REVIEW: cls.FILED,
            Status.PUBLISHED: cls.DELIVERED,
            Status.UNPUBLISHED: cls.IN_PROGRESS,
        }
        return following[status]


# How far a line is, by the furthest of its coverages.
_LINE_STATE_OF = {
    CoverageStatus.OPEN: LineState.IDEA,
    CoverageStatus.ASSIGNED: LineState.ASSIGNED,
    CoverageStatus.IN_PROGRESS: LineState.IN_PROGRESS,
    CoverageStatus.FILED: LineState.FILED,
    CoverageStatus.DELIVERED: LineState.PUBLISHED,
}
_LINE_ORDER = [
    LineState.IDEA,
    LineState.ASSIGNED,
    LineState.IN_PROGRESS,
    LineState.FILED,
    LineState.PUBLISHED,
]


class PlanLine(models.Model):
    slug = models.CharField(
        "slug",
        max_length=60,
        help_text="The desk's short name for it, e.g. “COUNCIL-BUDGET”; the story starts with it.",
    )
    headline = models.CharField(
        "working headline", max_length=200, help_text="What the story will say, roughly."
    )
    summary = models.TextField(
        "what it is", blank=True, help_text="The angle, the sources to call, what to avoid."
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="section",
        on_delete=models.PROTECT,
        related_name="plan_lines",
        help_text="Where the story will run.",
    )
    desk = models.ForeignKey(
        "articles.Desk",
        verbose_name="desk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_lines",
        help_text="The desk that owes it.",
    )
    planned_on = models.DateField(
        "planned for", db_index=True, help_text="The day it is planned for (not a publish time)."
    )
    slot = models.CharField(
        "slot",
        max_length=10,
        choices=PlanSlot.choices,
        default=PlanSlot.ANY,
        help_text="When that day.",
    )
    position = models.PositiveIntegerField(
        "position", default=0, help_text="Its place among the day's lines in the same slot."
    )
    expected_words = models.PositiveIntegerField(
        "expected length (words)", null=True, blank=True, help_text="Roughly how long."
    )
    priority = models.PositiveSmallIntegerField(
        "priority", choices=Priority.choices, default=Priority.NORMAL
    )
    events = models.ManyToManyField(
        "articles.Event",
        verbose_name="events",
        blank=True,
        related_name="plan_lines",
        help_text="What it covers: postponing or cancelling one marks this line.",
    )
    regions = models.ManyToManyField(
        "articles.Region", verbose_name="regions", blank=True, related_name="+"
    )
    tags = models.ManyToManyField("articles.Tag", verbose_name="tags", blank=True, related_name="+")
    state = models.CharField(
        "state",
        max_length=12,
        choices=LineState.choices,
        default=LineState.IDEA,
        help_text="Follows its coverage (assigned, in progress, filed, published) unless spiked.",
    )
    notice = models.CharField(
        "notice",
        max_length=300,
        blank=True,
        help_text="What the desk must know now, e.g. “Event postponed: the mayor is ill”.",
    )
    shared = models.BooleanField(
        "offered to partners",
        default=False,
        help_text="Listed in the read API as a ninjs planning item: its working headline, day "
        "and planned coverage, never who is on it.",
    )
    occurrence_of = models.ForeignKey(
        "articles.Event",
        verbose_name="occurrence of",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrence_lines",
        help_text="The recurring event whose one occurrence this line covers.",
    )
    occurrence_at = models.DateTimeField("occurrence", null=True, blank=True, editable=False)
    version = models.PositiveIntegerField("edit counter", default=1)
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

    class Meta:
        ordering = ["planned_on", "position", "pk"]
        verbose_name = "plan line"
        verbose_name_plural = "budget"
        permissions = [("plan_budget", "Can plan: events, plan lines and assignments")]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence_of", "occurrence_at"],
                condition=models.Q(occurrence_of__isnull=False),
                name="one_line_per_occurrence",
            )
        ]
        indexes = [models.Index(fields=["planned_on", "section"], name="budget_day_idx")]

    def __str__(self):
        return f"{self.slug}: {self.headline}"

    def settle_state(self, coverages=None) -> bool:
        """Set the state from the coverage (the furthest one decides; none, or nobody on
        any: an idea). A spiked line stays spiked. Returns whether it changed (unsaved)."""
        if self.state == LineState.SPIKED:
            return False
        if coverages is None:
            coverages = list(self.coverages.all())
        reached = [
            _LINE_STATE_OF[coverage.status]
            for coverage in coverages
            if coverage.status != CoverageStatus.CANCELLED
        ]
        state = max(reached, key=_LINE_ORDER.index, default=LineState.IDEA)
        changed = state != self.state
        self.state = state
        return changed


class CoverageQuerySet(models.QuerySet["Coverage"]):
    def follow_story(self, story) -> int:
        """After a workflow step on `story`: the coverage it fulfils follows its status
        (drafted, filed, delivered, or owed again after a withdrawal), its line's state
        follows, and the step is recorded on the planning audit trail. One query for a story
        that fulfils no coverage. Returns how many coverages changed (0 or 1)."""
        coverage = self.filter(article=story).select_related("plan_line").first()
        if coverage is None or coverage.status == CoverageStatus.CANCELLED:
            return 0
        status = CoverageStatus.for_story(story.status)
        if status == coverage.status:
            return 0
        before = coverage.get_status_display()
        coverage.status = status
        if status == CoverageStatus.DELIVERED and coverage.delivered_at is None:
            coverage.delivered_at = timezone.now()
        coverage.save(update_fields=["status", "delivered_at"])
        line = coverage.plan_line
        if line.settle_state():
            line.save(update_fields=["state"])
        PlanningAuditEntry.objects.create(
            action=PlanningAction.STORY_PROGRESS,
            plan_line=line,
            coverage=coverage,
            subject=str(line)[:300],
            note=f"{coverage.get_kind_display()}: {before} → {coverage.get_status_display()} "
            f"(story “{story.headline[:120]}” is {story.get_status_display().lower()})",
        )
        return 1


class Coverage(models.Model):
    plan_line = models.ForeignKey(
        PlanLine, verbose_name="plan line", on_delete=models.CASCADE, related_name="coverages"
    )
    kind = models.CharField(
        "kind", max_length=10, choices=CoverageKind.choices, default=CoverageKind.TEXT
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="assigned to",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverages",
        help_text="The reporter, photographer or producer on it (active staff only).",
    )
    desk = models.ForeignKey(
        "articles.Desk",
        verbose_name="desk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverages",
        help_text="The desk it is assigned to: any member may take it.",
    )
    due_at = models.DateTimeField("due", null=True, blank=True, help_text="When it is due.")
    brief = models.CharField(
        "brief", max_length=300, blank=True, help_text="E.g. “Portrait of the mayor, landscape”."
    )
    status = models.CharField(
        "status", max_length=12, choices=CoverageStatus.choices, default=CoverageStatus.OPEN
    )
    notice = models.CharField("notice", max_length=300, blank=True)
    article = models.OneToOneField(
        "articles.Article",
        verbose_name="story",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coverage",
        help_text="The story that fulfils it.",
    )
    image = models.ForeignKey(
        "articles.Image",
        verbose_name="picture",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverages",
        help_text="The library picture that fulfils it.",
    )
    position = models.PositiveSmallIntegerField("position", default=0)
    started_at = models.DateTimeField("started", null=True, blank=True)
    delivered_at = models.DateTimeField("delivered", null=True, blank=True)
    reminded_at = models.DateTimeField(
        "reminded", null=True, blank=True, help_text="When the due-soon reminder went out."
    )

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "coverage"
        verbose_name_plural = "coverage"
        indexes = [models.Index(fields=["assignee", "due_at"], name="coverage_assignee_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.plan_line.slug}"

    @property
    def fulfilled_by_story(self) -> bool:
        return self.kind in STORY_KINDS


class BudgetSection(models.Model):
    """The order sections come in on the budget, as the desk chose it (sections without a row
    follow, in the site's own order)."""

    section = models.OneToOneField(
        "articles.Section", on_delete=models.CASCADE, related_name="budget_place"
    )
    position = models.PositiveSmallIntegerField("position", default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = "budget section order"
        verbose_name_plural = "budget section order"

    def __str__(self):
        return f"{self.position}: {self.section}"
