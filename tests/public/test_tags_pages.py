"""Tag pages and the topics index: description, Media Topic, pinned stories, feed link, counts,
and nothing about tags that only unpublished stories carry."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Tag, TagPin
from articles.taxonomy.tags import merge_tags
from articles.workflow import publish, save_edits


def test_it_shows_description_media_topic_and_feed_link(client, published):
    energy = Tag.objects.get(name="Energy")
    energy.description = "Power, fuel & the grid."
    energy.mediatopic_uri = "http://cv.iptc.org/newscodes/mediatopic/20000735"
    energy.save()
    page = client.get("/tags/energy/").content.decode()
    assert "Power, fuel &amp; the grid." in page
    assert 'href="http://cv.iptc.org/newscodes/mediatopic/20000735"' in page
    assert 'href="/feeds/tags/energy/rss/"' in page
    assert client.get("/feeds/tags/energy/rss/").status_code == 200


def test_it_pins_published_stories_on_top_and_never_unpublished_ones(
    client, make_article, published, draft
):
    newer = make_article("A newer energy story", tags=["Energy"])
    energy = Tag.objects.get(name="Energy")
    TagPin.objects.create(tag=energy, article=published, position=0)
    TagPin.objects.create(tag=energy, article=draft, position=1)
    page = client.get("/tags/energy/").content.decode()
    pinned = page[page.index("Top stories on Energy") : page.index("Latest on Energy")]
    assert "Power restored in Kyiv" in pinned
    assert "SECRET DRAFT" not in page
    latest = page[page.index("Latest on Energy") :]
    assert newer.headline in latest and "Power restored in Kyiv" not in latest


def test_it_serves_a_tag_page_in_fixed_queries_whatever_the_pins(
    client, make_article, published, django_assert_max_num_queries
):
    energy = Tag.objects.get(name="Energy")
    with django_assert_max_num_queries(12):
        client.get("/tags/energy/")
    for n in range(3):
        story = make_article(f"Pinned {n}", tags=["Energy"])
        TagPin.objects.create(tag=energy, article=story, position=n)
    for n in range(15):
        make_article(f"More {n}", tags=["Energy"])
    with django_assert_max_num_queries(12):
        assert client.get("/tags/energy/").status_code == 200


def test_it_hides_tags_only_unpublished_stories_carry(
    client, published, draft, scheduled, withdrawn
):
    index = client.get("/tags/").content.decode()
    assert "Energy" in index and "Ukraine" in index
    for secret in ("Embargoed topic", "Future topic", "Withdrawn topic"):
        assert secret not in index
    assert client.get("/tags/embargoed-topic/").status_code == 404
    assert client.get("/tags/future-topic/").status_code == 404
    assert client.get("/tags/withdrawn-topic/").status_code == 404


def test_it_counts_a_merged_tags_stories_under_the_survivor_on_the_index(
    client, make_article, published, django_capture_on_commit_callbacks
):
    make_article(tags=["Power"])
    make_article(tags=["Power", "Energy"])
    assert ">Power<" in client.get("/tags/").content.decode()  # the counts are now cached
    with django_capture_on_commit_callbacks(execute=True):
        merge_tags(Tag.objects.get(name="Energy"), [Tag.objects.get(name="Power")])
    index = client.get("/tags/").content.decode()
    energy = index[index.index(">Energy<") :].split("</li>")[0]
    assert '<span class="count">3<' in energy
    assert ">Power<" not in index


def test_it_keeps_the_index_counts_cached_through_a_draft_save_and_refreshes_them_on_publish(
    client, published, draft
):
    with CaptureQueriesContext(connection) as first:
        assert client.get("/tags/").status_code == 200
    draft.headline = "A reworded draft headline"
    save_edits(draft)
    with CaptureQueriesContext(connection) as after_draft:
        page = client.get("/tags/").content.decode()
    # Served from the cache: the counting query did not run again.
    assert len(after_draft) < len(first)
    assert "Embargoed topic" not in page

    publish(draft)
    page = client.get("/tags/").content.decode()
    assert "Embargoed topic" in page
