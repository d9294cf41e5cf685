"""A story's old and current addresses: 301 while readers can see it, 410 Gone once they no
longer can, and an ordinary 404 for a story that was never public (it must not reveal itself)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.addresses.redirects import remember_old_path
from articles.models import Article, Status

OLD = "/world/2026/01/01/old-slug/"


def moved(story: Article) -> Article:
    """`story` under a new slug, with its old address remembered."""
    remember_old_path(story.get_absolute_url(), article=story)
    story.slug = f"{story.slug}-renamed"
    story.save()
    return story


def test_it_sends_an_old_address_of_a_live_story_to_the_story(client, published):
    old = published.get_absolute_url()
    moved(published)

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == published.get_absolute_url()


def test_it_answers_gone_at_an_old_address_of_a_story_taken_back_into_the_schedule(
    client, published
):
    old = published.get_absolute_url()
    story = moved(published)
    story.published_at = timezone.now() + timedelta(days=1)
    story.save()

    response = client.get(old)

    assert response.status_code == 410
    assert story.headline not in response.content.decode()


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_it_answers_an_ordinary_404_at_an_old_address_of_a_story_never_public(
    client, request, hidden
):
    story = request.getfixturevalue(hidden)
    remember_old_path(OLD, article=story)

    response = client.get(OLD)

    assert response.status_code == 404
    assert "Location" not in response
    assert story.slug not in response.content.decode()
    assert story.headline not in response.content.decode()


def test_it_answers_404_at_the_address_of_a_story_withdrawn_before_it_was_ever_seen(
    client, scheduled
):
    scheduled.status = Status.UNPUBLISHED
    scheduled.first_published_at = None
    scheduled.save()

    assert client.get(scheduled.get_absolute_url()).status_code == 404
