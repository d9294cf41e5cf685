"""The article page: everything a reader needs, canonical addresses, structured data, More Stories."""

import json
import re
from datetime import timedelta

import pytest

from articles.models import Author, Correction, RelatedStory


def whole_seconds(moment) -> str:
    # Machine-readable times carry no microseconds (HTML allows at most three digits).
    return moment.replace(microsecond=0).isoformat()


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# The article page ------------------------------------------------------------------------


@pytest.fixture
def full_story(make_article, regions, reuters, reporter_author, substation_photo):
    colleague = Author.objects.create(name="Ivan Petrenko", slug="ivan-petrenko")
    story = make_article(
        "Power restored in Kyiv after overnight strikes",
        slug="power-restored-kyiv",
        standfirst="Engineers worked through the night.",
        body="<p>Lights came back on across the capital.</p>",
        dateline="KYIV",
        lead_image=substation_photo,
        regions=[regions["kyiv"]],
        sources=[reuters],
        authors=[reporter_author, colleague],
        tags=["Energy", "Ukraine"],
    )
    Correction.objects.create(
        article=story, kind="correction", text="An earlier version misnamed the operator."
    )
    return story


def test_it_shows_an_article_with_everything_a_reader_needs(client, full_story):
    response = client.get(full_story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<h1 class="story__headline">Power restored in Kyiv after overnight strikes</h1>' in html
    assert "Engineers worked through the night." in html
    assert "Lights came back on across the capital." in html
    assert 'By <a href="/authors/olena-kovalenko/">Olena Kovalenko</a> and ' in html
    assert '<a href="/authors/ivan-petrenko/">Ivan Petrenko</a>' in html
    assert '<p class="story__dateline">KYIV</p>' in html
    assert 'alt="Engineers repair a substation"' in html
    assert "Repairs at a substation on the city&#x27;s edge." in html
    assert "Jane Doe / Reuters" in html
    assert "<strong>Correction:</strong> An earlier version misnamed the operator." in html
    assert 'href="/regions/kyiv/">Kyiv</a>' in html
    assert 'href="/sources/reuters/">Reuters</a>' in html
    assert 'href="/tags/energy/">Energy</a>' in html
    assert f'<time datetime="{whole_seconds(full_story.published_at)}"' in html


def test_it_prints_a_byline_override_instead_of_linking_authors(
    client, make_article, reporter_author
):
    story = make_article(authors=[reporter_author], byline_override="Agencies")

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<span class="byline">Agencies</span>' in html
    assert "/authors/olena-kovalenko/" not in html


def test_it_shows_updated_times_for_updates_and_corrections(client, make_article):
    story = make_article()
    plain = client.get(story.get_absolute_url()).content.decode()
    story.updated_at = story.published_at + timedelta(minutes=30)
    story.save()

    updated = client.get(story.get_absolute_url()).content.decode()

    assert "Updated " not in plain
    assert f'Updated <time datetime="{whole_seconds(story.updated_at)}"' in updated
    modified = _json_ld(updated)[0]["dateModified"]
    assert modified == whole_seconds(story.updated_at)


def test_it_gives_crawlers_canonical_opengraph_and_json_ld(client, full_story, settings):
    settings.SITE_URL = "https://news.example.org"

    html = client.get(full_story.get_absolute_url()).content.decode()

    canonical = f"https://news.example.org{full_story.get_absolute_url()}"
    key = full_story.lead_image.key.hex
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert re.fullmatch(
        rf"https://news.example.org/media/renditions/{key}/\w+/share-1200.jpg", image
    )
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="628">' in html
    assert '<meta property="article:tag" content="Energy">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:image:alt" content="Engineers repair a substation">' in html
    news, crumbs = _json_ld(html)
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == full_story.headline
    assert news["datePublished"] == whole_seconds(full_story.published_at)
    assert [a["name"] for a in news["author"]] == ["Olena Kovalenko", "Ivan Petrenko"]
    assert all(url.startswith("https://news.example.org/media/") for url in news["image"])
    assert news["correction"][0]["@type"] == "CorrectionComment"
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]


def test_it_escapes_a_headline_that_tries_to_close_the_json_ld_script(client, make_article):
    story = make_article("</script><script>alert(1)</script>")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "</script><script>" not in html
    assert "<script>alert(1)" not in html
    assert _json_ld(html)[0]["headline"] == "</script><script>alert(1)</script>"


def test_it_redirects_a_non_canonical_article_address_permanently(client, make_article, sports):
    story = make_article(slug="ferry-sinks")
    canonical = story.get_absolute_url()
    wrong_section = canonical.replace("/world/", "/sports/")
    wrong_date = re.sub(r"/\d{4}/\d{2}/\d{2}/", "/1999/01/01/", canonical)

    for address in (wrong_section, wrong_date):
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == canonical
    assert client.get(wrong_date + "?utm_source=x")["Location"] == canonical + "?utm_source=x"


def test_it_shows_more_stories_on_the_article_page(client, make_article, regions):
    story = make_article(regions=[regions["kyiv"]])
    pinned = make_article("Pinned explainer on the grid")
    neighbour = make_article("Another Kyiv story", regions=[regions["kyiv"]])
    RelatedStory.objects.create(article=story, related=pinned, position=0)

    html = client.get(story.get_absolute_url()).content.decode()

    box = html.split('id="more-stories-heading"')[1]
    assert box.index(pinned.headline) < box.index(neighbour.headline)
