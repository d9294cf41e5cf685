"""The review workflow in a real browser: a reporter writes and submits, an editor publishes."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, AuditEntry, Author, Section, Status
from articles.staff.roles import EDITOR, REPORTER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-newsroom-password"


@pytest.fixture
def rita_and_ed(make_staff):
    """Rita, a reporter credited as an author, and Ed, an editor; both can log in."""
    accounts = {
        "rita": make_staff(REPORTER, "rita", password=PASSWORD),
        "ed": make_staff(EDITOR, "ed", password=PASSWORD),
    }
    Author.objects.create(name="Rita Reporter", slug="rita-reporter", user=accounts["rita"])
    Section.objects.create(name="World", slug="world", order=1)
    return accounts


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def choose(page, field_id, typed, option):
    """Pick from an admin autocomplete (select2): open it, type, choose."""
    page.locator(f"#{field_id}").locator("xpath=..").locator(".select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def test_it_lets_a_reporter_submit_and_an_editor_publish(page, live_server, rita_and_ed):
    base = live_server.url
    log_in(page, base, "rita")
    page.goto(f"{base}/admin/articles/article/add/")
    expect(page.locator("#id_status option[value=published]")).to_have_count(0)
    page.locator("#id_headline").fill("Night trains return to Lviv")
    page.locator("#id_headline").press("Tab")
    page.locator("#id_standfirst").fill("The first sleeper left on time.")
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.type("Passengers cheered as the train pulled out.")
    choose(page, "id_section", "Wor", "World")
    choose(page, "id_article_authors-0-author", "Rita", "Rita Reporter")
    page.locator("#id_status").select_option("review")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    story = Article.objects.get(slug="night-trains-return-to-lviv")
    assert story.status == Status.REVIEW
    assert [e.action for e in AuditEntry.objects.filter(article=story).order_by("pk")] == [
        "created",
        "submitted",
    ]
    # The reporter can preview it, but a reader cannot see it.
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Night trains return to Lviv")
    reader = page.context.browser.new_context()
    reader_page = reader.new_page()
    reader_page.goto(f"{base}/")
    expect(reader_page.locator("body")).not_to_contain_text("Night trains return to Lviv")

    # The editor finds it in review and publishes it with the button on the story's form.
    page.context.clear_cookies()
    log_in(page, base, "ed")
    page.goto(f"{base}/admin/articles/article/?status__exact=review")
    page.get_by_role("link", name="Night trains return to Lviv").click()
    expect(page.locator(".workflow-state")).to_contain_text("In review")
    actions = page.locator(".actions", has=page.locator("select[name=CHANGE_FORM-action]"))
    actions.locator("select").select_option("publish_now")
    actions.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 story")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.is_public

    # The editor sees who did what.
    page.get_by_role("link", name="Revisions and audit trail").click()
    expect(page.locator(".audit-table")).to_contain_text("Submitted for review")
    expect(page.locator(".audit-table")).to_contain_text("ed")

    reader_page.goto(f"{base}/")
    reader_page.get_by_role("link", name="Night trains return to Lviv").first.click()
    expect(reader_page.locator("main")).to_contain_text("Passengers cheered")
    expect(reader_page.locator("main")).to_contain_text("Rita Reporter")
    reader.close()
