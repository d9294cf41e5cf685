"""A kill always reaches the desk (issue 21, finding 4): an agency's `canceled` or `withheld`
version marks the draft in the queue and on the form, blocks publishing unless an editor
overrides it with a reason (audited), and alerts every editor while a killed story is public.
The desk never unpublishes on its own."""

import json

import pytest
from django.core.exceptions import ValidationError

from articles import workflow
from articles.models import AgencyStatus, Article, AuditAction, AuditEntry, Status, WireStory
from articles.wire import desk, ingest
from articles.wire.ingest import KILLED, NEW, REFUSED, UNCHANGED, UPDATED, ingest_copy

GUID = "cpa-2026-1204-0301"


def _version(wire_sample, **changes):
    """The first item of ninjs-3.json, as a later version with `changes`."""
    document = json.loads(wire_sample("ninjs-3.json"))["items"][0]
    return {**document, **changes}


@pytest.fixture
def wire_draft(wire_sample, wire_provider):
    ingest_copy(wire_sample("ninjs-3.json"), provider=wire_provider)
    return WireStory.objects.select_related("article").get(item_id=GUID)


def _kill(wire_sample, wire_provider, status="canceled", version="2"):
    # A kill as agencies send it: the item's ids and its status, often nothing else.
    document = _version(wire_sample, version=version, pubStatus=status)
    for field in ("headlines", "bodies", "embargoedUntil"):
        document.pop(field)
    return ingest(document, provider=wire_provider)


def test_it_marks_a_killed_draft_in_the_queue_and_on_the_form(
    wire_sample, wire_provider, wire_draft, editor_client, change_url
):
    result = _kill(wire_sample, wire_provider)

    assert result.outcome == KILLED
    wire = WireStory.objects.get(pk=wire_draft.pk)
    assert wire.agency_status == AgencyStatus.CANCELED and wire.agency_status_at
    assert wire.article.status == Status.DRAFT  # nothing else changed
    assert AuditEntry.objects.filter(article=wire.article, action=AuditAction.AGENCY_KILL).exists()
    queue = editor_client.get("/admin/articles/wirestory/?queue=killed").content.decode()
    assert "KILLED by Continental Press Agency wire" in queue
    form = editor_client.get(change_url(wire.article)).content.decode()
    assert 'class="wire-kill-banner" role="alert"' in form
    assert "Do not publish it" in form
    # The same kill again changes nothing.
    assert _kill(wire_sample, wire_provider).outcome == UNCHANGED


def test_it_blocks_publishing_until_an_editor_overrides_with_a_reason(
    wire_sample, wire_provider, wire_draft, editor, editor_client, change_url, edit_post
):
    _kill(wire_sample, wire_provider, status="withheld")
    story = wire_draft.article

    data = edit_post(story, _workflow="published")
    del data["_save"]
    refused = editor_client.post(change_url(story), data)

    assert refused.status_code == 200
    assert "withheld this story: it cannot be published" in refused.content.decode()
    assert Article.objects.get(pk=story.pk).status == Status.DRAFT
    with pytest.raises(workflow.KilledByAgency):
        workflow.publish(Article.objects.get(pk=story.pk), by=editor)
    # An override needs a reason.
    editor_client.post(f"/admin/articles/wirestory/{wire_draft.pk}/override-kill/", {})
    assert WireStory.objects.get(pk=wire_draft.pk).override_by is None
    with pytest.raises(ValidationError):
        desk.override_kill(wire_draft, by=editor, reason="  ")

    editor_client.post(
        f"/admin/articles/wirestory/{wire_draft.pk}/override-kill/",
        {"override_reason": "The agency withheld it for a name we have cleared with them."},
    )
    published = editor_client.post(change_url(story), edit_post(story, _workflow="published"))

    assert published.status_code == 302
    assert Article.objects.get(pk=story.pk).is_public
    audit = AuditEntry.objects.get(article=story, action=AuditAction.KILL_OVERRIDDEN)
    assert audit.by == editor and "cleared with them" in audit.note


def test_it_alerts_every_editor_while_a_killed_story_is_public_and_never_unpublishes(
    wire_sample, wire_provider, wire_draft, editor, make_staff, login
):
    story = wire_draft.article
    desk.take_over(wire_draft, by=editor)
    workflow.set_embargo(story, None, by=editor)
    workflow.publish(story, by=editor)

    _kill(wire_sample, wire_provider)

    assert Article.objects.get(pk=story.pk).is_public  # still out: an editor decides
    other_editor = login(make_staff("Editor", "night-editor"))
    home = other_editor.get("/admin/").content.decode()
    queue = other_editor.get("/admin/articles/wirestory/").content.decode()
    for page in (home, queue):
        assert "Killed by the agency, and still public" in page
        assert story.headline in page

    workflow.unpublish(Article.objects.get(pk=story.pk), by=editor)

    assert "Killed by the agency" not in other_editor.get("/admin/").content.decode()


def test_it_lifts_a_hold_when_the_agency_sends_a_newer_usable_version(
    wire_sample, wire_provider, wire_draft
):
    _kill(wire_sample, wire_provider, status="withheld", version="2")

    result = ingest(
        _version(wire_sample, version="3", headlines=[{"role": "main", "value": "Schools reopen"}]),
        provider=wire_provider,
    )

    assert result.outcome == UPDATED
    wire = WireStory.objects.get(pk=wire_draft.pk)
    assert wire.agency_status == AgencyStatus.USABLE
    assert not workflow.agency_block(wire.article)


def test_it_refuses_a_kill_for_an_item_it_never_had(wire_sample, wire_provider, db):
    result = _kill(wire_sample, wire_provider)
    assert result.outcome == REFUSED
    assert GUID in result.reason
    assert ingest_copy(wire_sample("ninjs-1.json"), provider=wire_provider)[0].outcome == NEW
