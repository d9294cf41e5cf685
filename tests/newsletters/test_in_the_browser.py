"""In a real browser: a reader signs up from a story page with JavaScript off, confirms with
the button, receives the next issue and leaves one newsletter in one click; an editor composes
an issue from the home front, test-sends it and schedules it. Mail goes through a real SMTP
server on loopback (`mailbox`), and the page cache is on, as in production."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Front, Issue, IssueStatus, SlotKind
from articles.newsletters import composing, sending
from articles.staff.roles import EDITOR
from tests.e2e.conftest import CHROMIUM, browser_type_launch_args  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("NEWSROOM_REQUIRE_BROWSER"),
        reason="Chromium is not installed (apt-get install chromium)",
    ),
]

PASSWORD = "a-long-deadline-password"


def link_in(message, pattern: str) -> str:
    text = message.get_body(("plain",)).get_content()
    return re.search(pattern, text)[0]


def test_it_takes_a_reader_from_sign_up_to_one_click_unsubscribe(
    browser, live_server, settings, mailbox, morning, weekly, published, editor, page_cache
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    reader = browser.new_context(java_script_enabled=False).new_page()
    reader.goto(f"{base}{published.get_absolute_url()}")
    block = reader.get_by_role("complementary", name="Get our newsletters")
    block.get_by_label("The Week in Ukraine").check()
    block.get_by_label("Your email address").fill("olena@example.com")
    block.get_by_role("button", name="Sign up").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    [confirmation] = mailbox.parsed()
    reader.goto(link_in(confirmation, r"http://\S+/newsletters/confirm/\S+/"))
    reader.get_by_role("button", name="Yes, send me these newsletters").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("You are signed up")

    issue = composing.new_issue(
        morning, by=editor, stories=[published], subject="Morning Briefing", preheader="Today"
    )
    sending.send_now(issue, by=editor)
    sending.start(issue.pk)
    sending.send_batch(issue.pk)
    briefing = mailbox.parsed()[-1]
    assert briefing["To"] == "olena@example.com"
    assert briefing["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.search(r"<(http[^>]+)>", briefing["List-Unsubscribe"])[1]

    # The mailbox's own "Unsubscribe" button: one POST, no cookie, no page.
    answer = reader.context.request.post(one_click, form={"List-Unsubscribe": "One-Click"})
    assert answer.ok
    reader.goto(link_in(briefing, r"http://\S+/newsletters/preferences/\S+/"))
    expect(reader.get_by_label("Morning Briefing")).not_to_be_checked()
    expect(reader.get_by_label("The Week in Ukraine")).to_be_checked()
    reader.context.close()


def test_it_lets_an_editor_compose_from_the_front_test_send_and_schedule(
    page,
    live_server,
    settings,
    mailbox,
    morning,
    make_reader,
    make_staff,
    make_article,
    arrange_front,
):
    settings.SITE_URL = live_server.url
    lead = make_article("Ceasefire talks resume in Geneva")
    arrange_front({"kind": SlotKind.LEAD, "story": lead}, {"kind": SlotKind.TOP, "count": 2})
    make_article("Grain ships leave Odesa under escort")
    make_reader("olena@example.com", morning)
    editor = make_staff(EDITOR, "ed", password=PASSWORD)
    editor.email = "ed@news.example.org"
    editor.save()
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/admin/articles/issue/add/")
    page.get_by_label("Newsletter").select_option(label="Morning Briefing")
    page.locator("input[name=_save]").click()

    page.get_by_label("Start from a front").select_option(label=str(Front.objects.get()))
    page.get_by_role("button", name="Add its stories").click()
    expect(page.locator(".messagelist")).to_contain_text("Added 2 stories")
    page.get_by_label("Subject").fill("Morning Briefing: talks resume")
    page.get_by_label("Preheader").fill("Negotiators are back in Geneva.")
    page.get_by_role("button", name="Save and test-send").click()
    expect(page.locator(".messagelist")).to_contain_text("Test sent to ed@news.example.org")
    [test] = mailbox.parsed()
    assert test["Subject"] == "[TEST] Morning Briefing: talks resume"
    assert "Ceasefire talks resume in Geneva" in test.get_body(("html",)).get_content()

    when = timezone.localtime(timezone.now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Send at").fill(when)
    page.get_by_role("button", name="Save and schedule").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled for")
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.SCHEDULED
    assert [b.story.headline for b in issue.blocks.all()][0] == "Ceasefire talks resume in Geneva"
