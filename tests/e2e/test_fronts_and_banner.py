"""On deadline, in a real browser: an editor arranges the home front (a pinned lead, slots
reordered by dragging and by keyboard) and schedules a lead swap, and a reader sees each at its
time; a breaking-news banner goes up on every page at once and comes down by itself.

The page cache is on, as in production, so the reader's pages are fresh because the cache
knows, not because nothing was cached. The server's clock is moved with time-machine (the live
server runs in this process) and the reader's browser clock with Playwright's, so a scheduled
moment arrives without waiting for it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Arrangement, Banner
from articles.staff.roles import EDITOR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-deadline-password"


@pytest.fixture
def newsroom(make_staff, make_article, page_cache):
    """An editor who can log in, and a morning's three stories (the newest leads by itself)."""
    make_staff(EDITOR, "ed", password=PASSWORD)
    now = timezone.now()
    return {
        "talks": make_article("Ceasefire talks resume in Geneva", when=now - timedelta(hours=3)),
        "grain": make_article(
            "Grain ships leave Odesa under escort", when=now - timedelta(hours=2)
        ),
        "strikes": make_article(
            "Overnight strikes hit Kharkiv power plant", when=now - timedelta(hours=1)
        ),
    }


def log_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def choose(page, field_id, typed, option):
    """Pick from an admin autocomplete (select2): open it, type, choose."""
    page.locator(f"#{field_id}").locator("xpath=..").locator(".select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


def test_it_lets_an_editor_pin_a_lead_and_schedule_a_swap_that_readers_see_on_time(
    page, live_server, newsroom, time_machine
):
    base = live_server.url
    reader = page.context.browser.new_context().new_page()
    reader.goto(f"{base}/")
    lead = reader.locator(".front-lead__headline")
    expect(lead).to_have_text("Overnight strikes hit Kharkiv power plant")

    log_in(page, base)
    page.goto(f"{base}/admin/articles/front/add/")
    page.locator("input[name=_save]").click()
    expect(page.get_by_role("heading", name="Arrange the Home page front")).to_be_visible()

    add = page.get_by_role("button", name="Add a slot")
    add.click()
    page.locator("#id_slots-0-kind").select_option("lead")
    choose(page, "id_slots-0-story", "geneva", "Ceasefire talks resume in Geneva — World")
    add.click()
    page.locator("#id_slots-1-kind").select_option("top")
    page.locator("#id_slots-1-count").fill("2")

    # Reorder by dragging slot 2 above slot 1, then back with the keyboard.
    slots = page.locator(".front-slots > .front-slot")
    slots.nth(1).locator(".front-slot__handle").drag_to(
        slots.nth(0), target_position={"x": 20, "y": 5}
    )
    expect(slots.nth(0).locator("select[name$=-kind]")).to_have_value("top")
    page.get_by_role("button", name="Move slot 1 down").focus()
    page.keyboard.press("Enter")
    expect(slots.nth(0).locator("select[name$=-kind]")).to_have_value("lead")
    expect(page.get_by_role("button", name="Move slot 2 down")).to_be_focused()
    expect(page.locator(".front-editor__status")).to_have_text("Slot moved to position 2 of 2.")

    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("readers see the new Home page front now")
    reader.reload()
    expect(lead).to_have_text("Ceasefire talks resume in Geneva")
    expect(reader.locator(".front-block--top .card__headline")).to_have_text(
        ["Overnight strikes hit Kharkiv power plant", "Grain ships leave Odesa under escort"]
    )

    # A new lead at six: the form starts from the live front; swap the pinned story.
    six = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    choose(page, "id_slots-0-story", "grain", "Grain ships leave Odesa under escort — World")
    page.get_by_label("Go live at").fill(local(six))
    page.get_by_label("Note for the desk").fill("Grain leads at six")
    page.get_by_role("button", name="Schedule for the time above").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled")
    expect(page.locator(".front-history")).to_contain_text("Grain leads at six")
    assert Arrangement.objects.filter(goes_live_at=six).exists()

    reader.reload()
    expect(lead).to_have_text("Ceasefire talks resume in Geneva")
    time_machine.move_to(six + timedelta(seconds=1))
    reader.reload()
    expect(lead).to_have_text("Grain ships leave Odesa under escort")
    reader.context.close()


def test_it_raises_a_banner_on_every_page_that_comes_down_by_itself(
    page, live_server, newsroom, time_machine
):
    base = live_server.url
    story = newsroom["strikes"]
    reader = page.context.browser.new_context().new_page()
    reader.clock.install()
    reader.goto(f"{base}/")
    reader.goto(f"{base}{story.get_absolute_url()}")  # both pages cached without a banner
    expect(reader.locator(".breaking-banner")).to_have_count(0)

    log_in(page, base)
    page.goto(f"{base}/admin/articles/banner/add/")
    page.get_by_label("Text").fill("Explosions heard in central Kharkiv")
    page.get_by_label("Level").select_option("breaking")
    choose(page, "id_link", "kharkiv", "Overnight strikes hit Kharkiv power plant")
    page.get_by_label("Comes down after").select_option("15")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Raised: every public page shows")
    banner = Banner.objects.get()

    for address in ("/", story.get_absolute_url(), "/world/"):
        reader.goto(f"{base}{address}")
        alert = reader.get_by_role("region", name="News alert")
        expect(alert).to_contain_text("Breaking")
        expect(
            alert.get_by_role("link", name="Explosions heard in central Kharkiv")
        ).to_have_attribute("href", story.get_absolute_url())
    # On a phone: the banner wraps, nothing scrolls sideways.
    reader.set_viewport_size({"width": 320, "height": 640})
    expect(reader.get_by_role("region", name="News alert")).to_be_visible()
    assert reader.evaluate("document.documentElement.scrollWidth") <= 320

    # Fifteen minutes later nobody has touched it: the open page drops it, and so does the site.
    time_machine.move_to(banner.expires_at + timedelta(seconds=1))
    reader.clock.fast_forward("15:01")
    expect(reader.get_by_role("region", name="News alert")).to_be_hidden()
    reader.reload()
    expect(reader.locator(".breaking-banner")).to_have_count(0)

    page.goto(f"{base}/admin/articles/banner/")
    row = page.get_by_role("row", name="Explosions heard in central Kharkiv")
    expect(row).to_contain_text("Expired")
    expect(row).to_contain_text("ed")
    reader.context.close()
