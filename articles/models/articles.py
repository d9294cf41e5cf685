"""Articles: what a story is, and the queryset every listing starts from.

`Article.objects.published()` applies the one definition of "public" (`publication.py`).
Every reader-facing page, listing, count and related-stories box is built on it.
"""

from typing import ClassVar, cast

from django.conf import settings
from django.db import models
from django.db.models import F, Min, Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from .credits import ArticleAuthor
from .images import keep_library_pictures
from .places import Region, RegionListing
from .publication import (
    PublicationState,
    Status,
    goes_live_at,
    hidden_condition,
    public_condition,
    publication_state,
    state_condition,
    was_ever_public,
)
from .reads import heard
from .tags import TaggedArticle

# What the body editor offers; the server-side sanitizer allows exactly the same markup.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Figures with captions, their pictures chosen from the image library (the picker is the
    # library's "pick" screen; `articles.images.body_figures` keeps only library pictures).
    "Figure": {"pickerUrl": "/admin/articles/image/pick/"},
    "Caption": True,
    "Image": True,
}


# Stories per file of the stories sitemap (`articles.public.sitemaps`): file n holds ids
# (n-1)·size+1 … n·size. Fixed here because two indexes below are built on the file number.
STORIES_PER_SITEMAP_FILE = 5_000


def site_language():
    return settings.SITE_LANGUAGE


class ArticleQuerySet(models.QuerySet):
    def _fetch_all(self):
        # Rows rather than stories (values(), values_list()): a cache cannot tell which
        # stories' content they carry (`articles.caching.keys`).
        if self._result_cache is None and self._iterable_class is not ModelIterable:
            heard("story-values")
        super()._fetch_all()

    def aggregate(self, *args, **kwargs):
        heard("story-values")
        return super().aggregate(*args, **kwargs)

    def published(self, at=None):
        """Stories a reader may see (see `publication.public_condition`)."""
        return self.filter(public_condition(at=at))

    def hidden(self, at=None):
        """Stories a reader may not see: exactly those `published()` leaves out."""
        return self.filter(hidden_condition(at=at))

    def in_state(self, state: str, at=None):
        """Stories in one `PublicationState` (draft, in review, scheduled, embargoed, live,
        withdrawn)."""
        return self.filter(state_condition(state, at=at))

    def pinnable(self):
        """Stories an editor may put on a front or link from the banner: released by an
        editor — live, or scheduled or embargoed and waiting for their time (readers see them
        from then) — never a draft, a story in review or a withdrawn one."""
        return self.filter(status=Status.PUBLISHED)

    def next_visibility_change(self, now=None):
        """The next moment a story becomes visible by time alone (a publish time or an embargo
        arriving), or None: what readers see cannot change before then without a transition.

        Two index lookups; the earlier of the pending publish times and embargo ends is a safe
        (never late) bound for the moment anything public changes.
        """
        now = now or timezone.now()
        waiting = self.filter(status=Status.PUBLISHED)
        moments = [
            waiting.filter(published_at__gt=now).aggregate(at=Min("published_at"))["at"],
            waiting.filter(embargo_until__gt=now).aggregate(at=Min("embargo_until"))["at"],
        ]
        return min((moment for moment in moments if moment), default=None)

    def with_cards(self):
        """Everything an article card shows, in one query: the section and the lead image
        with its recorded renditions (the byline is stored on the story, see
        `articles.stories.derived`), and whether it is covered live (its LIVE label)."""
        return self.select_related("section", "lead_image", "live")

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def in_section(self, section):
        return self.filter(section=section)

    def in_region(self, region):
        """Stories filed under `region`, anywhere below it, or (for a grouping) under its
        members: the region's stored listing (`RegionListing`)."""
        return self.filter(pk__in=RegionListing.objects.filter(region=region).values("article_id"))

    def citing(self, source):
        return self.filter(
            pk__in=Article.sources.through.objects.filter(source=source).values("article_id")
        )

    def tagged(self, tag):
        return self.filter(pk__in=TaggedArticle.objects.filter(tag=tag).values("content_object_id"))

    def by_author(self, author):
        """Stories an author is credited on (a byline override hides the names, so not those)."""
        credited = ArticleAuthor.objects.filter(author=author).values("article_id")
        return self.filter(pk__in=credited, byline_override="")


class Article(models.Model):
    headline = models.CharField(
        "headline", max_length=200, help_text="Concise: about 70 characters reads best."
    )
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="The last part of the story's address. Unique across the site.",
    )
    standfirst = models.TextField(
        "standfirst",
        max_length=600,
        blank=True,
        help_text="The one- or two-sentence summary under the headline (the dek).",
    )
    body = ProseEditorField(
        "body",
        extensions=BODY_EXTENSIONS,
        sanitize=True,
        blank=True,
        help_text="The story. Formatting is limited to what the editor offers; anything else is removed.",
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="section",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="The desk the story belongs to; part of its address.",
    )
    authors = models.ManyToManyField(
        "articles.Author",
        verbose_name="authors",
        through="ArticleAuthor",
        blank=True,
        related_name="articles",
        help_text="Credited writers, in byline order.",
    )
    byline_override = models.CharField(
        "byline override",
        max_length=120,
        blank=True,
        help_text="Printed instead of the authors' names, e.g. “Staff Correspondent” or “Agencies”.",
    )
    dateline = models.CharField(
        "dateline",
        max_length=120,
        blank=True,
        help_text="Where the story was filed, e.g. “KYIV”.",
    )
    lead_image = models.ForeignKey(
        "articles.Image",
        verbose_name="lead image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="From the image library: its alt text, caption and credit travel with it. "
        "Landscape, at least 1600 px wide, reads best.",
    )
    body_images = models.ManyToManyField(
        "articles.Image",
        verbose_name="pictures in the body",
        blank=True,
        editable=False,
        related_name="in_bodies",
        help_text="The library pictures the body's figures show, filed on every save.",
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name="regions",
        blank=True,
        related_name="articles",
        help_text="Where the story happens. Region pages roll up to the regions above.",
    )
    sources = models.ManyToManyField(
        "articles.Source",
        verbose_name="sources",
        blank=True,
        related_name="articles",
        help_text="Outlets and agencies the story cites or comes from.",
    )
    tags = TaggableManager(
        verbose_name="tags",
        through=TaggedArticle,
        manager=TaggedArticle.article_tags_manager,
        blank=True,
        help_text="Topics, separated by commas. Existing tags are matched regardless of case.",
    )
    related = models.ManyToManyField(
        "self",
        verbose_name="pinned related stories",
        through="RelatedStory",
        symmetrical=False,
        blank=True,
        related_name="pinned_by",
        help_text="Shown first under “More Stories”.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published stories whose publish time has arrived are public.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="When the story goes live. A future time schedules it.",
    )
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="Never public before this time, whatever the publish time says "
        "(a source's or agency's embargo).",
    )
    first_published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        editable=False,
        help_text="When readers could first see the story (while it waits for its first "
        "publication: when they will).",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="Shown to readers as “Updated …” after a material change.",
    )
    language = models.CharField(
        "language", max_length=12, default=site_language, help_text="BCP 47 code, e.g. “en”."
    )
    version = models.PositiveIntegerField(
        "version",
        default=1,
        editable=False,
        help_text="Increases with every save; guards against lost updates.",
    )
    created_at = models.DateTimeField(
        "created", auto_now_add=True, help_text="When the story was started."
    )
    modified_at = models.DateTimeField(
        "last saved", auto_now=True, help_text="When anything was last saved."
    )
    credited = models.JSONField(
        "credited authors",
        default=list,
        blank=True,
        editable=False,
        help_text="The byline as printed, worked out when the story is saved: "
        "[{name, slug}] in order.",
    )
    reading_minutes = models.PositiveSmallIntegerField(
        "reading time",
        default=0,
        editable=False,
        help_text="Minutes to read the body, worked out when the story is saved.",
    )
    filed_names = models.TextField(
        "names filed under",
        default="",
        blank=True,
        editable=False,
        help_text="Every name and alternative name of the regions (and the regions above "
        "them), sources and tags the story is filed under, for search: written only by "
        "`articles.search.filed_names`.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that started the story.",
    )

    objects = ArticleQuerySet.as_manager()

    # Where a story stands and its bookkeeping: only workflow transitions change these, and
    # restoring old words keeps them (see `articles.workflow`). Every other column is content.
    WORKFLOW_FIELDS = (
        "id",
        "status",
        "published_at",
        "first_published_at",
        "embargo_until",
        "version",
        "created_at",
        "created_by_id",
        "modified_at",
    )
    # Worked out from the rest whenever the story is saved (`articles.stories.derived`), and
    # from its filings (`articles.search.filed_names`).
    DERIVED_FIELDS = ("credited", "reading_minutes", "filed_names")
    # The rest: what a revision restores. Filled in below the class, once its fields exist.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "article"
        verbose_name_plural = "articles"
        # The listings' indexes end with every column "public" reads, so counting, skipping to
        # page 400 or checking that a story is public reads the index alone (an index-only
        # scan), never the wide rows. (Key columns rather than INCLUDE: SQLite has no INCLUDE.)
        indexes = [
            # Every newest-first listing: the home page, feeds, tag/source/author/region pages
            # (walked newest first, each story checked against the subject's links).
            models.Index(
                fields=["status", "-published_at", "-id", "embargo_until"],
                name="article_latest_idx",
            ),
            # Section fronts: one desk's published stories, newest first, and their capped count.
            models.Index(
                fields=["section", "status", "-published_at", "-id", "embargo_until"],
                name="article_desk_idx",
            ),
            # The editors' list: every story, newest first (undated drafts on top), in the
            # list's exact order, so a page is read off the index, never sorted.
            models.Index(fields=["-published_at", "-id"], name="article_newest_idx"),
            # "Is story n public?" for stories reached through a tag, source, author or region.
            models.Index(
                fields=["id", "status", "published_at", "embargo_until", "byline_override"],
                name="article_visible_idx",
            ),
            # The public listings' cache fingerprint reads the latest save.
            models.Index(fields=["-modified_at"], name="article_modified_idx"),
            # The Google News sitemap: stories first published in the last two days.
            models.Index(fields=["status", "-first_published_at"], name="article_news_idx"),
            # The next embargo to lift (when cached public content must be recomputed).
            models.Index(fields=["embargo_until"], name="article_embargo_idx"),
            # The sitemap index dates each stories file by its newest publish time and update:
            # the first entry under the file's number in each of these.
            models.Index(
                (F("id") - 1) / STORIES_PER_SITEMAP_FILE,
                F("published_at").desc(),
                condition=Q(status=Status.PUBLISHED),
                name="article_sitemap_published_idx",
            ),
            models.Index(
                (F("id") - 1) / STORIES_PER_SITEMAP_FILE,
                F("updated_at").desc(),
                condition=Q(status=Status.PUBLISHED, updated_at__isnull=False),
                name="article_sitemap_updated_idx",
            ),
            # PostgreSQL also has a GIN full-text index for search (migration 0004).
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Sanitizing is part of what a body *is*: every write path (admin, importer, shell)
        # stores the same safe HTML, not only the ones that go through a form.
        self.body = keep_library_pictures(self.sanitize_body(self.body))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        when = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:article",
            kwargs={
                "section": self.section.slug,
                "year": f"{when.year:04d}",
                "month": f"{when.month:02d}",
                "day": f"{when.day:02d}",
                "slug": self.slug,
            },
        )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        story = super().from_db(db, field_names, values, **kwargs)
        # A cached page showing this story is forgotten when it changes (`articles.caching.keys`).
        heard(f"story-{story.pk}")
        return story

    @classmethod
    def sanitize_body(cls, html: str | None) -> str:
        """`html` as a story body is stored: through the body editor's own sanitiser (nh3 with
        exactly the markup the editor offers)."""
        field = cast(ProseEditorField, cls._meta.get_field("body"))
        return field.sanitize(html or "")

    def state_at(self, at=None) -> PublicationState:
        """Where the story stands with readers at `at` (now by default)."""
        return publication_state(self.status, self.published_at, self.embargo_until, at=at)

    @property
    def publication_state(self) -> PublicationState:
        return self.state_at()

    @property
    def is_public(self) -> bool:
        return self.publication_state == PublicationState.LIVE

    @property
    def is_embargoed(self) -> bool:
        """Whether an embargo still holds the story back (whatever its status)."""
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def goes_live_at(self):
        """When a published story becomes visible: its publish time or its embargo, if later."""
        return goes_live_at(self.status, self.published_at, self.embargo_until)

    @property
    def was_ever_public(self) -> bool:
        """Whether readers have ever been able to see the story (see `publication.py`)."""
        return was_ever_public(self.first_published_at)

    @property
    def is_gone(self) -> bool:
        """A story readers could see and no longer can: its address answers 410 Gone. Any
        other story readers cannot see answers 404, so a never-public slug stays secret."""
        return self.was_ever_public and not self.is_public

    @property
    def byline_authors(self) -> list["Credit"]:
        """The credited authors in byline order, as stored when the story was last saved."""
        return [Credit(**credit) for credit in self.credited]

    @property
    def byline(self):
        if self.byline_override:
            return self.byline_override
        names = [author.name for author in self.byline_authors]
        if len(names) > 1:
            return f"{', '.join(names[:-1])} and {names[-1]}"
        return names[0] if names else ""

    @property
    def shows_update(self):
        """Whether readers see an "Updated …" time (a material change after publication)."""
        return bool(self.updated_at and self.published_at and self.updated_at > self.published_at)


class Credit:
    """One name in a stored byline, with the address of the author's page."""

    __slots__ = ("name", "slug")

    def __init__(self, name: str, slug: str):
        self.name, self.slug = name, slug

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


Article.CONTENT_FIELDS = tuple(
    field.attname
    for field in Article._meta.concrete_fields
    if field.attname not in Article.WORKFLOW_FIELDS + Article.DERIVED_FIELDS
)
