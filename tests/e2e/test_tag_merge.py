"""In a real browser: a tag manager merges two tags, and the old tag address leads readers on."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections
from playwright.sync_api import expect

from articles.models import Tag, TagMerge

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _one_shared_test_database(live_server, transactional_db):
    """Let the live server's request threads share this thread's in-memory SQLite connection.

    pytest-django starts the session's live server before the test database exists, so it
    shares no connection; each request thread then opens its own connection to the in-memory
    database, which Django never closes (closing would destroy the database), and the garbage
    collector later reports it as an unclosed-database ResourceWarning — an error here.
    """
    connection = connections["default"]
    shared = live_server.thread.connections_override
    if connection.vendor == "sqlite" and connection.is_in_memory_db() and not shared:
        # For the rest of the session, like the server itself: request threads on kept-alive
        # browser connections may still be finishing after this test ends.
        connection.inc_thread_sharing()
        shared["default"] = connection


@pytest.fixture
def tag_manager(db):
    user = User.objects.create_user("tags", password="a-long-tagging-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Tag manager"))
    return user


def test_it_merges_two_tags_and_the_old_page_redirects(
    page, live_server, tag_manager, make_article
):
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
