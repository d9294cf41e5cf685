"""The wire queue and the Wire screen in the admin: editors only, one click to take over."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, AuditEntry, WireStory
from articles.wire.ingest import ingest_copy

QUEUE = "/admin/articles/wirestory/"
INGEST = "/admin/articles/wirestory/ingest/"


@pytest.fixture
def queue(wire_sample, wire_provider):
    ingest_copy(wire_sample("ninjs-2.json"), provider=wire_provider)
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    return {wire.item_id: wire for wire in WireStory.objects.select_related("article")}


def test_it_lists_the_queue_with_urgency_for_editors(editor_client, queue):
    response = editor_client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kramatorsk schools move lessons underground" in page
    assert "2 Urgent" in page
    assert "Take over" in page
    assert "Bring in wire copy" in page


def test_it_filters_the_queue_by_urgency_provider_and_standing(editor_client, queue, wire_provider):
    urgent = editor_client.get(QUEUE, {"urgency": "urgent"}).content.decode()
    low = editor_client.get(QUEUE, {"urgency": "low"}).content.decode()
    mine = editor_client.get(QUEUE, {"provider__id__exact": wire_provider.pk}).content.decode()

    assert "Kramatorsk schools" in urgent and "Odesa port" not in urgent
    assert "Kramatorsk schools" not in low
    assert "Odesa port" in mine


def test_it_hands_a_wire_draft_to_the_editor_in_one_click(editor_client, editor, queue):
    wire = queue["cpa-2026-1204-0301"]

    response = editor_client.post(f"{QUEUE}{wire.pk}/take-over/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{wire.article_id}/change/"
    wire.refresh_from_db()
    assert wire.taken_over_by == editor
    assert AuditEntry.objects.filter(article_id=wire.article_id, action="taken_over").count() == 1
    form = editor_client.get(response["Location"]).content.decode()
    assert "is yours: edit it and publish it here." in form
    waiting = editor_client.get(QUEUE, {"queue": "waiting"}).content.decode()
    assert "Kramatorsk schools" not in waiting


def test_it_refuses_reporters_everywhere_on_the_wire_desk(reporter_client, queue, wire_provider):
    wire = queue["cpa-2026-1204-0301"]
    before = (Article.objects.count(), list(WireStory.objects.values()))

    assert reporter_client.get(QUEUE).status_code == 403
    assert reporter_client.post(f"{QUEUE}{wire.pk}/take-over/").status_code == 403
    assert reporter_client.get(INGEST).status_code == 403
    refused = reporter_client.post(
        INGEST, {"provider": wire_provider.pk, "text": "Headline\n\nBody.", "format": "auto"}
    )

    assert refused.status_code == 403
    assert (Article.objects.count(), list(WireStory.objects.values())) == before


def test_it_brings_in_uploaded_files_and_pasted_text(editor_client, wire_provider, wire_sample):
    response = editor_client.post(
        INGEST,
        {
            "provider": wire_provider.pk,
            "files": [
                SimpleUploadedFile("feed.rss", wire_sample("feed.rss")),
                SimpleUploadedFile("feed.atom", wire_sample("feed.atom")),
            ],
            "text": "Harbour reopens after storm\n\nODESA - The harbour reopened on Friday.",
            "format": "auto",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Wire copy in: 5 new, 0 updated, 0 held, 0 unchanged, 0 refused." in (
        response.content.decode()
    )
    assert WireStory.objects.count() == 5
    assert Article.objects.filter(headline="Harbour reopens after storm").exists()


def test_it_asks_for_copy_when_the_wire_screen_is_sent_empty(editor_client, wire_provider):
    response = editor_client.post(INGEST, {"provider": wire_provider.pk, "format": "auto"})

    assert response.status_code == 200
    assert "Choose files or paste some copy." in response.content.decode()
    assert WireStory.objects.count() == 0


def test_it_applies_an_update_the_agency_sent_after_takeover(
    editor_client, queue, wire_provider, wire_sample
):
    wire = queue["cpa-2026-1204-0301"]
    editor_client.post(f"{QUEUE}{wire.pk}/take-over/")
    ingest_copy(wire_sample("ninjs-3-v2.json"), provider=wire_provider)
    assert "Apply update" in editor_client.get(QUEUE).content.decode()

    response = editor_client.post(f"{QUEUE}{wire.pk}/apply-update/")

    assert response.status_code == 302
    assert "Five such classrooms" in Article.objects.get(pk=wire.article_id).body


def test_it_publishes_a_taken_over_story_from_the_save_bar_as_a_browser_posts_it(
    editor_client, queue, edit_post, change_url
):
    wire = queue["https://continental-press.example/ninjs/2026/12/04/cpa-0302"]
    editor_client.post(f"{QUEUE}{wire.pk}/take-over/")
    story = Article.objects.get(pk=wire.article_id)
    # A browser sends the change form's (empty) action menu and only the button pressed.
    data = edit_post(story, _workflow="published", **{"CHANGE_FORM-action": ""})
    del data["_save"]

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 302
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_it_draws_the_queue_in_the_same_queries_however_long_it_is(
    editor_client, wire_provider, wire_sample
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(QUEUE).status_code == 200
        return len(captured)

    ingest_copy(wire_sample("ninjs-2.json"), provider=wire_provider)
    few = queries()
    for name in ("ninjs-1.json", "ninjs-3.json", "feed.rss", "feed.atom", "lysychansk.txt"):
        ingest_copy(wire_sample(name), provider=wire_provider)

    assert WireStory.objects.count() == 10
    assert queries() == few
