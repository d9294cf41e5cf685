"""A reader's journey in a real browser, on a phone: the home page, a section, a story, one of
its topics, one of its places, a search, and the feed the page announces, in light and dark."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom(make_article, regions, reuters, reporter_author, sports):
    make_article("Grain ships leave Odesa under escort", tags=["Grain"], regions=[regions["kyiv"]])
    make_article("Shakhtar win the cup", section=sports, tags=["Football"])
    return make_article(
        "Power restored in Kramatorsk after overnight strikes",
        standfirst="Engineers worked through the night.",
        body="<p>" + "Residents queued for water. " * 120 + "</p>",
        authors=[reporter_author],
        regions=[regions["kramatorsk"]],
        sources=[reuters],
        tags=["Energy"],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_takes_a_reader_from_the_front_page_to_a_feed(browser, live_server, newsroom, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="World").click()
    expect(page.get_by_role("heading", level=1, name="World")).to_be_visible()

    page.get_by_role("link", name=newsroom.headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(newsroom.headline)
    expect(page.get_by_text("3 min read")).to_be_visible()
    share = page.get_by_role("navigation", name="Share this story")
    expect(share.get_by_role("link", name="Email this story")).to_be_visible()

    page.get_by_role("link", name="Energy", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Energy")).to_be_visible()
    card_byline = page.locator(".card .byline a", has_text="Olena Kovalenko")
    expect(card_byline).to_have_attribute("href", "/authors/olena-kovalenko/")
    expect(page.locator(".card .time-ago")).to_contain_text("hour ago")

    page.get_by_role("link", name=newsroom.headline).click()
    page.get_by_role("link", name="Kramatorsk", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Kramatorsk")).to_be_visible()

    search = page.get_by_role("search", name="Site search")
    search.get_by_role("searchbox").fill("Kramatorsk")
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “Kramatorsk”")

    page.goto(f"{base}/regions/kramatorsk/")
    feed = page.locator("link[rel=alternate][type='application/atom+xml']").last
    href = feed.get_attribute("href")
    assert href == "/feeds/regions/kramatorsk/atom/"
    answer = page.request.get(f"{base}{href}")
    assert answer.ok and newsroom.headline in answer.text()
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    context.close()
