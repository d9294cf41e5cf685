"""Previews: a draft exactly as readers would see it, for editors and its author, and a
signed, expiring link for a reviewer without an account; never indexed, never cached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.desk.previews import PREVIEW_MAX_AGE, preview_url
from articles.models import Article
from articles.workflow import submit_for_review, unpublish


def admin_preview(article):
    return f"/admin/articles/article/{article.pk}/preview/"


def assert_private(response):
    assert "noindex" in response["X-Robots-Tag"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_it_shows_an_editor_a_draft_as_readers_would_see_it(editor_client, draft):
    response = editor_client.get(admin_preview(draft))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "articles/article.html"
    page = response.content.decode()
    assert '<h1 class="story__headline">SECRET DRAFT about Kyiv</h1>' in page
    assert "Residents of the city woke to sirens." in page
    assert "Olena Kovalenko" in page and "Preview" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)


def test_it_lets_the_author_preview_their_own_draft_only(
    reporter, reporter_client, draft, make_article
):
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)
    others = make_article("Someone else's draft", public=False)
    assert reporter_client.get(admin_preview(draft)).status_code == 200
    assert reporter_client.get(admin_preview(others)).status_code == 403


def test_it_lets_anyone_with_the_link_read_one_draft(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "SECRET DRAFT about Kyiv" in response.content.decode()
    assert_private(response)
    # The draft itself stays private everywhere else.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_it_hands_the_shareable_link_to_staff(editor_client, draft):
    page = editor_client.get(admin_preview(draft)).content.decode()
    assert "http://testserver/preview/" in page


def test_it_revokes_the_link_when_the_story_changes(client, draft):
    url = preview_url(draft)
    submit_for_review(draft)  # any change moves the edit counter on
    response = client.get(url)
    assert response.status_code == 404
    assert "This preview link is not valid" in response.content.decode()
    assert "SECRET DRAFT" not in response.content.decode()


def test_it_answers_gone_for_an_expired_link(client, draft, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    url = preview_url(draft)
    time_machine.shift(PREVIEW_MAX_AGE + timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 410
    assert "This preview link has expired" in response.content.decode()
    assert_private(response)


@pytest.mark.parametrize("mangle", [lambda u: u[:-3] + "xx/", lambda u: u.replace(":", ":9", 1)])
def test_it_refuses_a_tampered_link(client, draft, mangle):
    response = client.get(mangle(preview_url(draft)))
    assert response.status_code == 404
    assert "SECRET DRAFT" not in response.content.decode()


def test_it_refuses_the_admin_preview_to_visitors(client, draft):
    response = client.get(admin_preview(draft))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("step", ["withdrawn", "scheduled ahead"])
def test_it_mints_no_link_for_a_reporter_once_an_editor_has_taken_the_story(
    reporter, reporter_client, editor_client, client, make_article, step
):
    """The probe's finding: a reporter credited on a story minted a public link after an
    editor had withdrawn it (perhaps for legal reasons) or scheduled it ahead."""
    if step == "withdrawn":
        story = make_article("Story withdrawn on legal advice")
        link_before = preview_url(story)
        unpublish(story)
        # Withdrawing revokes every link handed out before.
        assert client.get(link_before).status_code == 404
    else:
        story = make_article("Budget story for tomorrow", when=timezone.now() + timedelta(days=1))
    Article.objects.filter(pk=story.pk).update(created_by=reporter)

    seen = reporter_client.get(admin_preview(story))

    assert seen.status_code == 200  # they may still look at it
    assert "/preview/" not in seen.content.decode().replace(admin_preview(story), "")
    # An editor may still hand one out.
    assert "http://testserver/preview/" in editor_client.get(admin_preview(story)).content.decode()


def test_it_hands_a_reporter_the_link_to_their_own_draft(reporter, reporter_client, draft):
    Article.objects.filter(pk=draft.pk).update(created_by=reporter)

    page = reporter_client.get(admin_preview(draft)).content.decode()

    assert "http://testserver/preview/" in page
