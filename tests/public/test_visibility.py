"""Nothing unpublished ever shows: one sweep over every public address a reader or robot can reach.

Drafts, scheduled, embargoed and withdrawn stories — including one withdrawn before its
scheduled time came — (and tags used only on them) must be absent from
pages, listings, counts, feeds, sitemaps, search results and "More Stories", however they are
linked to the public story (same tags, regions, source, author, pinned as related).
"""

import pytest

from articles.models import RelatedStory
from articles.models.articles import STORIES_PER_SITEMAP_FILE
from articles.workflow import unpublish

HIDDEN_TEXT = (
    "SECRET DRAFT",
    "SCHEDULED",
    "WITHDRAWN",
    "Embargoed topic",
    "Future topic",
    "Withdrawn topic",
    "EMBARGOED",
    "Held topic",
    "PULLED",
    "Pulled topic",
)

EVERY_PUBLIC_ADDRESS = [
    "/",
    "/world/",
    "/regions/",
    "/regions/kyiv/",
    "/regions/ukraine/",
    "/sources/",
    "/sources/reuters/",
    "/tags/",
    "/tags/energy/",
    "/authors/olena-kovalenko/",
    "/search/?q=Kyiv",
    "/feeds/latest/rss/",
    "/feeds/latest/atom/",
    "/feeds/section/world/rss/",
    "/feeds/tags/energy/rss/",
    "/feeds/regions/ukraine/rss/",
    "/sitemap.xml",
    "STORIES SITEMAP FILE",
    "/sitemap-tags.xml",
    "/sitemap-news.xml",
    "/api/ninjs/?page_size=100",
    "/api/ninjs/?region=ukraine",
    "/api/ninjs/?tag=energy",
    "/api/ninjs/?source=reuters",
    "ARTICLE",
]


@pytest.fixture
def newsroom_with_secrets(
    published, draft, scheduled, withdrawn, embargoed, withdrawn_before_release
):
    hidden = [draft, scheduled, withdrawn, embargoed, withdrawn_before_release]
    for position, story in enumerate(hidden):
        RelatedStory.objects.create(article=published, related=story, position=position)
    return published, hidden


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cached"])
@pytest.mark.parametrize("address", EVERY_PUBLIC_ADDRESS)
def test_it_never_shows_an_unpublished_story_anywhere(
    client, settings, newsroom_with_secrets, address, cached
):
    story, hidden = newsroom_with_secrets
    url = story.get_absolute_url() if address == "ARTICLE" else address
    if address == "STORIES SITEMAP FILE":
        # Files are id ranges: the one that lists the public story (and its hidden neighbours).
        url = f"/sitemap-articles.xml?p={(story.pk - 1) // STORIES_PER_SITEMAP_FILE + 1}"
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = cached

    response = client.get(url)
    if cached:
        # What the cache serves is what it stored: check the copy a second reader gets.
        response = client.get(url)
        assert response["X-Cache"] == "HIT", url

    assert response.status_code == 200, url
    content = response.content.decode()
    if address not in ("/regions/", "/sources/", "/tags/", "/sitemap.xml", "/sitemap-tags.xml"):
        assert story.headline in content or story.slug in content, url
    for text in HIDDEN_TEXT:
        assert text not in content, (url, text)
    for story_ in hidden:
        assert story_.slug not in content, (url, story_.slug)


def test_it_forgets_a_withdrawn_story_on_every_cached_page(client, settings, newsroom_with_secrets):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    story, _ = newsroom_with_secrets
    addresses = [a for a in EVERY_PUBLIC_ADDRESS if a != "ARTICLE"]
    for address in addresses:
        client.get(address)
    unpublish(story)
    for address in addresses:
        content = client.get(address).content.decode()
        assert story.headline not in content and story.slug not in content, address


def test_it_answers_404_at_every_unpublished_storys_address(client, newsroom_with_secrets):
    _, hidden = newsroom_with_secrets
    for story in hidden:
        # 410 only for the story readers once saw; the others are indistinguishable from
        # a slug that never existed.
        expected = 410 if story.slug == "withdrawn-story" else 404
        assert client.get(story.get_absolute_url()).status_code == expected, story.slug
