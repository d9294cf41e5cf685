"""Where a story stands with readers: one rule in SQL and in Python that always agree, and a
story that was never public never revealing itself (404, no redirects, no first publication)."""

from datetime import timedelta
from itertools import product

import pytest
from django.utils import timezone

from articles.models import Article, PublicationState, Redirect, Status
from articles.models.publication import publication_state
from articles.workflow import publish, schedule, set_embargo, unpublish

HOUR = timedelta(hours=1)


def test_it_agrees_in_sql_and_python_on_every_state(make_article, time_machine):
    """Every combination of status, publish time and embargo, read both ways."""
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    times = [None, now - HOUR, now, now + HOUR, now + 2 * HOUR]
    stories = []
    for n, (status, published_at, embargo_until) in enumerate(product(Status.values, times, times)):
        story = make_article(f"Combination {n}", public=False)
        Article.objects.filter(pk=story.pk).update(
            status=status, published_at=published_at, embargo_until=embargo_until
        )
        stories.append((story.pk, publication_state(status, published_at, embargo_until)))

    for state in PublicationState.values:
        in_sql = set(Article.objects.in_state(state).values_list("pk", flat=True))
        in_python = {pk for pk, python_state in stories if python_state == state}
        assert in_sql == in_python, state
    live = set(Article.objects.published().values_list("pk", flat=True))
    assert live == {pk for pk, state in stories if state == PublicationState.LIVE}
    hidden = set(Article.objects.hidden().values_list("pk", flat=True))
    assert hidden == {pk for pk, state in stories if state != PublicationState.LIVE}


def test_it_names_the_six_states(make_article):
    now = timezone.now()
    draft = make_article("A draft", public=False)
    assert draft.publication_state == PublicationState.DRAFT
    live = make_article("Live story")
    assert live.publication_state == PublicationState.LIVE and live.is_public
    scheduled = make_article("Scheduled story", when=now + HOUR)
    assert scheduled.publication_state == PublicationState.SCHEDULED
    embargoed = make_article("Embargoed story", embargo_until=now + HOUR)
    assert embargoed.publication_state == PublicationState.EMBARGOED
    assert unpublish(live).publication_state == PublicationState.WITHDRAWN


def test_it_sets_the_first_publication_to_when_readers_first_see_the_story(make_article):
    now = timezone.now()
    story = make_article("Scheduled story", public=False)
    schedule(story, now + 3 * HOUR)
    set_embargo(story, now + 5 * HOUR)
    story = Article.objects.get(pk=story.pk)
    # Readers will first see it when the embargo ends, not when it was scheduled.
    assert story.first_published_at == now + 5 * HOUR
    assert not story.was_ever_public

    unpublish(story)
    assert Article.objects.get(pk=story.pk).first_published_at is None


def test_it_keeps_the_first_publication_once_readers_have_seen_the_story(make_article):
    story = make_article("Live story")
    first = story.first_published_at
    unpublish(story)
    publish(story, at=timezone.now() + HOUR)
    story = Article.objects.get(pk=story.pk)
    assert story.first_published_at == first and story.was_ever_public


@pytest.mark.parametrize("hold", ["scheduled", "embargoed"])
def test_it_answers_404_for_a_story_withdrawn_before_it_ever_went_out(
    client, make_article, time_machine, hold
):
    now = timezone.now()
    if hold == "scheduled":
        story = make_article("Never seen", slug="never-seen", when=now + HOUR)
    else:
        story = make_article("Never seen", slug="never-seen", embargo_until=now + HOUR)
    url = story.get_absolute_url()
    unpublish(story)
    assert client.get(url).status_code == 404
    # Not even once its old time has passed: readers never saw it.
    time_machine.move_to(now + 2 * HOUR)
    assert client.get(url).status_code == 404
    unknown = url.replace("never-seen", "no-such-story")
    assert client.get(unknown).status_code == 404


def test_it_answers_410_for_a_story_readers_saw_and_no_longer_can(client, make_article):
    story = make_article("Seen then withdrawn")
    url = story.get_absolute_url()
    unpublish(story)
    assert client.get(url).status_code == 410


def test_it_leaves_no_redirect_when_a_scheduled_storys_address_changes(client, make_article):
    story = make_article("Scheduled story", slug="scheduled-story", when=timezone.now() + HOUR)
    old_url = story.get_absolute_url()
    publish(story, at=timezone.now() + timedelta(days=2))  # a new date: a new address
    assert Article.objects.get(pk=story.pk).get_absolute_url() != old_url
    assert not Redirect.objects.exists()
    assert client.get(old_url).status_code == 404
