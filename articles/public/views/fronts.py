"""The home page and the section fronts: the curated front editors arranged (`articles.fronts`)
where a page has one, else the automatic front below."""

from itertools import groupby

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from articles.fronts import LiveFront
from articles.live import showing
from articles.models import Article, Section
from articles.public.page_head import home_head
from articles.public.views.listings import StoryListView
from articles.public.views.preview import mark_private

LATEST_COUNT = 8
STORIES_PER_SECTION = 4
# Section blocks are drawn from this many newest stories, so the window function sorts a
# bounded set instead of the whole archive. A desk with nothing among them is not "front-page
# news" and gets no block; its section front still lists everything.
SECTION_BLOCK_HORIZON = 1000


class HomeFront:
    """The home page's automatic front (when editors arranged none), read only when the front
    is rendered (a cached fragment of it costs no query)."""

    @cached_property
    def recent(self) -> list[Article]:
        return list(Article.objects.published().with_cards().latest_first()[: LATEST_COUNT + 1])

    @cached_property
    def lead(self) -> Article | None:
        # The newest story with a picture among the latest, else simply the newest: a front
        # page leads with fresh news, so an old picture story never jumps the queue.
        recent = self.recent
        return next(
            (story for story in recent if story.lead_image and story.lead_image.ready),
            recent[0] if recent else None,
        )

    @cached_property
    def latest(self) -> list[Article]:
        return [story for story in self.recent if story is not self.lead][:LATEST_COUNT]

    @cached_property
    def live_key_events(self):
        return showing.key_events_now()

    @cached_property
    def section_blocks(self):
        return section_blocks(exclude=[story.pk for story in self.recent])


def home(request):
    """The home front editors arranged; without one, the lead story, the latest stories, and
    a block of recent stories for each section."""
    context = {"front": HomeFront(), "curated": LiveFront(), "head": home_head()}
    return render(request, "articles/home.html", context)


def section_blocks(*, exclude=()) -> list[tuple[Section, list[Article]]]:
    """(section, newest stories) per section, in navigation order, in two queries in all.

    One window query ranks stories within their section (ROW_NUMBER() OVER (PARTITION BY
    section)) and keeps the top few of each; the second fetches their bylines.
    """
    horizon = Article.objects.published().latest_first().values("pk")[:SECTION_BLOCK_HORIZON]
    ranked = (
        Article.objects.published()
        .filter(pk__in=horizon)
        .exclude(pk__in=list(exclude))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=STORIES_PER_SECTION)
        .with_cards()
        .order_by("section__order", "section__name", "section_id", "rank")
    )
    return [
        (stories[0].section, stories)
        for stories in (list(group) for _, group in groupby(ranked, key=lambda a: a.section_id))
    ]


def front_preview(request, front, slots, *, at=None):
    """An arrangement of `front` (unsaved `slots`) as readers would see it at `at` (now by
    default): for the editor arranging it. Never indexed, never cached."""
    context = {
        "front": front,
        "curated": LiveFront(front.section, slots=slots, at=at),
        "current_section": front.section,
        "at": at,
        "preview": True,
    }
    return mark_private(render(request, "articles/front_preview.html", context))


class SectionView(StoryListView):
    """A section front: the desk's curated front on the first page, if it has one, then its
    stories, newest first, 20 a page."""

    template_name = "articles/section.html"
    subject_name = "section"

    def get_subject(self):
        return get_object_or_404(Section, slug=self.kwargs["slug"])

    def get_stories(self, section):
        return Article.objects.published().in_section(section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(current_section=self.subject, **kwargs)
        if context["page_obj"].number == 1:
            # The desk's curated front, if editors arranged one, above its first page.
            context["curated"] = LiveFront(self.subject)
        return context
