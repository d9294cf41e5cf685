"""Live coverage's verbs: each change recorded once, bad input refused with a clear message and
nothing stored, readers shown only what is out."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.live import entries
from articles.live.entries import LiveRefused
from articles.models import AuditAction, AuditEntry, EntryState, LiveEntry
from articles.workflow import EditConflict


def test_it_switches_a_story_into_live_coverage_once(live_story, editor):
    again = entries.start_coverage(live_story, by=editor)
    assert again == live_story.live
    assert live_story.live.started_at <= timezone.now()
    assert live_story.live.ended_at is None
    assert (
        AuditEntry.objects.filter(article=live_story, action=AuditAction.LIVE_STARTED).count() == 1
    )


def test_it_posts_an_editors_entry_sanitised_and_at_once(post, editor, live_story):
    entry = post('<p onclick="steal()">Air defence active <script>x()</script>over Kyiv</p>')
    entry.refresh_from_db()
    assert entry.state == EntryState.PUBLISHED
    assert "onclick" not in entry.body and "<script" not in entry.body
    assert "Air defence active" in entry.body
    assert entry.is_public()
    assert list(LiveEntry.objects.public()) == [entry]
    audit = AuditEntry.objects.filter(article=live_story, action=AuditAction.ENTRY_POSTED)
    assert audit.get().by == editor


def test_it_keeps_a_reporters_entry_waiting_when_coverage_needs_approval(post, reporter, editor):
    entry = post("<p>Metro stations open as shelters.</p>", by=reporter)
    assert entry.state == EntryState.SUBMITTED
    assert not LiveEntry.objects.shown().exists()
    entries.publish_entry(entry, by=editor)
    entry.refresh_from_db()
    assert entry.state == EntryState.PUBLISHED and entry.is_public()


def test_it_publishes_a_reporters_entry_when_no_approval_is_needed(
    coverage, post, reporter, editor
):
    entries.change_coverage(coverage, by=editor, needs_approval=False)
    assert post("<p>Trains delayed.</p>", by=reporter).state == EntryState.PUBLISHED


@pytest.mark.parametrize(
    ("body", "options", "message"),
    [
        ("<p>  </p><script>alert(1)</script>", {}, "An entry needs some text."),
        ("", {}, "An entry needs some text."),
        (
            "<p>Later.</p>",
            {"at": timezone.now() - timedelta(minutes=5)},
            "A scheduled entry needs a time in the future.",
        ),
    ],
)
def test_it_refuses_bad_entries_with_a_clear_message(post, body, options, message):
    with pytest.raises(LiveRefused) as refused:
        post(body, **options)
    assert message in str(refused.value)
    assert not LiveEntry.objects.exists()


def test_it_refuses_posting_to_ended_coverage(coverage, post, editor):
    entries.end_coverage(coverage, by=editor)
    with pytest.raises(LiveRefused, match="has ended"):
        post()
    assert not LiveEntry.objects.exists()
    assert coverage.has_ended()


def test_it_shows_a_scheduled_entry_only_from_its_time(post):
    entry = post("<p>Curfew begins.</p>", at=timezone.now() + timedelta(minutes=30))
    assert entry.state == EntryState.SCHEDULED
    assert not LiveEntry.objects.shown().exists()
    assert LiveEntry.objects.shown(at=timezone.now() + timedelta(hours=1)).get() == entry


def test_it_keeps_one_pinned_entry_and_refuses_pinning_a_withdrawn_one(post, editor):
    first, second = post("<p>One</p>"), post("<p>Two</p>")
    entries.pin_entry(first, by=editor)
    entries.pin_entry(second, by=editor)
    assert list(LiveEntry.objects.filter(pinned=True)) == [second]
    entries.withdraw_entry(first, by=editor)
    with pytest.raises(LiveRefused, match="withdrawn entry cannot be pinned"):
        entries.pin_entry(first, by=editor)
    first.refresh_from_db()
    assert not first.pinned


def test_it_shows_corrections_and_keeps_them(post, editor):
    entry = post("<p>Three people were injured.</p>")
    correction = entries.correct_entry(
        entry,
        "An earlier version said three people were injured; it was two.",
        body="<p>Two people were injured.</p>",
        by=editor,
    )
    entry.refresh_from_db()
    assert "Two people" in entry.body
    assert list(entry.corrections.all()) == [correction]
    assert entry.updated_at == correction.created_at


def test_it_leaves_a_public_note_where_an_entry_was_withdrawn(post, editor):
    entry = post("<p>Unconfirmed report.</p>")
    entries.pin_entry(entry, by=editor)
    entries.withdraw_entry(entry, "Withdrawn: the report could not be confirmed.", by=editor)
    entry.refresh_from_db()
    assert entry.state == EntryState.WITHDRAWN and not entry.pinned
    assert entry.withdrawn_note == "Withdrawn: the report could not be confirmed."
    assert list(LiveEntry.objects.shown()) == [entry]
    assert not LiveEntry.objects.public().exists()


def test_it_holds_the_edit_conflict_check_when_two_editors_correct_at_once(post, editor):
    entry = post("<p>Bridge closed.</p>")
    seen = entry.version
    entries.correct_entry(
        entry, "The bridge is closed both ways.", by=editor, expected_version=seen
    )
    stale = LiveEntry.objects.get(pk=entry.pk)
    with pytest.raises(EditConflict):
        entries.correct_entry(stale, "Second fix", by=editor, expected_version=seen)
    assert entry.corrections.count() == 1


def test_it_leaves_changing_published_entries_to_editors(post, reporter):
    entry = post()
    with pytest.raises(PermissionDenied):
        entries.edit_entry(entry, "<p>Changed</p>", by=reporter)
    with pytest.raises(PermissionDenied):
        entries.pin_entry(entry, by=reporter)
    entry.refresh_from_db()
    assert "Sirens" in entry.body and not entry.pinned


def test_it_marks_key_events_with_a_short_title(post, editor):
    entry = post()
    with pytest.raises(LiveRefused, match="at most 80"):
        entries.mark_key_event(entry, "x" * 81, by=editor)
    entries.mark_key_event(entry, "Air raid alert", by=editor)
    entry.refresh_from_db()
    assert entry.key_event and entry.key_title == "Air raid alert"


def test_it_breaks_an_entry_out_into_a_linked_draft_story(post, editor, live_story):
    entry = post("<p>The dam was hit.</p>")
    story = entries.breakout_entry(entry, "Dam hit in overnight strike", by=editor)
    entry.refresh_from_db()
    assert entry.breakout == story and story.broken_out_of.get() == entry
    assert story.status == "draft" and story.section == live_story.section
    assert "The dam was hit." in story.body
    with pytest.raises(LiveRefused, match="broken out already"):
        entries.breakout_entry(entry, "Again", by=editor)


def test_it_does_not_move_the_storys_edit_counter(post, live_story):
    version = live_story.version
    post()
    live_story.refresh_from_db()
    assert live_story.version == version
