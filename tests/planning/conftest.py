"""The planning desk's fixtures: desks with members, a council meeting, a day's plan.

- `news_desk`, `photo_desk` — the World desk (the `reporter` on it) and the Photo desk
  (`photographer`, a Reporter called "photographer", on it);
- `council` — a confirmed council meeting in Kyiv tomorrow at 10:00, organised by the city
  council (a source), public;
- `plan_line(**fields)` — a plan line for tomorrow morning on the World desk, saved through
  `articles.planning` by the `editor`;
- `cover(line, kind="text", **fields)` — a coverage on it, saved as the editor does.
"""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Author, Coverage, Desk, Event, EventStatus, PlanLine, Source
from articles.planning.budget import save_plan_line
from articles.planning.coverage import save_coverage
from articles.planning.events import save_event
from articles.staff.roles import REPORTER


def tomorrow_at(hour: int, minute: int = 0):
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def photographer(make_staff):
    user = make_staff(REPORTER, "photographer")
    User.objects.filter(pk=user.pk).update(
        first_name="Petro", last_name="Lens", email="petro@newsroom.example"
    )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def olena(reporter, reporter_author):
    """The `reporter` with a name, an email address and her author profile."""
    User.objects.filter(pk=reporter.pk).update(
        first_name="Olena", last_name="Kovalenko", email="olena@newsroom.example"
    )
    Author.objects.filter(pk=reporter_author.pk).update(user=reporter)
    return User.objects.get(pk=reporter.pk)


@pytest.fixture
def news_desk(world, olena):
    desk = Desk.objects.create(name="World desk", slug="world-desk", section=world, position=1)
    desk.members.add(olena)
    return desk


@pytest.fixture
def photo_desk(photographer):
    desk = Desk.objects.create(name="Photo desk", slug="photo-desk", position=2)
    desk.members.add(photographer)
    return desk


@pytest.fixture
def city_council(db):
    return Source.objects.create(
        name="Kyiv City Council", slug="kyiv-city-council", kind="government"
    )


@pytest.fixture
def council(regions, city_council, editor):
    event = Event(
        title="City council votes on the 2027 budget",
        description="The council meets to vote on next year's budget.",
        starts_at=tomorrow_at(10),
        ends_at=tomorrow_at(13),
        region=regions["kyiv"],
        venue="Kyiv City Hall, Khreshchatyk 36",
        status=EventStatus.CONFIRMED,
        public=True,
    )
    save_event(event, by=editor)
    event.organisers.add(city_council)
    return event


@pytest.fixture
def plan_line(world, news_desk, editor):
    def make(**fields):
        line = PlanLine(
            slug=fields.pop("slug", "COUNCIL-BUDGET"),
            headline=fields.pop("headline", "Council passes a budget with more for shelters"),
            section=fields.pop("section", world),
            desk=fields.pop("desk", news_desk),
            planned_on=fields.pop("planned_on", timezone.localdate() + timedelta(days=1)),
            slot=fields.pop("slot", "morning"),
            **fields,
        )
        return save_plan_line(line, by=editor)

    return make


@pytest.fixture
def cover(editor):
    def make(line, kind="text", **fields):
        return save_coverage(Coverage(plan_line=line, kind=kind, **fields), by=editor)

    return make
