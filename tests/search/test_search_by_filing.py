"""Search by place, source and person: a story is found by every name and alternative name of
the regions it is filed under (and the regions above them and their groupings), its sources,
the people it cites and its tags — kept up to date when filings or names change. Runs on
SQLite and, with DATABASE_URL set, on PostgreSQL's stored search document."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from articles.models import (
    Article,
    Region,
    RegionAlias,
    RegionKind,
    Source,
    SourceAlias,
    SourceKind,
    Tag,
    TagAlias,
)
from articles.search.filed_names import names_changed
from articles.taxonomy.regions import file_story
from articles.taxonomy.renames import rename
from articles.taxonomy.sources import merge_sources


def found(response):
    """The headlines on a results page, in order."""
    assert response.status_code == 200
    chunks = response.content.decode().split('class="card__headline"><a href="')[1:]
    return [chunk.split('">', 1)[1].split("</a>", 1)[0] for chunk in chunks]


def region_form(region, *aliases):
    """The region admin's form as an editor sends it, with new alternative names."""
    data = {
        "name": region.name,
        "slug": region.slug,
        "kind": region.kind,
        "parent": region.parent_id or "",
        "geonames_uri": "",
        "description": "",
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": "0",
    }
    for n, alias in enumerate(aliases):
        data[f"aliases-{n}-name"] = alias
    return data


@pytest.fixture
def run_worker(monkeypatch):
    """What `manage.py db_worker` does in production: run every queued task, then stop. Here
    it shares the test's transaction, so it must not recycle the connection as it would."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def lysychansk(regions):
    city = Region.objects.create(
        name="Lysychansk", slug="lysychansk", kind=RegionKind.CITY, parent=regions["luhansk"]
    )
    RegionAlias.objects.create(region=city, name="Lisichansk")
    return city


@pytest.fixture
def haidai(db):
    person = Source.objects.create(
        name="Serhiy Haidai", slug="serhiy-haidai", kind=SourceKind.PERSON, role="Governor"
    )
    SourceAlias.objects.create(source=person, name="Sergei Gaidai")
    return person


@pytest.fixture
def wire_story(make_article, lysychansk, haidai):
    """Machine-translated copy in other spellings, filed by an editor under house names."""
    return make_article(
        "Shelling reported near Lisichansk",
        standfirst="The governor said two people were hurt.",
        body="<p>According to Gaidai, the strikes hit the Lisichansk refinery.</p>",
        regions=[lysychansk],
        sources=[haidai],
        tags=["Energy"],
    )


def search(client, words):
    return found(client.get("/search/", {"q": words}))


def test_it_finds_a_story_by_the_house_spelling_of_where_it_is_filed(client, wire_story):
    assert search(client, "Lysychansk") == [wire_story.headline]


def test_it_finds_a_story_by_every_name_of_the_regions_above_it(client, wire_story):
    # Luhansk Oblast (also "Lugansk Oblast"), Ukraine, and the Donbas grouping.
    for words in ("Lugansk", "Luhansk", "Ukraine", "Donbas"):
        assert search(client, words) == [wire_story.headline], words


def test_it_finds_a_story_by_its_people_sources_and_tags(client, wire_story, reuters):
    for words in ("Serhiy Haidai", "Haidai", "Gaidai", "Energy"):
        assert search(client, words) == [wire_story.headline], words


def test_it_finds_nothing_by_names_of_unpublished_stories(client, make_article, lysychansk):
    make_article("Quiet day", regions=[lysychansk], public=False)

    assert search(client, "Lysychansk") == []


def test_it_refreshes_the_names_when_the_editor_refiles_the_story(client, wire_story, regions):
    file_story(wire_story, [regions["kyiv"]])

    assert search(client, "Kiev") == [wire_story.headline]
    assert search(client, "Donbas") == []


def test_it_refreshes_stories_in_the_background_when_an_alternative_name_is_added(
    client, editor_client, wire_story, regions, run_worker
):
    luhansk = regions["luhansk"]
    response = editor_client.post(
        f"/admin/articles/region/{luhansk.pk}/change/", region_form(luhansk, "Luganskaya")
    )
    assert response.status_code == 302
    # The editor's request only queued the work: the story is not found by the name yet.
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert search(client, "Luganskaya") == []

    run_worker()

    assert search(client, "Luganskaya") == [wire_story.headline]


def test_it_refreshes_stories_when_a_region_is_renamed(client, wire_story, lysychansk, run_worker):
    rename(lysychansk, name="Lysychansk City")
    run_worker()

    assert search(client, "City") == [wire_story.headline]


def test_it_refreshes_stories_when_sources_are_merged(client, wire_story, haidai, run_worker):
    duplicate = Source.objects.create(name="S. Haidai", slug="s-haidai", kind=SourceKind.PERSON)
    merge_sources(duplicate, [haidai])
    run_worker()

    # The story now cites the surviving entry, still found by the merged spellings.
    assert search(client, "Gaidai") == [wire_story.headline]


def test_it_forgets_the_names_of_a_deleted_tag(client, wire_story, run_worker):
    from articles.taxonomy.renames import delete_entries

    tag = Tag.objects.get(name="Energy")
    TagAlias.objects.create(tag=tag, name="Power supply")
    names_changed(tag)
    run_worker()
    assert search(client, "supply") == [wire_story.headline]

    delete_entries(Tag.objects.filter(pk=tag.pk))

    assert search(client, "supply") == []


def test_it_rewrites_every_story_filed_under_a_name_in_batches(regions, make_article, settings):
    from articles.search import filed_names

    stories = [make_article(regions=[regions["kyiv"]], public=False) for _ in range(5)]
    Article.objects.update(filed_names="")
    settings_batch, filed_names.BATCH = filed_names.BATCH, 2
    try:
        written = filed_names.reindex_filed_under.call("region", regions["ukraine"].pk)
    finally:
        filed_names.BATCH = settings_batch

    assert written == 5
    for story in Article.objects.filter(pk__in=[s.pk for s in stories]):
        assert "Kiev" in story.filed_names and "Ukraine" in story.filed_names


def test_it_searches_in_a_fixed_number_of_queries(
    client, make_article, lysychansk, django_assert_num_queries
):
    def queries_for(count):
        for _ in range(count):
            make_article("Night raid", regions=[lysychansk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": "Lugansk", "page": 1}).status_code == 200
        return len(captured)

    few = queries_for(3)
    many = queries_for(27)
    assert few == many <= 5
