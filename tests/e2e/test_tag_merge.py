"""In a real browser: a tag manager merges two tags, and the old tag address leads readers on."""

import pytest
from playwright.sync_api import expect

from articles.models import Tag, TagMerge
from articles.staff.roles import TAG_MANAGER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_merges_two_tags_and_the_old_page_redirects(page, live_server, make_staff, make_article):
    tag_manager = make_staff(TAG_MANAGER, "tags", password="a-long-tagging-password")
    make_article("Grid operator warns of winter cuts", tags=["Energy"])
    make_article("New solar farm opens near Lviv", tags=["Power supply"])

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("tags")
    page.get_by_label("Password").fill("a-long-tagging-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(f"{live_server.url}/admin/articles/tag/")
    page.get_by_role("row", name="Energy").get_by_role("checkbox").check()
    page.get_by_role("row", name="Power supply").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.locator("button[name=index]").click()

    expect(
        page.get_by_role("heading", name="Which tag should the others be merged into?")
    ).to_be_visible()
    page.get_by_label("Energy").check()
    page.get_by_role("button", name="Merge 2 tags").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged Power supply into Energy")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Energy"]
    assert TagMerge.objects.get().merged_by == tag_manager

    response = page.goto(f"{live_server.url}/tags/power-supply/")
    assert response.url == f"{live_server.url}/tags/energy/"
    assert response.request.redirected_from.url.endswith("/tags/power-supply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Energy")
    expect(page.locator("main")).to_contain_text("New solar farm opens near Lviv")
    expect(page.locator("main")).to_contain_text("Grid operator warns of winter cuts")


def test_it_offers_existing_tags_and_suggested_regions_in_the_article_form(
    page, live_server, make_staff, make_article, regions
):
    # A draft: autocomplete counts every story carrying a tag, published or not.
    make_article("Grid operator warns of winter cuts", tags=["Energy"], public=False)
    make_staff(superuser=True, username="chief", password="a-long-chief-password")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a-long-chief-password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").fill("Shelling near Kramatorsk; power cut in Kiev")
    page.locator("#id_tags").press_sequentially("Rail, ene")
    page.get_by_role("button", name="Energy 1 story").click()
    expect(page.locator("#id_tags")).to_have_value("Rail, Energy, ")

    page.get_by_role("button", name="Suggest regions and sources").click()
    page.get_by_role("button", name="Add Kyiv (“kiev”)").click()
    expect(page.get_by_role("button", name="Add Kramatorsk")).to_be_visible()
    selected = page.locator("#id_regions option:checked")
    expect(selected).to_have_text(["Kyiv"])
