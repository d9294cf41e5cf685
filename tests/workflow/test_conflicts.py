"""Edit conflicts: two people edit the same story, and nothing either typed is lost."""

import threading

import pytest
from django.db import connection

from articles.models import Article, Status
from articles.staff.roles import EDITOR


@pytest.fixture
def alice_and_bob(make_staff, login):
    """Two editors, each logged in on a client of their own (two browsers)."""
    return login(make_staff(EDITOR, "alice")), login(make_staff(EDITOR, "bob"))


def test_it_refuses_the_second_of_two_overlapping_saves_and_keeps_its_text(
    alice_and_bob, published, change_url, edit_post
):
    alice, bob = alice_and_bob
    # Both open the story at the same version.
    alice_form = edit_post(published, headline="Power back on across Kyiv")
    bob_form = edit_post(published, body="<p>Bob's long rewrite of the whole story.</p>")

    assert alice.post(change_url(published), alice_form).status_code == 302
    response = bob.post(change_url(published), bob_form)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this story while you were editing it" in page
    assert "Changed meanwhile by alice" in page
    assert "Power back on across Kyiv" in page  # what alice changed, shown in the diff
    assert "Bob&#x27;s long rewrite of the whole story." in page  # bob's text is still there
    story = Article.objects.get(pk=published.pk)
    assert story.headline == "Power back on across Kyiv"
    assert "Bob" not in story.body


def test_it_lets_the_second_editor_keep_their_version_after_reading_the_changes(
    alice_and_bob, published, change_url, edit_post
):
    alice, bob = alice_and_bob
    bob_form = edit_post(published, standfirst="Bob's standfirst.")
    alice.post(change_url(published), edit_post(published, headline="Alice's headline"))
    refused = bob.post(change_url(published), bob_form)
    # The re-rendered form carries the current counter: saving again is a deliberate choice.
    resubmitted = {**bob_form, "version": str(Article.objects.get(pk=published.pk).version)}
    assert refused.status_code == 200
    assert bob.post(change_url(published), resubmitted).status_code == 302
    assert Article.objects.get(pk=published.pk).standfirst == "Bob's standfirst."


def test_it_refuses_a_save_without_the_version_token(
    editor_client, published, change_url, edit_post
):
    data = edit_post(published, headline="Sneaky headline")
    del data["version"]
    response = editor_client.post(change_url(published), data)
    assert response.status_code == 200
    assert "missing the story&#x27;s version number" in response.content.decode()
    assert Article.objects.get(pk=published.pk).headline == published.headline


def test_it_refuses_a_save_made_stale_by_a_workflow_step(
    editor_client, draft, change_url, edit_post
):
    form = edit_post(draft, headline="Edited headline")
    editor_client.post(
        "/admin/articles/article/",
        {"action": "submit_selected", "index": "0", "_selected_action": [draft.pk]},
    )
    assert editor_client.post(change_url(draft), form).status_code == 200
    story = Article.objects.get(pk=draft.pk)
    assert (story.headline, story.status) == (draft.headline, Status.REVIEW)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_lets_only_one_of_two_concurrent_saves_through(
    alice_and_bob, world, reporter_author, change_url, edit_post
):
    story = Article.objects.create(
        headline="Original headline", slug="concurrent-story", section=world
    )
    story.article_authors.create(author=reporter_author)
    alice, bob = alice_and_bob
    forms = {
        alice: edit_post(story, headline="Alice's headline"),
        bob: edit_post(story, headline="Bob's headline"),
    }
    start = threading.Barrier(2)
    statuses = []

    def save(client):
        start.wait()
        try:
            statuses.append(client.post(change_url(story), forms[client]).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(client,)) for client in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200, 302]
    saved = Article.objects.get(pk=story.pk)
    assert saved.version == story.version + 1
    assert saved.headline in ("Alice's headline", "Bob's headline")


def test_it_puts_the_version_token_on_the_change_form(editor_client, published, change_url):
    page = editor_client.get(change_url(published)).content.decode()
    assert f'<input type="hidden" name="version" value="{published.version}"' in page


def test_it_keeps_the_other_editors_fields_that_this_editor_did_not_touch(
    alice_and_bob, published, change_url, edit_post
):
    alice, bob = alice_and_bob
    bob_form = edit_post(published, standfirst="Bob's standfirst.")
    alice.post(change_url(published), edit_post(published, headline="Alice's headline"))

    refused = bob.post(change_url(published), bob_form)

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    page = refused.content.decode()
    assert "Their change, put on this form" in page
    # The re-rendered form holds alice's headline and bob's standfirst: saving it keeps both.
    assert form["headline"].value() == "Alice's headline"
    assert form["standfirst"].value() == "Bob's standfirst."
    resubmitted = {
        **bob_form,
        "headline": form["headline"].value(),
        "version": form["version"].value(),
    }
    assert bob.post(change_url(published), resubmitted).status_code == 302
    story = Article.objects.get(pk=published.pk)
    assert (story.headline, story.standfirst) == ("Alice's headline", "Bob's standfirst.")


def test_it_says_plainly_which_of_the_other_editors_changes_a_save_would_overwrite(
    alice_and_bob, published, regions, change_url, edit_post
):
    alice, bob = alice_and_bob
    bob_form = edit_post(published, headline="Bob's headline")
    alice.post(
        change_url(published),
        edit_post(published, headline="Alice's headline", regions=[str(regions["poland"].pk)]),
    )

    refused = bob.post(change_url(published), bob_form)

    form = refused.context["adminform"].form
    outcomes = {field.label: field.outcome for field in form.conflict["fields"]}
    assert outcomes == {"Headline": "overwrite", "Regions": "theirs"}
    assert "saving will overwrite their change" in refused.content.decode()
    assert form["headline"].value() == "Bob's headline"
    assert form["regions"].value() == [str(regions["poland"].pk)]
