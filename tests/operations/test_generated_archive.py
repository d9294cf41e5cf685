"""The benchmark's archive (`bench/generate.py`) is a newsroom the domain could have written:
every derived column and table filled by the same rules — vocabulary keys, region paths and
listings, first publication times, the archive generation — every publication state present,
and the long tail of tags a real archive has."""

import pytest
from django.db import connection
from django.db.models import Count

from articles.models import (
    ArchiveState,
    Article,
    PublicationState,
    Region,
    RegionListing,
    Source,
    Status,
    Tag,
)
from articles.models.names import name_key
from articles.stories import derived
from articles.taxonomy.regions import refresh_listings
from articles.workflow import create_story
from tests.once import built_once, generated_archive

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the generator loads with PostgreSQL's COPY"
    ),
]


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    # Generated once; each test reads (or changes) it in a savepoint of its own.
    with built_once(django_db_blocker), generated_archive(3000):
        yield


def test_it_keys_names_and_places_regions_as_the_domain_does(archive):
    for model in (Tag, Source):
        assert all(key == name_key(name) for name, key in model.objects.values_list("name", "key"))
    paths = dict(Region.objects.values_list("pk", "path"))
    for region in Region.objects.all():
        above = paths[region.parent_id] if region.parent_id else ""
        assert region.path == f"{above}{region.pk}/" and region.depth == region.path.count("/") - 1


def test_it_lists_stories_on_region_pages_as_filing_them_would(archive):
    generated = set(RegionListing.objects.values_list("region_id", "article_id"))
    refresh_listings(Article.objects.values("pk"))
    assert generated and generated == set(
        RegionListing.objects.values_list("region_id", "article_id")
    )


def test_it_dates_first_publication_as_the_workflow_does(archive):
    for story in Article.objects.only(
        "status", "published_at", "embargo_until", "first_published_at"
    ):
        if story.status == Status.PUBLISHED:
            assert story.first_published_at == story.goes_live_at
        elif story.status == Status.UNPUBLISHED:
            assert story.was_ever_public
        else:
            assert story.first_published_at is None


def test_it_holds_every_publication_state_and_a_long_tail_of_tags(archive):
    for state in PublicationState.values:
        assert Article.objects.in_state(state).exists(), state
    uses = sorted(Tag.objects.annotate(n=Count("tagged_articles")).values_list("n", flat=True))
    assert uses[-1] > 20 * uses[len(uses) // 2]  # a few huge tags over thousands of small ones
    assert ArchiveState.objects.get(pk=1).generation >= 1


def test_it_leaves_the_newsroom_writable(archive, world):
    story = create_story(Article(headline="A new story", slug="a-new-story", section=world))
    assert story.pk > Article.objects.exclude(pk=story.pk).order_by("-pk").first().pk


def test_it_stores_bylines_and_reading_times_as_a_save_would(archive):
    stories = list(Article.objects.order_by("?")[:200])
    assert any(story.credited for story in stories)
    for story in stories:
        assert story.credited == derived.credited_authors(story), story.pk
        assert story.reading_minutes == derived.reading_minutes(story.body), story.pk


def test_it_stores_filed_names_as_the_search_index_would(archive):
    from articles.search import filed_names

    sample = list(Article.objects.order_by("?").values_list("pk", "filed_names")[:200])
    filed_names.index_filings([pk for pk, _ in sample])
    written = dict(
        Article.objects.filter(pk__in=[pk for pk, _ in sample]).values_list("pk", "filed_names")
    )
    assert any(names for _, names in sample)
    for pk, names in sample:
        assert sorted(names.split()) == sorted(written[pk].split()), pk
