"""Migration 0010 on a database that already holds names the new keys call the same
("Straße"/"STRASSE" could be two tags on any database): they are folded into the oldest
entry, no story loses its tag or source, every old address answers 301, and the new
constraints hold."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Redirect, RegionAlias, Source, SourceMerge, Tag, TagMerge

BEFORE = [("articles", "0009_publication_state")]
# Forward to the newest migration: the test then reads pages through today's models.
AFTER = None

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _latest_schema_afterwards(transactional_db):
    # Later tests expect the whole schema back (migrated before the database is flushed).
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_it_folds_names_that_became_the_same_into_the_oldest(client):
    old = migrate(BEFORE)
    model = lambda name: old.get_model("articles", name)  # noqa: E731
    world = model("Section").objects.create(name="World", slug="world")
    an_hour_ago = timezone.now() - timedelta(hours=1)

    def story(slug):
        return model("Article").objects.create(
            headline=f"Story {slug}",
            slug=slug,
            section=world,
            byline_override="Agencies",
            status="published",
            published_at=an_hour_ago,
            first_published_at=an_hour_ago,
        )

    first, second, both = story("first"), story("second"), story("both")
    OldTag, Filed, Pin = model("Tag"), model("TaggedArticle"), model("TagPin")
    street = OldTag.objects.create(name="Straße", slug="strasse")
    shouting = OldTag.objects.create(name="STRASSE", slug="strasse-2")
    Filed.objects.create(tag=street, content_object=first)
    Filed.objects.create(tag=shouting, content_object=second)
    Filed.objects.create(tag=street, content_object=both)
    Filed.objects.create(tag=shouting, content_object=both)
    Pin.objects.create(tag=shouting, article=second, position=0)
    model("TagAlias").objects.create(tag=street, name="Maße")
    model("TagAlias").objects.create(tag=shouting, name="MASSE")
    OldSource = model("Source")
    reuters = OldSource.objects.create(name="Reuters", slug="reuters")
    duplicate = OldSource.objects.create(name="REUTERS", slug="reuters-caps")
    first.sources.add(reuters)
    second.sources.add(duplicate)
    kyiv = model("Region").objects.create(name="Kyiv", slug="kyiv", path="1/")
    model("RegionAlias").objects.create(region=kyiv, name="Kiev")
    model("RegionAlias").objects.create(region=kyiv, name="KIEV")

    migrate(AFTER)

    street = Tag.objects.get()
    assert (street.name, street.key) == ("Straße", "strasse")
    assert sorted(street.tagged_articles.values_list("content_object__slug", flat=True)) == [
        "both",
        "first",
        "second",
    ]
    assert list(street.pins.values_list("article__slug", flat=True)) == ["second"]
    assert list(street.aliases.values_list("name", flat=True)) == ["Maße"]
    record = TagMerge.objects.get()
    assert (record.into, record.merged_names, record.stories_moved) == (street, ["STRASSE"], 2)
    assert record.merged_by is None
    assert Redirect.objects.get(old_path="/tags/strasse-2/").new_path == "/tags/strasse/"
    assert client.get("/tags/strasse-2/")["Location"] == "/tags/strasse/"
    assert client.get("/feeds/tags/strasse-2/rss/")["Location"] == "/feeds/tags/strasse/rss/"

    reuters = Source.objects.get()
    assert reuters.name == "Reuters"
    assert sorted(reuters.articles.values_list("slug", flat=True)) == ["first", "second"]
    assert SourceMerge.objects.get().merged_slugs == ["reuters-caps"]
    assert client.get("/sources/reuters-caps/")["Location"] == "/sources/reuters/"

    assert list(RegionAlias.objects.values_list("name", flat=True)) == ["Kiev"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.bulk_create([Tag(name="STRASSE", slug="strasse-3")])
