"""“More Stories”: pinned first, then the closest published stories, never anything private."""

from datetime import timedelta

from django.utils import timezone

from articles.models import RelatedStory, Status
from articles.stories.related import related_stories


def _pin(article, *stories):
    for position, story in enumerate(stories):
        RelatedStory.objects.create(article=article, related=story, position=position)


def _ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_it_puts_pinned_stories_first_in_the_editors_order(make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    first, second = make_article("Pinned first", when=_ago(50)), make_article("Pinned second")
    neighbour = make_article("Newest Kyiv story", regions=[regions["kyiv"]], when=_ago(0.5))
    RelatedStory.objects.create(article=story, related=second, position=2)
    RelatedStory.objects.create(article=story, related=first, position=1)

    assert related_stories(story) == [first, second, neighbour]


def test_it_fills_with_stories_sharing_a_region_or_tag_newest_first(make_article, regions):
    story = make_article(regions=[regions["kyiv"]], tags=["Energy"])
    by_region = make_article("Same city", regions=[regions["kyiv"]], when=_ago(3))
    by_tag = make_article("Same topic", tags=["energy"], when=_ago(2))
    make_article("Unrelated story", regions=[regions["poland"]], tags=["Football"], when=_ago(1))

    assert related_stories(story) == [by_tag, by_region]


def test_it_never_lists_the_story_itself(make_article, regions):
    story = make_article(regions=[regions["kyiv"]], tags=["Energy"])

    assert related_stories(story) == []


def test_it_never_lists_unpublished_stories_even_when_pinned(
    make_article, regions, draft, scheduled, withdrawn
):
    story = make_article(regions=[regions["kyiv"]], tags=["Energy"])
    public = make_article("Public Kyiv story", regions=[regions["kyiv"]])
    _pin(story, draft, scheduled, withdrawn)

    assert related_stories(story) == [public]


def test_it_respects_the_limit(make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    pinned = [make_article(f"Pinned {n}") for n in range(3)]
    _pin(story, *pinned)
    for n in range(5):
        make_article(f"Kyiv fill {n}", regions=[regions["kyiv"]])

    assert related_stories(story, limit=2) == pinned[:2]
    assert len(related_stories(story, limit=5)) == 5
    assert related_stories(story, limit=5)[:3] == pinned


def test_it_shows_at_most_six_more_stories_on_the_page(client, make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    for n in range(9):
        make_article(
            f"Kyiv neighbour number {n} today", regions=[regions["kyiv"]], when=_ago(n + 2)
        )

    html = client.get(story.get_absolute_url()).content.decode()

    box = html.split('id="more-stories-heading"')[1]
    shown = [n for n in range(9) if f"Kyiv neighbour number {n} today" in box]
    assert shown == [0, 1, 2, 3, 4, 5]


def test_it_drops_a_pinned_story_from_the_page_once_it_is_withdrawn(client, make_article):
    story = make_article()
    pinned = make_article("Pinned explainer")
    _pin(story, pinned)
    assert pinned.headline in client.get(story.get_absolute_url()).content.decode()

    pinned.status = Status.UNPUBLISHED
    pinned.save()

    html = client.get(story.get_absolute_url()).content.decode()
    assert pinned.headline not in html
    assert "More Stories" not in html
