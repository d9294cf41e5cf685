"""Events: bad dates and rules refused with a clear message, bounded recurrence, a
postponement marking the plan and telling whoever is on it, deleting refused while coverage
was delivered."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import (
    Coverage,
    Event,
    EventStatus,
    Notification,
    PlanLine,
    PlanningAuditEntry,
)
from articles.planning import recurrence
from articles.planning.events import (
    delete_event,
    plan_event,
    plan_occurrences,
    save_event,
    set_status,
)
from articles.planning.sending import send_pending
from articles.workflow import publish

from .conftest import tomorrow_at


def test_it_refuses_an_event_that_ends_before_it_starts_and_keeps_nothing(editor):
    event = Event(title="Budget vote", starts_at=tomorrow_at(10), ends_at=tomorrow_at(9))
    with pytest.raises(ValidationError) as refused:
        save_event(event, by=editor)
    assert refused.value.message_dict == {"ends_at": ["It cannot end before it starts."]}
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "rule, message",
    [
        ("FREQ=HOURLY", "an event repeats at most daily"),
        ("BYDAY=TU", "A rule needs FREQ"),
        ("FREQ=WEEKLY;COUNT=100000", "COUNT must be from 1 to 1000"),
        ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=WEEKLY;BYDAY=XX", "The rule cannot be read"),
        ("FREQ=WEEKLY;UNTIL=tomorrow", "UNTIL=TOMORROW is not a date"),
    ],
)
def test_it_refuses_a_rule_it_cannot_use_with_a_message(editor, rule, message):
    event = Event(title="Council meets", starts_at=tomorrow_at(18), recurrence=rule)
    with pytest.raises(ValidationError, match=message):
        save_event(event, by=editor)


def test_it_stores_a_rule_tidily_with_until_in_utc(editor, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    event = save_event(
        Event(
            title="Council meets",
            starts_at=tomorrow_at(18),
            recurrence="rrule:freq=weekly;until=20300101",
        ),
        by=editor,
    )
    assert event.recurrence == "FREQ=WEEKLY;UNTIL=20300101T215959Z"


@settings(max_examples=30, deadline=None)
@given(
    frequency=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
    interval=st.integers(1, 3),
    days=st.integers(1, 4000),
)
def test_it_never_lists_more_than_its_bound_however_long_the_rule_runs(frequency, interval, days):
    start = timezone.now()
    found = recurrence.occurrences(
        f"FREQ={frequency};INTERVAL={interval}",
        start,
        after=start,
        before=start + timedelta(days=days),
    )
    assert len(found) <= recurrence.MAX_OCCURRENCES
    assert found == sorted(found) and all(start <= moment for moment in found)


def test_it_plans_a_line_per_occurrence_once_and_bounded(editor, world):
    event = save_event(
        Event(title="Council meets", starts_at=tomorrow_at(18), recurrence="FREQ=WEEKLY"),
        by=editor,
    )
    until = timezone.localdate() + timedelta(weeks=4)
    made = plan_occurrences(event, section=world, until=until, by=editor)
    assert len(made) == 4
    assert {line.slot for line in made} == {"evening"}
    assert plan_occurrences(event, section=world, until=until, by=editor) == []
    with pytest.raises(ValidationError, match="more than 60 plan lines"):
        plan_occurrences(event, section=world, until=until + timedelta(weeks=100), by=editor)
    assert PlanLine.objects.count() == 4


def test_it_marks_the_plan_and_tells_the_assignee_when_an_event_is_postponed(
    council, plan_line, cover, olena, news_desk, editor
):
    line = plan_line()
    line.events.add(council)
    news_desk.webhook_url = "https://chat.example/hooks/world"
    news_desk.save()
    coverage = cover(line, assignee=olena, desk=news_desk)
    Notification.objects.all().delete()
    set_status(council, EventStatus.POSTPONED, reason="The mayor is ill", by=editor)
    line.refresh_from_db()
    coverage.refresh_from_db()
    assert line.notice == "Event postponed: The mayor is ill"
    assert coverage.notice == "Event postponed: The mayor is ill"
    told = Notification.objects.get(recipient=olena)
    assert told.kind == "called_off"
    assert told.message == (
        "Postponed: City council votes on the 2027 budget — The mayor is ill (COUNCIL-BUDGET)"
    )
    assert told.link == f"/admin/articles/planline/{line.pk}/change/"
    assert Notification.objects.filter(desk=news_desk, kind="called_off").exists()
    assert PlanningAuditEntry.objects.filter(event=council, action="status").exists()
    set_status(council, EventStatus.CONFIRMED, by=editor)
    line.refresh_from_db()
    assert line.notice == ""


def test_it_asks_for_a_reason_to_cancel(council, editor):
    with pytest.raises(ValidationError, match="Say why it was cancelled"):
        set_status(council, EventStatus.CANCELLED, by=editor)
    assert Event.objects.get(pk=council.pk).status == EventStatus.CONFIRMED


def test_it_refuses_to_delete_an_event_whose_coverage_was_delivered(
    council, world, cover, olena, editor
):
    from articles.planning.coverage import start_coverage

    line = plan_event(council, section=world, by=editor)
    story = start_coverage(cover(line, assignee=olena), by=olena)
    story.byline_override = "Staff"
    story.save()
    publish(story, by=editor)
    with pytest.raises(
        ValidationError, match="its coverage “CITY-COUNCIL-VOTES-ON-THE-2027-BUDGET” was delivered"
    ):
        delete_event(council, by=editor)
    assert Event.objects.filter(pk=council.pk).exists()
    assert Coverage.objects.filter(plan_line=line).exists()


def test_it_adds_an_event_to_the_plan_on_its_day_and_place(council, world, editor, regions):
    line = plan_event(council, section=world, by=editor)
    assert line.planned_on == timezone.localdate(council.starts_at)
    assert line.slot == "morning"
    assert list(line.events.all()) == [council]
    assert list(line.regions.all()) == [regions["kyiv"]]


def test_it_sends_nothing_twice(council, plan_line, cover, olena, editor):
    cover(plan_line(), assignee=olena)
    assert send_pending()["emailed"] == 1
    assert send_pending()["emailed"] == 0
