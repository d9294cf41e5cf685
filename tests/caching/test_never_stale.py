"""Never stale, proven: for random sequences of the changes readers can see — publish, schedule
and the clock passing it, embargo and its lift, edit, correct, withdraw, re-file a section or
tags, rename and merge tags, rename an author, pin a related story, raise and lower the banner
— every public address served through the page cache (keys forgotten by `articles.changes`)
equals the same address rendered with caching off, after every step.

A hypothesis rule-based state machine on a small newsroom, with a fixed budget of examples so
that it costs the suite a few seconds.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from articles.fronts.banners import lower_banner, raise_banner
from articles.models import Article, Author, Banner, RelatedStory, Section, Tag
from articles.taxonomy.renames import rename
from articles.taxonomy.tags import merge_tags, rename_tag
from articles.workflow import (
    add_correction,
    publish,
    save_edits,
    schedule,
    set_embargo,
    unpublish,
)

STORIES = 4
WORDS = ["Grid repaired", "Cup final", "Dam burst", "Curfew lifted", "Budget passed"]


def committed(change, *args, **kwargs):
    """Run a change as in production: in its transaction, then what follows the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        with transaction.atomic():
            return change(*args, **kwargs)


def render(client, url):
    response = client.get(url)
    return response.status_code, response.get("Location", ""), response.content


class Newsroom(RuleBasedStateMachine):
    client = None
    clock = None
    editor = None
    author = None

    def __init__(self):
        super().__init__()
        # Each example starts from the stories the test set up and an empty cache.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        cache.clear()
        self.moved = timedelta(0)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.clock.shift(-self.moved)

    def story(self, n) -> Article:
        return Article.objects.order_by("pk")[n]

    def addresses(self):
        stories = [story.get_absolute_url() for story in Article.objects.order_by("pk")]
        tags = [f"/tags/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)[:3]]
        return [
            "/",
            "/world/",
            "/sports/",
            *stories,
            "/tags/",
            *tags,
            "/regions/",
            "/regions/kyiv/",
            "/sources/reuters/",
            self.author.get_absolute_url(),
            "/corrections/",
            "/feeds/latest/rss/",
            "/sitemap.xml",
            "/sitemap-news.xml",
            "/api/ninjs/",
        ]

    @invariant()
    def cached_equals_fresh(self):
        for url in self.addresses():
            served = render(self.client, url)
            with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=False):
                fresh = render(self.client, url)
            assert served == fresh, url

    @rule(n=st.integers(0, STORIES - 1))
    def publish_now(self, n):
        story = self.story(n)
        if story.status != "published":
            committed(publish, story, by=self.editor)

    @rule(n=st.integers(0, STORIES - 1), minutes=st.integers(1, 30))
    def schedule_later(self, n, minutes):
        story = self.story(n)
        if story.status != "published":
            committed(schedule, story, timezone.now() + timedelta(minutes=minutes), by=self.editor)

    @rule(n=st.integers(0, STORIES - 1), minutes=st.integers(1, 30))
    def embargo(self, n, minutes):
        story = self.story(n)
        if story.status == "published":
            committed(set_embargo, story, timezone.now() + timedelta(minutes=minutes))

    @rule(minutes=st.integers(1, 40))
    def time_passes(self, minutes):
        self.clock.shift(timedelta(minutes=minutes))
        self.moved += timedelta(minutes=minutes)

    @rule(n=st.integers(0, STORIES - 1))
    def withdraw(self, n):
        story = self.story(n)
        if story.status == "published":
            committed(unpublish, story, by=self.editor)

    @rule(n=st.integers(0, STORIES - 1), words=st.sampled_from(WORDS))
    def edit(self, n, words):
        story = self.story(n)
        story.standfirst = f"{words}, officials say."
        story.headline = f"{words} in Kyiv"
        committed(save_edits, story)

    @rule(n=st.integers(0, STORIES - 1))
    def correct(self, n):
        story = self.story(n)
        if story.is_public:
            committed(add_correction, story, "correction", "An earlier version misnamed the plant.")

    @rule(n=st.integers(0, STORIES - 1))
    def refile_section(self, n):
        story = self.story(n)
        story.section = Section.objects.exclude(pk=story.section_id).first()
        committed(save_edits, story)

    @rule(n=st.integers(0, STORIES - 1), tag=st.sampled_from(["Energy", "Football", "Grid"]))
    def retag(self, n, tag):
        story = self.story(n)

        def save_and_file():  # as the story screen does: the step, then the form's filing
            save_edits(story)
            if story.tags.filter(name=tag).exists():
                story.tags.remove(*story.tags.filter(name=tag))
            else:
                story.tags.add(tag)

        committed(save_and_file)

    @rule(words=st.sampled_from(WORDS))
    def rename_a_tag(self, words):
        tag = Tag.objects.order_by("pk").first()
        if tag is not None and not Tag.objects.filter(name=words).exists():
            committed(rename_tag, tag, words)

    @rule()
    def merge_two_tags(self):
        tags = list(Tag.objects.order_by("pk")[:2])
        if len(tags) == 2:
            committed(merge_tags, tags[0], [tags[1]], by=self.editor)

    @rule(words=st.sampled_from(WORDS))
    def rename_the_author(self, words):
        committed(rename, Author.objects.get(pk=self.author.pk), name=f"Olena {words.split()[0]}")

    @rule(n=st.integers(0, STORIES - 1), m=st.integers(0, STORIES - 1))
    def pin_related(self, n, m):
        story, pinned = self.story(n), self.story(m)
        if story.pk != pinned.pk and not story.pinned_related.filter(related=pinned).exists():

            def pin():  # as the story screen does: the step, then the form's pins
                save_edits(story)
                RelatedStory.objects.create(article=story, related=pinned, position=9)

            committed(pin)

    @rule(minutes=st.integers(1, 60), n=st.integers(0, STORIES - 1))
    def raise_the_banner(self, minutes, n):
        story = self.story(n)  # linked while published, even if waiting for its time
        banner = Banner(
            text="Air raid alert in Kyiv",
            expires_at=timezone.now() + timedelta(minutes=minutes),
            link=story if story.status == "published" else None,
        )
        committed(raise_banner, banner, by=self.editor)

    @rule()
    def lower_the_banner(self):
        for banner in Banner.objects.filter(lowered_at__isnull=True):
            committed(lower_banner, banner, by=self.editor)


@pytest.mark.usefixtures("shared_cache")
def test_it_never_serves_a_reader_a_stale_page(
    client, make_article, sports, regions, reuters, reporter_author, editor, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    make_article(
        "Power restored in Kyiv",
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author],
        tags=["Energy"],
    )
    make_article("Shakhtar win the cup final", section=sports, tags=["Football"])
    make_article("SECRET DRAFT about the grid", public=False, tags=["Energy"])
    make_article("Draft on the league", public=False, section=sports, authors=[reporter_author])
    Newsroom.client, Newsroom.clock, Newsroom.editor = client, time_machine, editor
    Newsroom.author = reporter_author
    run_state_machine_as_test(
        Newsroom,
        settings=settings(
            max_examples=3,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
