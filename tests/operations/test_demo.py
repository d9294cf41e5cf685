"""The demo newsroom loader (`manage.py load_demo`): content, idempotency, logins, pictures.

The demo is loaded once for the module (`demo`) and each test reads or changes it in its own
savepoint; tests that need an empty newsroom are in test_demo_command.py."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from articles.demo import picture_desk
from articles.demo.content import LOGINS
from articles.demo.loader import HOME_LEAD, SCHEDULED_LEAD
from articles.demo.stories import STORIES
from articles.fronts import ArrangementState, front_of, history
from articles.models import (
    Arrangement,
    Article,
    ArticleAuthor,
    Author,
    Correction,
    CoverageStatus,
    Event,
    EventStatus,
    Front,
    LineState,
    PlanLine,
    Region,
    RegionAlias,
    RelatedStory,
    Section,
    Slot,
    Source,
    Status,
    Tag,
    TaggedArticle,
    WireStory,
)
from articles.stories.related import related_stories
from tests.once import built_once

pytestmark = pytest.mark.django_db

COUNTED = [
    Arrangement,
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Front,
    Region,
    RegionAlias,
    Region.members.through,
    RelatedStory,
    Section,
    Slot,
    Source,
    Tag,
    TaggedArticle,
    Article.regions.through,
    Article.sources.through,
]


@pytest.fixture(autouse=True)
def _local_site(settings):
    # The command refuses to create demo accounts unless the site runs in local (DEBUG) mode.
    settings.DEBUG = True
    # Hashing four demo passwords with the production hasher is slow and not what is tested.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo newsroom, loaded once for the tests that only read it; the loader's output."""
    from django.test import override_settings

    with (
        built_once(django_db_blocker),
        override_settings(
            DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
    ):
        yield load_demo("--no-images")


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", "--quiet", *args, stdout=out)
    return out.getvalue()


def row_counts():
    User = get_user_model()
    counts = {model._meta.label: model.objects.count() for model in COUNTED}
    counts["users"] = User.objects.count()
    counts["group memberships"] = User.groups.through.objects.count()
    return counts


def test_it_loads_a_realistic_newsroom(demo):

    assert Article.objects.count() >= 40
    assert Section.objects.count() >= 4
    assert Section.objects.filter(name="World").exists()
    assert Source.objects.count() >= 6
    assert Source.objects.values("kind").distinct().count() >= 6
    assert Tag.objects.count() >= 30
    assert Tag.objects.exclude(description="").count() >= 5
    assert Author.objects.exclude(bio="").exclude(role="").count() >= 5
    assert Region.objects.filter(depth=2).exists()
    assert Region.objects.get(slug="lysychansk").ancestor_ids() == [
        Region.objects.get(slug="ukraine").pk,
        Region.objects.get(slug="luhansk-oblast").pk,
    ]
    donbas = Region.objects.get(slug="donbas")
    assert donbas.is_grouping
    assert set(donbas.members.values_list("slug", flat=True)) == {
        "donetsk-oblast",
        "luhansk-oblast",
    }
    assert RegionAlias.objects.filter(name="Kiev", region__slug="kyiv").exists()
    assert RegionAlias.objects.filter(name="Lisichansk").exists()


def test_it_publishes_schedules_and_withdraws_through_the_publishing_rules(demo):
    now = timezone.now()

    public = Article.objects.published()
    assert public.count() >= 30
    assert Article.objects.filter(status=Status.DRAFT, published_at=None).count() >= 3
    scheduled = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    assert scheduled.count() >= 2
    assert not public.filter(pk__in=scheduled).exists()
    withdrawn = Article.objects.get(status=Status.UNPUBLISHED)
    assert withdrawn.first_published_at is not None
    # Published over about three weeks, each with its first publication time recorded.
    oldest = public.order_by("published_at").first()
    assert (now - oldest.published_at).days >= 14
    for article in public:
        assert article.first_published_at == article.published_at


def test_it_gives_stories_bylines_places_sources_tags_and_structure(demo):

    article = Article.objects.get(slug="kyiv-air-defences-intercept-drones")
    assert article.byline == "Olena Kovalenko"
    assert article.dateline == "KYIV"
    assert list(article.regions.values_list("slug", flat=True)) == ["kyiv"]
    for tag in ("<h2>", "<blockquote>", "<ul>", "<li>"):
        assert tag in article.body
    assert Article.objects.filter(byline_override="Agencies").exists()
    assert Article.objects.filter(byline_override="Staff Correspondent").exists()
    two_authors = ArticleAuthor.objects.filter(position=1).values("article")
    assert Article.objects.filter(pk__in=two_authors).count() >= 2
    # The newsroom's own stories (wire copy in the queue is the agencies', untagged).
    own = Article.objects.filter(wire_copy__isnull=True)
    for story in own.prefetch_related("regions", "tags", "sources"):
        assert 1 <= len(story.regions.all()) <= 3, story.slug
        assert 1 <= len(story.tags.all()) <= 5, story.slug
        assert len(story.sources.all()) <= 3, story.slug


def test_it_pins_related_stories_and_records_corrections(demo):

    article = Article.objects.get(slug="kramatorsk-families-ordered-to-leave")
    shown = [story.slug for story in related_stories(article)]
    assert shown[:3] == [
        "pressure-mounts-around-pokrovsk",
        "donbas-demining-before-sowing",
        "sloviansk-water-supply-restored",
    ]
    assert set(Correction.objects.values_list("kind", flat=True)) == {
        "correction",
        "clarification",
        "update",
    }
    updated = Article.objects.get(corrections__kind="update")
    assert updated.shows_update


def test_it_changes_nothing_when_run_again(demo):
    first = demo
    counts = row_counts()
    last_saved = Article.objects.aggregate(Max("modified_at"), Max("version"))

    second = load_demo("--no-images")

    assert row_counts() == counts
    assert Article.objects.aggregate(Max("modified_at"), Max("version")) == last_saved
    assert "created" in first
    assert "nothing changed" in second


def test_it_prints_the_demo_logins_every_time(demo):
    for output in (demo, load_demo("--no-images")):
        assert "local development only" in output
        for username, password, _, _ in LOGINS:
            assert username in output
            assert password in output


def test_it_puts_demo_users_in_their_groups_and_they_can_sign_in(demo, client):
    User = get_user_model()

    for username, password, group, _ in LOGINS:
        user = User.objects.get(username=username)
        assert user.is_staff
        if group:
            assert list(user.groups.values_list("name", flat=True)) == [group]
        else:
            assert user.is_superuser
        assert client.login(username=username, password=password), username
        client.logout()
    assert Author.objects.get(user__username="reporter").articles.exists()


def test_it_draws_lead_images_into_the_library_with_renditions_and_author_photos(demo, monkeypatch):
    assert not Article.objects.filter(lead_image__isnull=False).exists()
    # Three stories exercise the whole path; all fifty would cost the suite half a minute.
    illustrated = STORIES[:3]
    monkeypatch.setattr(picture_desk, "STORIES", illustrated)

    output = load_demo()

    assert "3 lead images" in output
    stories = Article.objects.filter(slug__in=[story.slug for story in illustrated])
    for article in stories.select_related("lead_image"):
        image = article.lead_image
        assert (image.width, image.height, image.format) == (1600, 900, "JPEG")
        assert image.alt_text.startswith("Abstract illustration")
        assert image.credit == "Illustration: Newsroom demo"
        assert image.ready
        assert all(default_storage.exists(r["name"]) for r in image.renditions["files"])
    for author in Author.objects.select_related("photo"):
        assert author.photo.ready and author.photo.alt_text == author.name
    # Originals are private: nothing but renditions in the public media folder.
    media = Path(settings.MEDIA_ROOT)
    files = sorted(path for path in media.rglob("*") if path.is_file())
    assert files and all(path.relative_to(media).parts[0] == "renditions" for path in files)

    assert "nothing changed" in load_demo()
    assert sorted(path for path in media.rglob("*") if path.is_file()) == files


def test_it_arranges_the_home_front_with_a_pinned_lead_and_a_scheduled_swap(demo, client):
    records = history(front_of(None))
    assert [record.state for record in records] == [
        ArrangementState.SCHEDULED,
        ArrangementState.LIVE,
    ]
    scheduled, live = (record.arrangement for record in records)
    lead = Article.objects.get(slug=HOME_LEAD)
    assert live.slots.get(kind="lead").story == lead
    assert scheduled.slots.get(kind="lead").story.slug == SCHEDULED_LEAD
    assert scheduled.goes_live_at == Article.objects.get(slug=SCHEDULED_LEAD).goes_live_at
    # The pin shows: the lead is not simply the newest story.
    newest = Article.objects.published().latest_first().first()
    assert newest != lead
    html = client.get("/").content.decode()
    assert f'class="front-lead__headline"><a href="{lead.get_absolute_url()}">' in html


def test_it_fills_the_wire_queue_with_copy_in_every_format(demo):

    queue = WireStory.objects.select_related("article", "provider")
    assert queue.count() >= 70
    item_ids = list(queue.values_list("item_id", flat=True))
    assert (
        sum(item.startswith("https://continental-press.example/ninjs/") for item in item_ids) >= 16
    )
    assert sum(item.startswith("cpa-demo-") for item in item_ids) >= 8  # ninjs 3.x GUIDs
    assert sum(item.startswith("text:") for item in item_ids) >= 24
    assert sum(item.startswith("meridian-demo-") for item in item_ids) == 12  # RSS
    assert sum(item.startswith("tag:ebs.example") for item in item_ids) == 12  # Atom
    assert queue.in_queue().count() >= 60
    assert queue.with_updates().count() == 1
    assert queue.killed().count() == 1  # the agency killed one waiting in the queue
    assert queue.filter(urgency=1).exists()
    assert queue.filter(article__embargo_until__isnull=False).exists()
    assert not Article.objects.published().filter(wire_copy__isnull=False).exists()
    translated = queue.get(headline__startswith="Ukrainian forces leave Lisichansk")
    assert "lysychansk" in translated.article.regions.values_list("slug", flat=True)
    assert translated.preselected["related"]  # the trailer names one of our stories


def test_it_loads_a_days_budget_with_coverage_in_every_state(demo):
    # The planning desk's day: coverage in every state, a postponed event whose line says so.
    today = PlanLine.objects.filter(planned_on=timezone.localdate()).prefetch_related("coverages")
    statuses = {c.status for line in today for c in line.coverages.all()}
    assert statuses == set(CoverageStatus.values)
    assert {line.state for line in today} >= {
        LineState.IDEA,
        LineState.ASSIGNED,
        LineState.IN_PROGRESS,
        LineState.FILED,
        LineState.PUBLISHED,
    }
    postponed = Event.objects.get(status=EventStatus.POSTPONED)
    assert (
        PlanLine.objects.get(events=postponed).notice == "Event postponed: The minister is abroad"
    )
    assert Event.objects.exclude(recurrence="").exists()


def test_it_covers_one_story_live_with_a_pinned_entry_and_key_events(demo, client):
    from articles.models import LiveEntry

    shown = LiveEntry.objects.shown()
    assert shown.count() >= 20
    assert shown.filter(pinned=True).count() == 1
    assert shown.filter(key_event=True).count() >= 3
    assert shown.filter(corrections__isnull=False).exists()
    story = shown.first().coverage.article
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Latest updates" in page and "Key events" in page and "Alert over" in page
