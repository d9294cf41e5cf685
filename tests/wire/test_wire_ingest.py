"""Ingest: agency copy in every format becomes drafts once, updates as revisions, and never
overwrites an editor's work."""

import importlib
import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection
from reversion.models import Version

from articles.models import (
    Article,
    AuditEntry,
    Region,
    RegionAlias,
    RegionKind,
    RelatedStory,
    Source,
    SourceAlias,
    Status,
    WireStory,
)
from articles.wire import desk
from articles.wire.ingest import HELD, NEW, REFUSED, UNCHANGED, UPDATED, ingest_copy

SAMPLES = ["ninjs-1.json", "ninjs-2.json", "ninjs-3.json", "feed.rss", "feed.atom", "email.txt"]


def _ingest_all(wire_sample, provider):
    outcomes = []
    for name in SAMPLES:
        outcomes += [result.outcome for result in ingest_copy(wire_sample(name), provider=provider)]
    return outcomes


def test_it_takes_every_format_in_once_however_often_it_is_sent(wire_sample, wire_provider):
    first = _ingest_all(wire_sample, wire_provider)
    # ninjs 1 + 2 + 2 (the picture is refused) + RSS 2 + Atom 2 + email 1.
    assert first.count(NEW) == 10
    assert first.count(REFUSED) == 1
    stories = Article.objects.count()

    second = _ingest_all(wire_sample, wire_provider)

    assert second.count(UNCHANGED) == 10
    assert second.count(NEW) == 0
    assert Article.objects.count() == stories == 10
    assert WireStory.objects.count() == 10
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert not Article.objects.published().exists()


def test_it_files_wire_drafts_as_the_agency_s_copy(wire_sample, wire_provider, regions):
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)

    wire = WireStory.objects.get(item_id="cpa-2026-1204-0301")  # the agency's altIds GUID
    story = wire.article
    assert story.headline == "Kramatorsk schools move lessons underground as winter term begins"
    assert story.standfirst.startswith("Three basement classrooms open")
    assert story.byline == "Continental Press Agency staff"  # the agency's own byline
    assert story.dateline == "KRAMATORSK"
    assert story.section == wire_provider.section
    assert list(story.sources.all()) == [wire_provider.source]
    assert story.embargo_until == datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    assert wire.urgency == 2
    # Pre-selected from the text and the agency's places, for the editor to confirm.
    assert {r.name for r in story.regions.all()} == {"Kramatorsk", "Donetsk Oblast"}
    assert {entry["name"] for entry in wire.preselected["regions"]} == {
        "Kramatorsk",
        "Donetsk Oblast",
    }
    assert story.body.startswith("<p>Children in Kramatorsk began the winter term")
    # Its revisions: created and filed by the wire desk, then embargoed.
    revisions = Version.objects.get_for_object(story).order_by("pk").select_related("revision")
    assert [v.revision.comment for v in revisions] == [
        "Filed by the wire desk",  # created and filed in one revision
        "Embargoed",
    ]
    filed = revisions[1].field_dict
    assert set(filed["regions"]) == set(story.regions.values_list("pk", flat=True))
    assert filed["sources"] == [wire_provider.source.pk]


def test_it_updates_a_waiting_draft_with_a_newer_version_as_a_revision(wire_sample, wire_provider):
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    story = WireStory.objects.get(item_id="cpa-2026-1204-0301").article
    revisions = Version.objects.get_for_object(story).count()

    [result] = ingest_copy(wire_sample("ninjs-3-v2.json"), provider=wire_provider)
    [again] = ingest_copy(wire_sample("ninjs-3-v2.json"), provider=wire_provider)
    [older] = ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)[:1]

    assert (result.outcome, again.outcome, older.outcome) == (UPDATED, UNCHANGED, UNCHANGED)
    story.refresh_from_db()
    assert "Five such classrooms" in story.body
    assert story.standfirst.startswith("Five basement classrooms")
    assert Article.objects.filter(headline__startswith="Kramatorsk schools").count() == 1
    assert Version.objects.get_for_object(story).count() == revisions + 1
    assert WireStory.objects.get(item_id="cpa-2026-1204-0301").version == "2"


def test_it_keeps_an_update_beside_a_story_an_editor_took_over(wire_sample, wire_provider, editor):
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    wire = WireStory.objects.get(item_id="cpa-2026-1204-0301")
    desk.take_over(wire, by=editor)
    assert AuditEntry.objects.filter(article=wire.article, action="taken_over", by=editor).exists()

    [result] = ingest_copy(wire_sample("ninjs-3-v2.json"), provider=wire_provider)

    assert result.outcome == HELD
    story = Article.objects.get(pk=wire.article_id)
    assert "Three such classrooms" in story.body  # the editor's copy is untouched
    wire.refresh_from_db()
    assert wire.update_version == "2"
    assert "Five such classrooms" in wire.update["body_html"]
    assert list(WireStory.objects.with_updates()) == [wire]

    desk.apply_update(wire, by=editor)

    story.refresh_from_db()
    assert "Five such classrooms" in story.body
    wire.refresh_from_db()
    assert (wire.update_version, wire.version) == ("", "2")


def test_it_never_writes_over_a_story_an_editor_edited_or_published(
    wire_sample, wire_provider, editor
):
    from articles.workflow import publish

    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    story = WireStory.objects.get(item_id="cpa-2026-1204-0301").article
    publish(story, by=editor)

    [result] = ingest_copy(wire_sample("ninjs-3-v2.json"), provider=wire_provider)

    assert result.outcome == HELD
    story.refresh_from_db()
    assert "Three such classrooms" in story.body


def test_it_turns_machine_translated_copy_into_a_clean_filed_draft(
    wire_sample, wire_provider, regions, make_article
):
    lysychansk = Region.objects.create(
        name="Lysychansk", slug="lysychansk", kind=RegionKind.CITY, parent=regions["luhansk"]
    )
    RegionAlias.objects.create(region=lysychansk, name="Lisichansk")
    RegionAlias.objects.create(region=regions["luhansk"], name="Lugansk region")
    RegionAlias.objects.create(region=regions["donetsk"], name="Donetsk region")
    governor = Source.objects.create(name="Serhiy Haidai", slug="serhiy-haidai", kind="person")
    SourceAlias.objects.create(source=governor, name="Serhiy Gaidai")
    metro = make_article("Kyiv metro reopens after repairs", slug="kyiv-metro")
    make_article("Markets steady as investors wait for data", slug="markets", public=False)

    [result] = ingest_copy(wire_sample("lysychansk.txt"), provider=wire_provider)

    assert result.outcome == NEW
    story = result.article
    wire = story.wire_copy
    assert story.headline == "Ukrainian forces leave Lisichansk, governor of Lugansk region says"
    assert story.dateline == "LISICHANSK"
    assert wire.urgency == 2  # "URGENT"
    # Hard wraps reflowed: one paragraph per paragraph, sentences whole.
    assert story.body.count("<p>") == 4
    assert (
        "<p>Ukrainian troops have withdrawn from the city of Lisichansk in the Lugansk region "
        "after weeks of heavy fighting, the governor of the region, Serhiy Haidai, said on "
        "Sunday. The decision was taken to save the lives of the defenders, he said.</p>"
        "<p>Russian forces had shelled the city day and night for more than a month"
    ) in story.body
    # Trailer and stray symbols gone.
    assert "More Stories" not in story.body
    assert "Markets steady" not in story.body
    assert "■" not in story.body
    # Every spelling leads to the house's regions, the governor is a source, and the trailer's
    # published story is pinned (the unpublished one is not offered).
    assert {r.name for r in story.regions.all()} >= {
        "Lysychansk",
        "Luhansk Oblast",
        "Kyiv",
        "Donetsk Oblast",
    }
    assert governor in story.sources.all()
    assert wire_provider.source in story.sources.all()
    assert list(RelatedStory.objects.filter(article=story).values_list("related", flat=True)) == [
        metro.pk
    ]
    assert wire.preselected["related"] == [{"id": metro.pk, "name": metro.headline}]
    assert not Article.objects.published().filter(pk=story.pk).exists()


def test_it_refuses_copy_that_is_not_a_story(wire_provider):
    results = ingest_copy(b"   \n\n", provider=wire_provider)
    results += ingest_copy(b'{"uri": "urn:x:1", "type": "text"}', provider=wire_provider)
    results += ingest_copy(
        b'{"uri": "urn:x:2", "headline": "Cancelled", "body_text": "x", "pubstatus": "canceled"}',
        provider=wire_provider,
    )
    results += ingest_copy(b"<rss><channel><item></item>", provider=wire_provider)

    assert {result.outcome for result in results} == {REFUSED}
    assert Article.objects.count() == 0


def test_it_keeps_the_items_done_when_a_batch_breaks_and_finishes_on_a_rerun(
    wire_sample, wire_provider, monkeypatch
):
    ingest = importlib.import_module("articles.wire.ingest")
    real = ingest._create
    calls = []

    def breaks_on_second(clean, fingerprint, provider):
        calls.append(clean.item_id)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real(clean, fingerprint, provider)

    monkeypatch.setattr(ingest, "_create", breaks_on_second)
    with pytest.raises(RuntimeError):
        ingest_copy(wire_sample("ninjs-2.json"), provider=wire_provider)
    assert Article.objects.count() == 1
    assert WireStory.objects.count() == 1

    monkeypatch.setattr(ingest, "_create", real)
    outcomes = [r.outcome for r in ingest_copy(wire_sample("ninjs-2.json"), provider=wire_provider)]

    assert outcomes == [UNCHANGED, NEW]
    assert Article.objects.count() == WireStory.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent writers (SQLite lets one writer in at a time)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_takes_an_item_in_once_when_two_polls_overlap(wire_sample, wire_provider, monkeypatch):
    ingest = importlib.import_module("articles.wire.ingest")
    real_file = ingest.file_draft

    def slow_file(*args, **kwargs):
        time.sleep(0.3)  # both runs are past "is it here yet?" before either writes it
        return real_file(*args, **kwargs)

    monkeypatch.setattr(ingest, "file_draft", slow_file)
    start, outcomes = threading.Barrier(2), []

    def run():
        start.wait()
        try:
            outcomes.extend(
                r.outcome for r in ingest_copy(wire_sample("ninjs-1.json"), provider=wire_provider)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [NEW, UNCHANGED]
    assert Article.objects.count() == WireStory.objects.count() == 1


def test_it_finds_a_published_wire_story_by_every_spelling(
    client, wire_sample, wire_provider, regions, editor
):
    """The whole desk: machine-translated copy in, taken over, published; then a reader's
    search by the house spelling or by the agency's finds it, once."""
    from articles.workflow import publish

    lysychansk = Region.objects.create(
        name="Lysychansk", slug="lysychansk", kind=RegionKind.CITY, parent=regions["luhansk"]
    )
    RegionAlias.objects.create(region=lysychansk, name="Lisichansk")
    RegionAlias.objects.create(region=regions["luhansk"], name="Lugansk")
    governor = Source.objects.create(name="Serhiy Haidai", slug="serhiy-haidai", kind="person")
    SourceAlias.objects.create(source=governor, name="Sergei Gaidai")
    [result] = ingest_copy(wire_sample("lysychansk.txt"), provider=wire_provider)
    desk.take_over(result.article.wire_copy, by=editor)
    publish(Article.objects.get(pk=result.article.pk), by=editor)

    headline = "Ukrainian forces leave Lisichansk, governor of Lugansk region says"
    for words in ("Lysychansk", "Lisichansk", "Luhansk", "Lugansk", "Haidai", "Gaidai"):
        page = client.get("/search/", {"q": words}).content.decode()
        assert page.count(f">{headline}</a>") == 1, words
