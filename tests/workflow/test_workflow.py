"""The editorial workflow as domain functions: states, who may move a story, the audit trail,
embargoes, first publication, and the addresses a published story leaves behind."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from articles.desk.previews import preview_url
from articles.models import Article, AuditEntry, Author, Status
from articles.staff.roles import EDITOR
from articles.workflow import (
    TransitionNotAllowed,
    add_correction,
    may_edit,
    move_to_status,
    publish,
    return_to_draft,
    rules,
    set_embargo,
    submit_for_review,
    unpublish,
)
from articles.workflow.revisions import article_versions


@pytest.fixture
def own_draft(draft, reporter):
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)
    return Article.objects.get(pk=draft.pk)


def steps(article):
    return [
        (entry.action, entry.by.username if entry.by else None)
        for entry in AuditEntry.objects.filter(article=article).order_by("at", "pk")
    ]


def test_it_walks_a_story_through_every_state_and_records_who(own_draft, reporter, editor):
    submit_for_review(own_draft, by=reporter)
    return_to_draft(own_draft, by=editor)
    submit_for_review(own_draft, by=reporter)
    publish(own_draft, by=editor)
    unpublish(own_draft, by=editor)
    return_to_draft(own_draft, by=editor)

    assert Article.objects.get(pk=own_draft.pk).status == Status.DRAFT
    assert steps(own_draft) == [
        ("created", None),
        ("submitted", "reporter"),
        ("returned", "editor"),
        ("submitted", "reporter"),
        ("published", "editor"),
        ("unpublished", "editor"),
        ("returned", "editor"),
    ]


def test_it_records_a_scheduled_publication_with_its_time(draft, editor):
    publish(draft, at=timezone.now() + timedelta(hours=3), by=editor)
    entry = AuditEntry.objects.get(article=draft, action="scheduled")
    assert entry.action == "scheduled" and entry.note.startswith("for ")
    assert not Article.objects.get(pk=draft.pk).is_public


def test_it_refuses_reporters_the_editors_steps(own_draft, reporter, published):
    with pytest.raises(PermissionDenied):
        publish(own_draft, by=reporter)
    with pytest.raises(PermissionDenied):
        unpublish(published, by=reporter)
    assert Article.objects.get(pk=own_draft.pk).status == Status.DRAFT
    assert Article.objects.get(pk=published.pk).is_public
    assert not AuditEntry.objects.filter(by=reporter).exists()


def test_it_refuses_a_reporter_someone_elses_draft(draft, reporter):
    assert not may_edit(reporter, draft)
    with pytest.raises(PermissionDenied):
        submit_for_review(draft, by=reporter)
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


def test_it_counts_a_credited_reporter_as_the_storys_own(draft, reporter):
    Author.objects.filter(pk=draft.article_authors.get().author_id).update(user=reporter)
    assert may_edit(reporter, Article.objects.get(pk=draft.pk))


def test_it_refuses_steps_the_state_does_not_allow(published, editor):
    with pytest.raises(TransitionNotAllowed):
        submit_for_review(published, by=editor)
    with pytest.raises(TransitionNotAllowed):
        return_to_draft(published, by=editor)


def test_it_keeps_the_first_publication_time_through_withdrawal_and_republishing(published):
    first = published.first_published_at
    unpublish(published)
    publish(published, at=timezone.now() + timedelta(minutes=5))
    assert Article.objects.get(pk=published.pk).first_published_at == first


def test_it_keeps_an_embargoed_story_private_until_the_embargo_lifts(
    client, make_article, time_machine
):
    now = timezone.now()
    story = make_article("Embargoed report", embargo_until=now + timedelta(hours=2))
    assert story.published_at < now  # published an hour ago, but embargoed
    assert not story.is_public and story.is_embargoed
    assert not Article.objects.published().filter(pk=story.pk).exists()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Embargoed report" not in client.get("/").content.decode()

    time_machine.move_to(story.embargo_until + timedelta(seconds=1))
    assert Article.objects.get(pk=story.pk).is_public
    assert client.get(story.get_absolute_url()).status_code == 200


def test_it_shows_the_embargo_prominently_to_staff(editor_client, make_article, change_url):
    story = make_article("Embargoed report", embargo_until=timezone.now() + timedelta(hours=2))
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert "Embargoed until" in listing
    assert "EMBARGOED until" in editor_client.get(change_url(story)).content.decode()


def test_it_leaves_a_redirect_when_a_published_storys_slug_changes(
    client, editor_client, published, change_url, edit_post
):
    old = published.get_absolute_url()
    response = editor_client.post(
        change_url(published), edit_post(published, slug="kyiv-power-back")
    )
    assert response.status_code == 302
    story = Article.objects.get(pk=published.pk)
    assert client.get(old)["Location"] == story.get_absolute_url()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_it_leaves_a_redirect_when_a_story_is_republished_on_another_day(client, published):
    old = published.get_absolute_url()
    publish(published, at=published.published_at - timedelta(days=3))
    new = Article.objects.get(pk=published.pk).get_absolute_url()
    assert new != old
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new


def test_it_leaves_no_redirect_for_a_draft_that_was_never_public(
    editor_client, draft, change_url, edit_post
):
    editor_client.post(change_url(draft), edit_post(draft, slug="renamed-draft"))
    assert not draft.old_addresses.exists()


def test_it_answers_gone_for_a_withdrawn_storys_own_address(client, published):
    url = published.get_absolute_url()
    unpublish(published)
    response = client.get(url)
    assert response.status_code == 410
    assert "This story has been withdrawn" in response.content.decode()


def test_it_records_setting_and_lifting_an_embargo(published, editor):
    until = timezone.now() + timedelta(hours=6)
    set_embargo(published, until, by=editor)
    story = Article.objects.get(pk=published.pk)
    assert story.embargo_until == until and not story.is_public
    set_embargo(story, None, by=editor)
    assert Article.objects.get(pk=published.pk).is_public
    entries = AuditEntry.objects.filter(article=published, action__startswith="embargo")
    assert [(e.action, e.by.username) for e in entries.order_by("pk")] == [
        ("embargoed", "editor"),
        ("embargo_lifted", "editor"),
    ]
    assert entries.order_by("pk").first().note.startswith("until ")


def test_it_refuses_a_reporter_an_embargo(own_draft, reporter):
    with pytest.raises(PermissionDenied):
        set_embargo(own_draft, timezone.now() + timedelta(hours=1), by=reporter)
    assert Article.objects.get(pk=own_draft.pk).embargo_until is None


def test_it_changes_and_records_a_repeated_step_once(draft, editor):
    publish(draft, by=editor)
    version = Article.objects.get(pk=draft.pk).version
    publish(Article.objects.get(pk=draft.pk), by=editor)
    publish(draft, by=editor)
    assert Article.objects.get(pk=draft.pk).version == version
    assert AuditEntry.objects.filter(article=draft, action="published").count() == 1


def test_it_moves_to_any_status_a_form_asks_for_through_the_steps_between(published, editor):
    move_to_status(published, Status.REVIEW, by=editor)
    assert Article.objects.get(pk=published.pk).status == Status.REVIEW
    assert [action for action, _ in steps(published)][-3:] == [
        "unpublished",
        "returned",
        "submitted",
    ]
    move_to_status(published, Status.PUBLISHED, by=editor)
    assert Article.objects.get(pk=published.pk).is_public


def test_it_refuses_to_withdraw_a_story_that_never_went_out(draft, editor):
    with pytest.raises(TransitionNotAllowed):
        move_to_status(draft, Status.UNPUBLISHED, by=editor)
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


def test_it_revokes_preview_links_when_a_correction_is_added_outside_the_admin(
    client, published, editor
):
    link = preview_url(published)
    assert client.get(link).status_code == 200
    add_correction(published, "correction", "The plant is in Kyiv Oblast.", by=editor)
    assert client.get(link).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_publishes_once_when_ten_editors_press_publish_at_the_same_moment(
    make_article, make_staff
):
    editors = [make_staff(EDITOR, f"editor{n}") for n in range(10)]
    story = make_article("Breaking: dam burst", public=False, byline_override="Staff")
    before = Article.objects.get(pk=story.pk).version
    start = threading.Barrier(len(editors))
    errors = []

    def press_publish(user):
        try:
            start.wait()
            publish(Article.objects.get(pk=story.pk), by=user)
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press_publish, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    story = Article.objects.get(pk=story.pk)
    assert story.is_public and story.version == before + 1
    assert AuditEntry.objects.filter(article=story, action="published").count() == 1
    published_revisions = [v for v in article_versions(story) if v.revision.comment == "Published"]
    assert len(published_revisions) == 1


# The moves, in one table --------------------------------------------------------------------

EVERY_STATUS = [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.UNPUBLISHED]
# Where a story in each status may be taken (editors), through the moves in between.
REACHABLE = {
    Status.DRAFT: {Status.REVIEW, Status.PUBLISHED},
    Status.REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.UNPUBLISHED, Status.DRAFT, Status.REVIEW, Status.PUBLISHED},
    Status.UNPUBLISHED: {Status.DRAFT, Status.REVIEW, Status.PUBLISHED},
}


@pytest.mark.parametrize("current", EVERY_STATUS)
def test_it_works_out_every_path_from_the_one_table_of_moves(current):
    for status in EVERY_STATUS:
        path = rules.path_to(current, status)
        if status == current:
            assert path == []
        elif status in REACHABLE[current]:
            assert path and path[-1].target == status
            # Each move starts where the one before it ended, and nothing is published on the way.
            here = current
            for move in path:
                assert here in move.sources
                here = move.target
            assert Status.PUBLISHED not in [move.target for move in path[:-1]]
        else:
            assert path is None


def test_it_offers_reporters_only_the_moves_of_the_desk():
    assert rules.path_to(Status.DRAFT, Status.REVIEW, editor=False) == [rules.SUBMIT]
    assert rules.path_to(Status.REVIEW, Status.DRAFT, editor=False) == [rules.RETURN_TO_DRAFT]
    for current in EVERY_STATUS:
        assert rules.path_to(current, Status.PUBLISHED, editor=False) in (None, [])
        assert rules.path_to(current, Status.UNPUBLISHED, editor=False) in (None, [])


def test_it_lets_the_bulk_actions_pick_exactly_the_stories_each_move_starts_from(
    editor_client, make_article
):
    draft = make_article("Draft", public=False)
    live = make_article("Live")
    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "unpublish_selected", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )
    assert "Unpublished 1 story" in response.content.decode()
    draft.refresh_from_db(), live.refresh_from_db()
    assert (draft.status, live.status) == (Status.DRAFT, Status.UNPUBLISHED)
