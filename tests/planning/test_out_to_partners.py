"""Out to partners, readers and calendars: ninjs 3.2 events and plans valid against the
official schema (assignees left out), What's on with schema.org Event, iCalendar feeds."""

import json

import pytest
from icalendar import Calendar
from lxml import html

from articles.models import EventStatus
from articles.planning.calendars import new_address
from articles.planning.events import set_status


@pytest.fixture
def offered(plan_line, cover, council, olena, photo_desk, regions):
    line = plan_line(shared=True, expected_words=700)
    line.events.add(council)
    line.regions.add(regions["kyiv"])
    cover(line, assignee=olena)
    cover(line, kind="photo", desk=photo_desk)
    return line


def test_it_serves_events_and_plans_as_valid_ninjs_without_assignees(
    client, council, offered, ninjs_validator, olena
):
    for path in ("/api/ninjs/events/", f"/api/ninjs/events/{council.pk}/"):
        body = client.get(path).json()
        for item in body.get("items", [body]):
            ninjs_validator.validate(item)
    event = client.get(f"/api/ninjs/events/{council.pk}/").json()
    assert event["type"] == "event"
    assert event["eventDetails"]["dates"]["startDate"].endswith("Z")
    assert event["eventDetails"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventDetails"]["organiser"]["name"] == "Kyiv City Council"
    plans = client.get("/api/ninjs/plans/").json()["items"]
    assert [plan["slugline"] for plan in plans] == ["COUNCIL-BUDGET"]
    for plan in plans:
        ninjs_validator.validate(plan)
    plan = plans[0]
    assert plan["type"] == "planning"
    assert [c["type"] for c in plan["plannedCoverage"]] == ["text", "picture"]
    assert plan["plannedCoverage"][0]["wordCount"] == 700
    assert "Olena" not in json.dumps(plans) and "Photo desk" not in json.dumps(plans)


def test_it_names_assignees_only_when_told_to(client, offered, ninjs_validator, settings):
    settings.PLANNING_API_SHOWS_ASSIGNEES = True
    plan = client.get(f"/api/ninjs/plans/{offered.pk}/").json()
    ninjs_validator.validate(plan)
    assert plan["people"] == [{"name": "Olena Kovalenko", "rel": "assignee"}]


def test_it_keeps_unoffered_plans_and_private_events_out(client, plan_line, council, editor):
    line = plan_line()
    council.public = False
    council.save()
    assert client.get(f"/api/ninjs/plans/{line.pk}/").status_code == 404
    assert client.get(f"/api/ninjs/events/{council.pk}/").status_code == 404
    assert client.get("/api/ninjs/events/").json()["items"] == []
    assert client.get(council.get_absolute_url()).status_code == 404
    assert client.get("/api/ninjs/plans/?from=tomorrow").json() == {
        "error": "from must be a date, e.g. 2026-12-09."
    }


def test_it_shows_a_public_event_with_schema_org_event_data(client, council):
    response = client.get(council.get_absolute_url())
    document = html.fromstring(response.content)
    data = [json.loads(s.text) for s in document.xpath("//script[@type='application/ld+json']")]
    event = next(item for item in data if item["@type"] == "Event")
    assert event["name"] == council.title
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"]["name"] == "Kyiv City Hall, Khreshchatyk 36"
    assert event["organizer"] == [{"@type": "Organization", "name": "Kyiv City Council"}]
    listing = client.get("/whats-on/").content.decode()
    assert council.title in listing


def test_it_tells_readers_a_public_event_was_postponed(client, council, editor):
    set_status(council, EventStatus.POSTPONED, reason="The mayor is ill", by=editor)
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Postponed" in page and "The mayor is ill" in page
    calendar = Calendar.from_ical(client.get("/whats-on/calendar.ics").content)
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED" and str(entry["SUMMARY"]).startswith("Postponed:")


def test_it_serves_a_desk_calendar_at_its_secret_address_only_to_members(
    client, offered, olena, news_desk, editor
):
    feed = new_address(olena, desk=news_desk)
    response = client.get(feed.get_absolute_url())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    summaries = {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")}
    assert any(s.startswith("COUNCIL-BUDGET — ") for s in summaries)
    assert "City council votes on the 2027 budget" in summaries
    news_desk.members.remove(olena)
    assert client.get(feed.get_absolute_url()).status_code == 404
    assert client.get("/calendars/not-a-token.ics").status_code == 404


def test_it_serves_a_person_their_assignments_and_a_new_address_revokes_the_old(
    client, offered, olena
):
    old = new_address(olena)
    calendar = Calendar.from_ical(client.get(old.get_absolute_url()).content)
    assert any(
        str(e["SUMMARY"]).startswith("Due: COUNCIL-BUDGET (text)") for e in calendar.walk("VEVENT")
    )
    new_address(olena)
    assert client.get(old.get_absolute_url()).status_code == 404


def test_it_repeats_a_weekly_meeting_in_the_calendar(client, council, editor):
    council.recurrence = "FREQ=WEEKLY;COUNT=10"
    from articles.planning.events import save_event

    save_event(council, by=editor)
    entry = Calendar.from_ical(client.get("/whats-on/calendar.ics").content).walk("VEVENT")[0]
    assert entry["RRULE"]["FREQ"] == ["WEEKLY"] and entry["RRULE"]["COUNT"] == [10]
