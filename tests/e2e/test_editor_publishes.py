"""A newcomer's first story, in a real browser: an editor writes, publishes, and a reader reads."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Section, Status
from articles.staff.roles import EDITOR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_lets_an_editor_publish_a_story_a_reader_then_reads(page, live_server, make_staff):
    make_staff(EDITOR, "ed", password="a-long-editor-password")
    Section.objects.create(name="World", slug="world", order=1)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").fill("Trains to Kyiv resume after three-day halt")
    page.locator("#id_headline").press("Tab")  # the slug fills itself from the headline
    expect(page.locator("#id_slug")).to_have_value("trains-to-kyiv-resume-after-three-day-halt")
    page.locator("#id_standfirst").fill("Rail operator says night services will follow next week.")
    editor_area = page.locator(".prose-editor [contenteditable=true]")
    editor_area.click()
    page.keyboard.type("The first train left at dawn, carrying 400 passengers.")
    page.locator("#id_byline_override").fill("Staff Correspondent")
    page.locator("#id_dateline").fill("KYIV")
    # Section is an autocomplete (select2): open it, type, pick.
    page.locator("#id_section").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Wor")
    page.locator(".select2-results__option", has_text="World").click()
    page.locator("#id_tags").fill("Rail, Ukraine")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    story = Article.objects.get(slug="trains-to-kyiv-resume-after-three-day-halt")
    assert story.status == Status.DRAFT
    assert "400 passengers" in story.body

    # A reader cannot see the draft yet.
    reader = page.context.browser.new_context()
    reader_page = reader.new_page()
    reader_page.goto(f"{live_server.url}/")
    expect(reader_page.locator("body")).not_to_contain_text("Trains to Kyiv resume")

    # The editor publishes it from the list with the bulk action.
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.get_by_role("row", name="Trains to Kyiv resume").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("publish_now")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED

    # The reader now finds it on the home page, opens it, and reads the body.
    reader_page.goto(f"{live_server.url}/")
    reader_page.get_by_role("link", name="Trains to Kyiv resume after three-day halt").first.click()
    expect(reader_page.get_by_role("heading", level=1)).to_have_text(
        "Trains to Kyiv resume after three-day halt"
    )
    expect(reader_page.locator("main")).to_contain_text("carrying 400 passengers")
    expect(reader_page.locator("main")).to_contain_text("Staff Correspondent")
    reader.close()
