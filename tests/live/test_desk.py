"""The live desk on a story's admin screen: every action through the verbs, refusals shown on
the desk with the typed text kept, nothing done for those who may not."""

import pytest
from django.urls import reverse

from articles.live import entries
from articles.models import EntryState, LiveCoverage, LiveEntry


def desk_url(story):
    return reverse("admin:articles_article_live", args=[story.pk])


def test_it_starts_live_coverage_from_the_storys_screen(published, editor_client):
    form = editor_client.get(reverse("admin:articles_article_change", args=[published.pk]))
    assert "Cover live" in form.content.decode()
    response = editor_client.post(desk_url(published), {"action": "start"}, follow=True)
    assert "Live coverage started." in response.content.decode()
    assert LiveCoverage.objects.filter(article=published).exists()
    form = editor_client.get(reverse("admin:articles_article_change", args=[published.pk]))
    assert "Live desk" in form.content.decode()


def test_it_posts_an_entry_and_lists_it_newest_first(live_story, editor_client):
    desk = editor_client.get(desk_url(live_story)).content.decode()
    assert "Ctrl+Enter" in desk and "Post entry" in desk
    for text in ("First from the scene.", "Second from the scene."):
        response = editor_client.post(
            desk_url(live_story), {"action": "post", "body": f"<p>{text}</p>"}
        )
        assert response.status_code == 302
    page = editor_client.get(desk_url(live_story)).content.decode()
    assert "Entry published." in page
    assert page.index("Second from the scene.") < page.index("First from the scene.")
    assert LiveEntry.objects.filter(state=EntryState.PUBLISHED).count() == 2


def test_it_shows_a_refusal_and_keeps_what_was_typed(live_story, editor_client):
    response = editor_client.post(
        desk_url(live_story),
        {"action": "post", "body": "<p> </p>", "key_title": "Bridge attacked"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "An entry needs some text." in page and 'value="Bridge attacked"' in page
    assert not LiveEntry.objects.exists()


def test_it_runs_the_entry_actions(live_story, coverage, post, editor_client):
    entry = post("<p>Dam hit overnight.</p>")
    url = desk_url(live_story)
    editor_client.post(url, {"action": "pin", "entry": entry.pk})
    editor_client.post(url, {"action": "key", "entry": entry.pk, "key_title": "Dam hit"})
    editor_client.post(
        url,
        {"action": "correct", "entry": entry.pk, "version": 3, "text": "It was the upper dam."},
    )
    response = editor_client.post(
        url, {"action": "breakout", "entry": entry.pk, "headline": "Upper dam hit"}, follow=True
    )
    assert "New draft story" in response.content.decode()
    entry.refresh_from_db()
    assert entry.pinned and entry.key_title == "Dam hit" and entry.corrections.count() == 1
    assert entry.breakout.headline == "Upper dam hit"
    editor_client.post(url, {"action": "withdraw", "entry": entry.pk, "note": ""})
    editor_client.post(url, {"action": "end"})
    entry.refresh_from_db()
    coverage.refresh_from_db()
    assert entry.state == EntryState.WITHDRAWN and entry.withdrawn_note == entries.WITHDRAWN_NOTE
    assert coverage.has_ended()


def test_it_refuses_a_stale_correction(live_story, post, editor_client):
    entry = post()
    response = editor_client.post(
        desk_url(live_story),
        {"action": "correct", "entry": entry.pk, "version": entry.version - 1, "text": "Fix"},
        follow=True,
    )
    assert "Someone else changed this entry" in response.content.decode()
    assert entry.corrections.count() == 0


def test_it_leaves_editors_actions_to_editors(live_story, post, reporter_client):
    entry = post()
    response = reporter_client.post(
        desk_url(live_story), {"action": "pin", "entry": entry.pk}, follow=True
    )
    assert "Only editors may pin entries." in response.content.decode()
    entry.refresh_from_db()
    assert not entry.pinned
    reporter_client.post(desk_url(live_story), {"action": "post", "body": "<p>From me.</p>"})
    assert LiveEntry.objects.get(body__contains="From me").state == EntryState.SUBMITTED


@pytest.mark.parametrize("who", ["anonymous", "tag_manager"])
def test_it_keeps_the_desk_from_those_who_may_not_work_on_the_story(
    who, live_story, client, tag_manager_client
):
    visitor = client if who == "anonymous" else tag_manager_client
    response = visitor.post(desk_url(live_story), {"action": "post", "body": "<p>Hi</p>"})
    assert response.status_code in (302, 403)
    assert not LiveEntry.objects.exists()
