"""Autosave: an editor's unsaved form, kept on the server and offered back after a closed tab
or a crash; never a revision, never a new version, never over someone else's saved work."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.desk import autosave
from articles.models import Article, AuditEntry, DraftInProgress, Status

ADD_URL = "/admin/articles/article/add/"
NEW_KEY = "new-abcdefgh12345"


def story_row(story):
    return Article.objects.filter(pk=story.pk).values().get()


def test_it_keeps_an_editors_unsaved_form_without_touching_the_story(
    editor, editor_client, published, keep_form
):
    before = story_row(published)
    versions, audit = Version.objects.count(), AuditEntry.objects.count()

    response = keep_form(editor_client, published, headline="Power back on across Kyiv")

    assert response.status_code == 200
    assert "time" in response.json()
    assert story_row(published) == before  # no new version, no save, nothing changed
    assert Version.objects.count() == versions and AuditEntry.objects.count() == audit
    kept = DraftInProgress.objects.get(user=editor)
    assert kept.article == published and kept.base_version == published.version
    assert kept.headline == "Power back on across Kyiv"
    assert ["headline", "Power back on across Kyiv"] in kept.fields


def test_it_offers_unsaved_changes_back_on_the_change_page(
    editor_client, published, keep_form, change_url, autosave_url
):
    keep_form(editor_client, published, standfirst="Crews worked through the night.")

    page = editor_client.get(change_url(published)).content.decode()
    assert "Restore your unsaved changes from" in page
    assert "has been saved since" not in page
    kept = editor_client.get(autosave_url(published)).json()
    assert ["standfirst", "Crews worked through the night."] in kept["fields"]
    assert kept["base_version"] == published.version


def test_it_keeps_a_new_story_never_saved_and_offers_it_on_the_add_page(
    editor, editor_client, keep_form, autosave_url, world
):
    fields = [["headline", "Night trains to Lviv return"], ["section", str(world.pk)]]
    labels = {"section": {str(world.pk): "World"}}
    assert keep_form(editor_client, NEW_KEY, fields=fields, labels=labels).status_code == 200

    page = editor_client.get(ADD_URL).content.decode()
    assert "Restore your unsaved story “Night trains to Lviv return”" in page
    kept = editor_client.get(autosave_url(NEW_KEY)).json()
    assert kept["fields"] == fields and kept["labels"] == labels
    assert DraftInProgress.objects.get(user=editor).article is None


def test_it_offers_each_editor_only_their_own_unsaved_work(
    editor_client, published, keep_form, maria, login, change_url, autosave_url
):
    keep_form(editor_client, published, headline="The editor's headline")
    colleague = login(maria)
    assert colleague.get(autosave_url(published)).status_code == 404
    assert "Restore your unsaved" not in colleague.get(change_url(published)).content.decode()


def test_it_never_overwrites_another_editors_saved_work(
    editor_client, published, keep_form, maria, login, change_url, edit_post, autosave_url
):
    # The editor types (kept at the version they opened), then their tab crashes.
    keep_form(editor_client, published, headline="The editor's unsaved headline")
    # Meanwhile Maria saves the story.
    response = login(maria).post(change_url(published), edit_post(published, body="<p>Maria's</p>"))
    assert response.status_code == 302

    # Back in the story, the editor is told it changed since, and by whom.
    page = editor_client.get(change_url(published)).content.decode()
    assert "The story has been saved since by Maria Editor" in page
    # Restoring puts the version they had opened back on the form...
    kept = editor_client.get(autosave_url(published)).json()
    fields = dict(kept["fields"])
    assert fields["version"] == str(published.version) == str(kept["base_version"])
    # ...so saving it is refused by the conflict check, and Maria's work stays.
    data = {**edit_post(published), **fields, "body": "<p>The editor's stale body</p>"}
    refused = editor_client.post(change_url(published), data)
    assert refused.status_code == 200
    assert "Someone else saved this story while you were editing it" in refused.content.decode()
    story = Article.objects.get(pk=published.pk)
    assert story.body == "<p>Maria's</p>" and story.headline == published.headline


def test_it_forgets_the_editors_copy_when_they_save_the_story(
    editor, editor_client, published, keep_form, maria, login, change_url, edit_post
):
    keep_form(editor_client, published, headline="Typed, then saved")
    keep_form(login(maria), published, headline="Maria's own unsaved headline")

    editor_client.post(change_url(published), edit_post(published, headline="Typed, then saved"))

    assert not DraftInProgress.objects.filter(user=editor).exists()
    # Maria's unsaved work is hers to restore (and to merge when she saves).
    assert DraftInProgress.objects.filter(user=maria).exists()


def test_it_forgets_a_new_storys_copy_once_the_story_is_saved(
    editor, editor_client, keep_form, world, edit_post, make_article
):
    keep_form(editor_client, NEW_KEY, fields=[["headline", "Night trains"]])
    template = make_article(public=False)
    data = {**edit_post(template, slug="night-trains", headline="Night trains"), "version": ""}
    data["autosave_key"] = NEW_KEY
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert not DraftInProgress.objects.filter(user=editor, form_key=NEW_KEY).exists()
    # A keep still on its way from the page must not bring it back.
    late = keep_form(editor_client, NEW_KEY, fields=[["headline", "Night trains"]])
    assert late.status_code == 409
    assert not DraftInProgress.objects.filter(user=editor).exists()


def test_it_refuses_a_keep_that_crossed_its_editors_own_save(
    editor_client, published, keep_form, change_url, edit_post
):
    opened_at = published.version
    editor_client.post(change_url(published), edit_post(published, headline="Saved"))
    # The form the editor just saved from, arriving after the save.
    late = keep_form(editor_client, published, headline="Saved", version=str(opened_at))
    assert late.status_code == 409
    assert not DraftInProgress.objects.exists()


def test_it_forgets_unsaved_work_on_request(
    editor, editor_client, published, keep_form, autosave_url
):
    keep_form(editor_client, published, headline="Not wanted after all")
    response = editor_client.delete(autosave_url(published))
    assert response.status_code == 200
    assert not DraftInProgress.objects.filter(user=editor).exists()


@pytest.mark.parametrize(
    ("who", "story", "expected"),
    [
        ("anonymous", "draft", 302),
        ("tag_manager", "draft", 403),
        ("reporter", "draft", 403),  # someone else's draft
        ("reporter", "published", 403),  # a live story belongs to the editors
        ("reporter", "own", 200),
        ("editor", "published", 200),
    ],
)
def test_it_lets_only_those_who_may_change_a_story_keep_work_on_it(
    who, story, expected, client, login, reporter, tag_manager, editor, draft, published,
    make_article, keep_form, autosave_url,
):  # fmt: skip
    own = make_article("Reporter's own draft", public=False)
    Article.objects.filter(pk=own.pk).update(created_by=reporter)
    stories = {"draft": draft, "published": published, "own": own}
    people = {"anonymous": client, "tag_manager": tag_manager, "reporter": reporter}
    people["editor"] = editor
    session = client if who == "anonymous" else login(people[who])

    response = keep_form(session, stories[story], headline="Forged")
    assert response.status_code == expected
    if expected != 200:
        assert not DraftInProgress.objects.exists()
        # Reading someone's kept work is refused alike.
        assert session.get(autosave_url(stories[story])).status_code == expected


def test_it_lets_only_writers_keep_a_new_storys_form(tag_manager, login, reporter, keep_form):
    fields = [["headline", "Forged"]]
    assert keep_form(login(tag_manager), NEW_KEY, fields=fields).status_code == 403
    assert keep_form(login(reporter), NEW_KEY, fields=fields).status_code == 200


def test_it_refuses_a_keep_without_the_csrf_token(editor, published, autosave_url, edit_post):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    body = json.dumps({"fields": [["headline", "No token"]], "labels": {}})
    response = browser.post(autosave_url(published), body, content_type="application/json")
    assert response.status_code == 403
    assert not DraftInProgress.objects.exists()


def test_it_refuses_a_form_over_the_size_cap(editor_client, published, keep_form, autosave_url):
    huge = "<p>" + "x" * autosave.MAX_BYTES + "</p>"
    response = keep_form(editor_client, published, body=huge)
    assert response.status_code == 413
    # A large form under the cap is kept whole.
    assert (
        keep_form(editor_client, published, body="<p>" + "y" * 200_000 + "</p>").status_code == 200
    )
    # Declaring more than the cap is refused before the body is read.
    response = editor_client.post(
        autosave_url(published), b"{}", content_type="application/json",
        CONTENT_LENGTH=str(autosave.MAX_BYTES * 4),
    )  # fmt: skip
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"fields": "headline=x"}',
        b'{"fields": [["headline"]]}',
        b'{"fields": [["headline", 3]]}',
        b'{"fields": [], "labels": {"section": "World"}}',
        json.dumps({"fields": [["x", "y"]] * (autosave.MAX_FIELDS + 1)}).encode(),
        # A NUL character (jsonb cannot hold one: a 500 on PostgreSQL before), in a value, a
        # name or a search box's label.
        b'{"fields": [["headline", "a\\u0000b"]]}',
        b'{"fields": [["head\\u0000line", "ab"]]}',
        b'{"fields": [], "labels": {"section": {"1": "W\\u0000rld"}}}',
    ],
)
def test_it_refuses_malformed_forms(editor_client, published, autosave_url, body):
    response = editor_client.post(autosave_url(published), body, content_type="application/json")
    assert response.status_code == 400
    assert not DraftInProgress.objects.exists()


def test_it_refuses_a_form_key_that_is_not_the_storys(editor_client, published, keep_form):
    assert keep_form(editor_client, "story-999999", fields=[]).status_code == 404
    assert keep_form(editor_client, "new-short", fields=[]).status_code == 404


def test_it_throttles_an_editor_who_keeps_too_often(editor_client, published, keep_form):
    for n in range(autosave.PER_MINUTE):
        assert keep_form(editor_client, published, headline=f"Take {n}").status_code == 200
    refused = keep_form(editor_client, published, headline="One too many")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert DraftInProgress.objects.get().headline == f"Take {autosave.PER_MINUTE - 1}"


def test_it_never_keeps_the_pages_own_fields(editor, editor_client, published, keep_form):
    keep_form(editor_client, published, csrfmiddlewaretoken="secret", autosave_key="story-1")
    names = {name for name, _ in DraftInProgress.objects.get(user=editor).fields}
    assert "csrfmiddlewaretoken" not in names and "autosave_key" not in names


def test_it_forgets_unsaved_work_past_its_age(
    editor, editor_client, published, draft, keep_form, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    keep_form(editor_client, published, headline="Old work")
    time_machine.shift(autosave.MAX_AGE + timedelta(minutes=1))
    # Too old to offer…
    assert autosave.unsaved_work(editor, f"story-{published.pk}") is None
    # …and gone the next time this editor's work is kept (signed in again: a week idle ends
    # a staff session),
    editor_client.force_login(editor)
    keep_form(editor_client, draft, headline="New work")
    assert list(DraftInProgress.objects.values_list("headline", flat=True)) == ["New work"]
    # or when the cleanup command runs.
    time_machine.shift(autosave.MAX_AGE + timedelta(minutes=1))
    out = StringIO()
    call_command("expire_unsaved_work", stdout=out)
    assert "Forgot 1 unsaved form" in out.getvalue()
    assert not DraftInProgress.objects.exists()


def test_it_draws_the_form_with_its_autosave_key_and_endpoint(
    editor_client, published, change_url, autosave_url
):
    page = editor_client.get(change_url(published)).content.decode()
    assert f'data-autosave-url="{autosave_url(published)}"' in page
    add = editor_client.get(ADD_URL).content.decode()
    assert 'name="autosave_key" value="new-' in add


def test_it_leaves_a_story_in_review_alone(reporter, login, make_article, keep_form):
    story = make_article("In review", public=False)
    Article.objects.filter(pk=story.pk).update(created_by=reporter, status=Status.REVIEW)
    before = story_row(story)
    assert keep_form(login(reporter), story, headline="Reporter's rewrite").status_code == 200
    assert story_row(story) == before
