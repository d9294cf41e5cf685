"""Edit conflicts: two people edit the same story, and nothing either typed is lost."""

import importlib
import threading

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article, Status
from articles.roles import EDITOR, ROLES


def editor_session(username):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def edit_post(article, **changes):
    """The change form as a browser posts it for `article` as stored now (its relations, its
    edit counter), with `changes` applied on top."""
    article = Article.objects.get(pk=article.pk)
    credits = list(article.article_authors.all())
    pins = list(article.pinned_related.all())
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline_override": article.byline_override,
        "dateline": article.dateline,
        "section": str(article.section_id),
        "regions": [str(pk) for pk in article.regions.values_list("pk", flat=True)],
        "sources": [str(pk) for pk in article.sources.values_list("pk", flat=True)],
        "tags": ", ".join(sorted(article.tags.names())),
        "lead_image_alt": article.lead_image_alt,
        "lead_image_caption": article.lead_image_caption,
        "lead_image_credit": article.lead_image_credit,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "version": str(article.version),
        "_save": "Save",
    }
    if article.published_at:
        when = timezone.localtime(article.published_at)
        data["published_at_0"] = when.strftime("%Y-%m-%d")
        data["published_at_1"] = when.strftime("%H:%M:%S")
    for prefix, rows, fields in (
        ("article_authors", credits, ("author", "position")),
        ("pinned_related", pins, ("related", "position")),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for n, row in enumerate(rows):
            data[f"{prefix}-{n}-id"] = str(row.pk)
            data[f"{prefix}-{n}-article"] = str(article.pk)
            for field in fields:
                data[f"{prefix}-{n}-{field}"] = str(
                    getattr(row, f"{field}_id", None) or getattr(row, field)
                )
    corrections = article.corrections.count()
    data.update(
        {
            "corrections-TOTAL_FORMS": str(corrections),
            "corrections-INITIAL_FORMS": str(corrections),
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
        }
    )
    for n, correction in enumerate(article.corrections.all()):
        data[f"corrections-{n}-id"] = str(correction.pk)
        data[f"corrections-{n}-article"] = str(article.pk)
    data.update(changes)
    return data


def test_it_refuses_the_second_of_two_overlapping_saves_and_keeps_its_text(published):
    alice, bob = editor_session("alice"), editor_session("bob")
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


def test_it_lets_the_second_editor_keep_their_version_after_reading_the_changes(published):
    alice, bob = editor_session("alice"), editor_session("bob")
    bob_form = edit_post(published, standfirst="Bob's standfirst.")
    alice.post(change_url(published), edit_post(published, headline="Alice's headline"))
    refused = bob.post(change_url(published), bob_form)
    # The re-rendered form carries the current counter: saving again is a deliberate choice.
    resubmitted = {**bob_form, "version": str(Article.objects.get(pk=published.pk).version)}
    assert refused.status_code == 200
    assert bob.post(change_url(published), resubmitted).status_code == 302
    assert Article.objects.get(pk=published.pk).standfirst == "Bob's standfirst."


def test_it_refuses_a_save_without_the_version_token(published):
    editor = editor_session("alice")
    data = edit_post(published, headline="Sneaky headline")
    del data["version"]
    response = editor.post(change_url(published), data)
    assert response.status_code == 200
    assert "missing the story&#x27;s version number" in response.content.decode()
    assert Article.objects.get(pk=published.pk).headline == published.headline


def test_it_refuses_a_save_made_stale_by_a_workflow_step(draft):
    editor = editor_session("alice")
    form = edit_post(draft, headline="Edited headline")
    editor.post(
        "/admin/articles/article/",
        {"action": "submit_selected", "index": "0", "_selected_action": [draft.pk]},
    )
    assert editor.post(change_url(draft), form).status_code == 200
    story = Article.objects.get(pk=draft.pk)
    assert (story.headline, story.status) == (draft.headline, Status.REVIEW)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_lets_only_one_of_two_concurrent_saves_through(world, reporter_author):
    # Earlier tests that commit end with a flush that takes the migration-made roles along;
    # applying ROLES again is idempotent.
    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None, roles=ROLES)
    story = Article.objects.create(
        headline="Original headline", slug="concurrent-story", section=world
    )
    story.article_authors.create(author=reporter_author)
    alice, bob = editor_session("alice"), editor_session("bob")
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


def test_it_puts_the_version_token_on_the_change_form(published):
    page = editor_session("alice").get(change_url(published)).content.decode()
    assert f'<input type="hidden" name="version" value="{published.version}"' in page


def test_it_keeps_the_other_editors_fields_that_this_editor_did_not_touch(published):
    alice, bob = editor_session("alice"), editor_session("bob")
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
    published, regions
):
    alice, bob = editor_session("alice"), editor_session("bob")
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
