"""Presence: who else has a story's form open, from a light heartbeat; gone when they leave
or stop answering."""

import json
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from articles.desk import presence
from articles.models import StoryPresence


def names(response):
    return [person["name"] for person in response.json()["others"]]


def test_it_tells_each_editor_who_else_has_the_story_open(
    editor_client, maria, login, published, beat
):
    colleague = login(maria)
    assert names(beat(editor_client, published)) == []
    assert names(beat(colleague, published)) == ["editor"]
    assert names(beat(editor_client, published)) == ["Maria Editor"]


def test_it_names_the_others_on_the_form_before_anyone_types(
    editor_client, maria, login, published, beat, change_url
):
    beat(login(maria), published)
    page = editor_client.get(change_url(published)).content.decode()
    assert "<strong>Maria Editor</strong> is also editing this story." in page


def test_it_says_who_is_typing(editor_client, maria, login, published, beat):
    beat(login(maria), published, typing=True)
    (person,) = beat(editor_client, published).json()["others"]
    assert person["typing"] is True


def test_it_forgets_an_editor_who_stops_answering(
    editor_client, maria, login, published, beat, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    beat(login(maria), published)
    time_machine.shift(presence.EXPIRES_AFTER - timedelta(seconds=1))
    assert names(beat(editor_client, published)) == ["Maria Editor"]
    time_machine.shift(timedelta(seconds=2))
    assert names(beat(editor_client, published)) == []
    # The beat that found Maria gone deleted her row too.
    assert list(StoryPresence.objects.values_list("user__username", flat=True)) == ["editor"]


def test_it_forgets_an_editor_who_left(editor_client, maria, login, published, beat):
    colleague = login(maria)
    beat(colleague, published)
    response = colleague.post(f"/admin/articles/article/{published.pk}/presence/leave/")
    assert response.status_code == 204
    assert names(beat(editor_client, published)) == []


def test_it_counts_an_editor_with_two_tabs_once(editor_client, maria, login, published, beat):
    colleague = login(maria)
    beat(colleague, published)
    beat(colleague, published)
    assert names(beat(editor_client, published)) == ["Maria Editor"]
    assert StoryPresence.objects.filter(user=maria).count() == 1


def test_it_says_when_the_story_was_saved_since_the_form_opened(
    editor_client, maria, login, published, beat, change_url, edit_post
):
    opened_at = published.version
    login(maria).post(change_url(published), edit_post(published, headline="Maria's headline"))
    answer = beat(editor_client, published, version=opened_at).json()
    assert answer["version"] == opened_at + 1
    assert answer["saved_since"]["by"] == "Maria Editor"
    assert answer["saved_since"]["mine"] is False
    assert "saved_since" not in beat(editor_client, published, version=opened_at + 1).json()


def test_it_refuses_presence_to_those_who_may_not_edit_the_story(
    client, login, reporter, tag_manager, published, draft, beat
):
    assert beat(login(reporter), draft).status_code == 403  # someone else's draft
    assert beat(login(reporter), published).status_code == 403  # a live story
    assert beat(login(tag_manager), draft).status_code == 403
    assert beat(client, draft).status_code == 302  # to the login page
    assert not StoryPresence.objects.exists()


def test_it_takes_heartbeats_by_post_only_and_small(editor_client, published):
    url = f"/admin/articles/article/{published.pk}/presence/"
    assert editor_client.get(url).status_code == 405
    big = json.dumps({"typing": True, "padding": "x" * 5000})
    assert editor_client.post(url, big, content_type="application/json").status_code == 413


def test_it_throttles_heartbeats(editor_client, published, beat):
    for _ in range(presence.PER_MINUTE):
        assert beat(editor_client, published).status_code == 200
    assert beat(editor_client, published).status_code == 429


def test_it_expires_closed_forms_with_the_cleanup_command(
    maria, login, published, beat, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    beat(login(maria), published)
    time_machine.shift(presence.EXPIRES_AFTER + timedelta(seconds=1))
    call_command("expire_unsaved_work", stdout=StringIO())
    assert not StoryPresence.objects.exists()
