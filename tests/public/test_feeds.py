"""RSS and Atom feeds: what a feed reader receives, and what it must never receive."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://news.example.org"
    settings.FEED_ID_AUTHORITY = "news.example.org"
    settings.SITE_NAME = "The Example Times"


def rss_items(response):
    assert response.status_code == 200
    return ET.fromstring(response.content).find("channel").findall("item")


def atom_entries(response):
    assert response.status_code == 200
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_it_lists_only_published_stories(client, published, draft, scheduled, withdrawn):
    response = client.get("/feeds/latest/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in rss_items(response)] == [published.headline]
    for hidden in (draft, scheduled, withdrawn):
        assert hidden.headline.encode() not in response.content
        assert hidden.slug.encode() not in response.content


def test_it_describes_each_item_for_feed_readers(client, published):
    (item,) = rss_items(client.get("/feeds/latest/rss/"))

    assert item.findtext("link") == f"https://news.example.org{published.get_absolute_url()}"
    assert item.findtext("description") == "Officials say repairs will take weeks."
    assert item.findtext(DC_CREATOR) == "Olena Kovalenko"
    assert item.findtext("pubDate")
    assert [c.text for c in item.findall("category")] == ["World", "Energy", "Ukraine"]
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.startswith("tag:news.example.org,")
    assert guid.text.endswith(f":article:{published.pk}")


def test_it_keeps_the_guid_when_the_slug_changes(client, published):
    (before,) = rss_items(client.get("/feeds/latest/rss/"))
    published.slug = "power-back-in-kyiv"
    published.save()

    (after,) = rss_items(client.get("/feeds/latest/rss/"))

    assert after.findtext("guid") == before.findtext("guid")
    assert after.findtext("link") != before.findtext("link")


def test_it_gives_atom_entries_an_id_updated_time_and_author(client, published):
    published.updated_at = timezone.now()
    published.save()

    response = client.get("/feeds/latest/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    (entry,) = atom_entries(response)
    assert entry.findtext(f"{ATOM}title") == published.headline
    assert entry.findtext(f"{ATOM}id").endswith(f":article:{published.pk}")
    assert entry.findtext(f"{ATOM}updated") == published.updated_at.isoformat()
    assert entry.findtext(f"{ATOM}published") == published.published_at.isoformat()
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Olena Kovalenko"
    assert response.has_header("Last-Modified")


def test_it_dates_an_atom_entry_by_its_latest_correction(client, published):
    correction = published.corrections.create(text="An earlier version misnamed the plant.")

    (entry,) = atom_entries(client.get("/feeds/latest/atom/"))

    assert entry.findtext(f"{ATOM}updated") == correction.created_at.isoformat()


def test_it_credits_the_publication_on_unsigned_atom_entries(client, make_article):
    story = make_article("Agencies report heavy rain")
    # publish() refuses unsigned stories; older or imported ones may still have no byline.
    Article.objects.filter(pk=story.pk).update(byline_override="")

    response = client.get("/feeds/latest/atom/")

    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "The Example Times"
    (entry,) = atom_entries(response)
    assert entry.find(f"{ATOM}author") is None


def test_it_survives_control_characters_in_a_headline(client, make_article):
    make_article("Strikes\x0b hit\x01 Kharkiv\x1f overnight", standfirst="Ten\x08 injured.")

    rss = rss_items(client.get("/feeds/latest/rss/"))
    atom = atom_entries(client.get("/feeds/latest/atom/"))

    assert rss[0].findtext("title") == "Strikes hit Kharkiv overnight"
    assert rss[0].findtext("description") == "Ten injured."
    assert atom[0].findtext(f"{ATOM}title") == "Strikes hit Kharkiv overnight"


def test_it_escapes_markup_in_headlines(client, make_article):
    make_article("Q&A: <script>alert(1)</script> ]]> explained")

    (item,) = rss_items(client.get("/feeds/latest/rss/"))
    (entry,) = atom_entries(client.get("/feeds/latest/atom/"))

    # Titles are plain text in both formats: the markup arrives as text, escaped once.
    assert item.findtext("title") == "Q&A: <script>alert(1)</script> ]]> explained"
    assert entry.findtext(f"{ATOM}title") == "Q&A: <script>alert(1)</script> ]]> explained"


def test_it_attaches_the_picture_with_its_real_length_and_type(
    client, make_article, substation_photo, settings
):
    make_article("Flooding in Odesa", lead_image=substation_photo)

    (item,) = rss_items(client.get("/feeds/latest/rss/"))
    (entry,) = atom_entries(client.get("/feeds/latest/atom/"))

    enclosure = item.find("enclosure")
    url = enclosure.get("url")
    assert url.startswith(f"https://news.example.org/media/renditions/{substation_photo.key.hex}/")
    assert url.endswith("/wide-1024.jpg")
    stored = Path(settings.MEDIA_ROOT) / url.split("/media/", 1)[1]
    assert enclosure.get("length") == str(stored.stat().st_size)
    assert enclosure.get("type") == "image/jpeg"
    assert entry.find(f"{ATOM}link[@rel='enclosure']").get("href") == url


def test_it_feeds_a_section(client, make_article, sports, published):
    match = make_article("Shakhtar win the cup", section=sports)

    items = rss_items(client.get("/feeds/section/sports/rss/"))

    assert [item.findtext("title") for item in items] == [match.headline]


def test_it_feeds_a_tag(client, make_article, published, draft):
    make_article("Grain exports resume", tags=["Agriculture"])

    items = rss_items(client.get("/feeds/tags/energy/rss/"))

    assert [item.findtext("title") for item in items] == [published.headline]


def test_it_hides_a_tag_without_published_stories(client, published, draft, withdrawn):
    assert client.get("/feeds/tags/embargoed-topic/rss/").status_code == 404
    assert client.get("/feeds/tags/withdrawn-topic/rss/").status_code == 404


def test_it_rolls_up_a_region_feed(client, make_article, regions, published):
    in_kramatorsk = make_article("Rail link reopens", regions=[regions["kramatorsk"]])

    ukraine = rss_items(client.get("/feeds/regions/ukraine/rss/"))
    donbas = rss_items(client.get("/feeds/regions/donbas/rss/"))
    poland = rss_items(client.get("/feeds/regions/poland/rss/"))

    assert {item.findtext("title") for item in ukraine} == {
        published.headline,
        in_kramatorsk.headline,
    }
    assert [item.findtext("title") for item in donbas] == [in_kramatorsk.headline]
    assert poland == []


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/no-such-desk/rss/",
        "/feeds/tags/no-such-tag/rss/",
        "/feeds/regions/atlantis/rss/",
    ],
)
def test_it_answers_404_for_unknown_subjects(client, db, url):
    assert client.get(url).status_code == 404


def test_it_keeps_the_30_newest_stories(client, make_article):
    now = timezone.now()
    for hours in range(32):
        make_article(f"Bulletin {hours}", when=now - timedelta(hours=hours + 1))

    items = rss_items(client.get("/feeds/latest/rss/"))

    assert len(items) == 30
    assert items[0].findtext("title") == "Bulletin 0"
    assert items[-1].findtext("title") == "Bulletin 29"


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/feeds/latest/rss/", 4),
        ("/feeds/latest/atom/", 4),
        ("/feeds/section/world/rss/", 5),
        ("/feeds/tags/energy/rss/", 6),
        ("/feeds/regions/donbas/rss/", 6),
    ],
)
def test_it_builds_feeds_in_fixed_queries(
    client,
    build_stories,
    reporter_author,
    django_assert_max_num_queries,
    count,
    url,
    budget,
):
    build_stories(reporter_author, count, sources=False)

    with django_assert_max_num_queries(budget):
        items = rss_items(client.get(url)) if "rss" in url else atom_entries(client.get(url))

    assert len(items) == count
