"""The planning desk in a real browser: an editor plans tomorrow and assigns a text coverage to
the World desk, re-plans it from the keyboard; a reporter on that desk takes it from "My
assignments" and starts the story, which opens pre-filled; the editor publishes it and the
budget shows it delivered; the event it covers is postponed and the reporter finds the
notification, which opens the plan line."""

from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Coverage, CoverageStatus, Desk, Event, EventStatus, PlanLine, Section
from articles.planning.events import save_event
from articles.staff.roles import EDITOR, REPORTER
from tests.e2e.waiting import eventually

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_plans_assigns_starts_delivers_and_tells_of_a_postponement(
    signed_in, live_server, make_staff
):
    world = Section.objects.create(name="World", slug="world", order=1)
    editor = make_staff(EDITOR, "ed")
    reporter = make_staff(REPORTER, "rita")
    User.objects.filter(pk=reporter.pk).update(first_name="Rita", last_name="Reporter")
    desk = Desk.objects.create(name="World desk", slug="world-desk", section=world)
    desk.members.add(reporter)
    tomorrow = timezone.localdate() + timedelta(days=1)
    council = save_event(
        Event(
            title="City council votes on the budget",
            starts_at=timezone.make_aware(datetime.combine(tomorrow, clock(10))),
            status=EventStatus.CONFIRMED,
        ),
        by=editor,
    )
    day = f"{tomorrow:%Y-%m-%d}"

    # The editor plans tomorrow: a line, and text coverage for the World desk's members.
    desk_page = signed_in(editor).new_page()
    desk_page.goto(f"{live_server.url}/admin/articles/planline/add/?day={day}")
    desk_page.locator("#id_slug").fill("council budget")
    desk_page.locator("#id_headline").fill("Council passes a budget with more for shelters")
    desk_page.locator("#id_section").select_option(label="World")
    desk_page.locator("#id_desk").select_option(label="World desk")
    desk_page.locator("#id_slot").select_option("morning")
    desk_page.locator("#id_coverages-0-kind").select_option("text")
    desk_page.locator("#id_coverages-0-desk").select_option(label="World desk")
    desk_page.locator("#id_coverages-0-due_at_0").fill(day)
    desk_page.locator("#id_coverages-0-due_at_1").fill("17:00")
    desk_page.get_by_role("button", name="Save", exact=True).click()
    expect(desk_page.locator(".messagelist")).to_contain_text("was added successfully")
    line = PlanLine.objects.get()
    line.events.add(council)

    # The budget shows it; the editor moves it to the evening with the keyboard form.
    desk_page.goto(f"{live_server.url}/admin/articles/planline/?day={day}")
    entry = desk_page.locator(f"#line-{line.pk}")
    expect(entry).to_contain_text("World desk — open to its members")
    entry.get_by_label("Slot").select_option("evening")
    entry.get_by_role("button", name="Move COUNCIL-BUDGET").press("Enter")
    expect(desk_page.locator(".messagelist")).to_contain_text("COUNCIL-BUDGET moved to")
    expect(desk_page.locator(f"#line-{line.pk}")).to_contain_text("Evening")

    # The reporter takes the desk's assignment and starts the story.
    reporter_page = signed_in(reporter).new_page()
    reporter_page.goto(f"{live_server.url}/admin/articles/coverage/")
    reporter_page.get_by_role("button", name="Take COUNCIL-BUDGET (text)").click()
    expect(reporter_page.locator(".messagelist")).to_contain_text("It is yours")
    reporter_page.get_by_role("button", name="Start COUNCIL-BUDGET (text)").click()
    expect(reporter_page.locator(".messagelist")).to_contain_text("filled in from the plan")
    expect(reporter_page.locator("#id_headline")).to_have_value(
        "Council passes a budget with more for shelters"
    )
    coverage = Coverage.objects.get()
    assert coverage.assignee == reporter and coverage.status == CoverageStatus.IN_PROGRESS

    # The editor publishes the story; the budget shows the coverage delivered.
    desk_page.goto(f"{live_server.url}/admin/articles/article/{coverage.article_id}/change/")
    desk_page.locator(".save-bar__publish").click()
    expect(desk_page.locator(".messagelist")).to_contain_text("successfully")
    eventually(lambda: Coverage.objects.get().status == CoverageStatus.DELIVERED)
    desk_page.goto(f"{live_server.url}/admin/articles/planline/?day={day}")
    expect(desk_page.locator(f"#line-{line.pk}")).to_contain_text("Delivered")

    # The event is postponed; the reporter is told, and the notification opens the line.
    desk_page.goto(f"{live_server.url}/admin/articles/event/{council.pk}/change/")
    desk_page.locator("#id_status").select_option("postponed")
    desk_page.locator("#id_status_reason").fill("The mayor is ill")
    desk_page.get_by_role("button", name="Save", exact=True).click()
    expect(desk_page.locator(".messagelist")).to_contain_text("was changed successfully")
    reporter_page.goto(f"{live_server.url}/admin/articles/coverage/")
    notice = reporter_page.get_by_role("link", name="Postponed: City council votes on the budget")
    expect(notice).to_be_visible()
    notice.click()
    expect(reporter_page).to_have_url(
        f"{live_server.url}/admin/articles/planline/{line.pk}/change/"
    )
    expect(reporter_page.locator("body")).to_contain_text("Event postponed: The mayor is ill")
