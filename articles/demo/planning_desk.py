"""The demo's planning desk: two desks, a handful of events and today's budget.

Today holds a line in every state the budget shows — an idea nobody is on yet, assigned
coverage, a story in progress, one filed for review, one already published (its coverage
delivered), a photo the Photo desk has open for its members to take, a cancelled coverage —
and a press conference that was postponed, whose line and assignee carry the reason. A weekly
council session recurs; a grain forum is known only to the month. Everything goes through
`articles.planning` as an editor would do it. A second run finds the desks and does nothing.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..models import (
    Article,
    Coverage,
    DatePrecision,
    Desk,
    Event,
    EventStatus,
    PlanLine,
    Region,
    Section,
    Source,
    Tag,
)
from ..planning.budget import save_plan_line
from ..planning.coverage import save_coverage, start_coverage
from ..planning.events import save_event, set_status
from ..workflow import submit_for_review


def _today_at(hour: int, minute: int = 0, days: int = 0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _section(*slugs) -> Section:
    return Section.objects.filter(slug__in=slugs).first() or Section.objects.first()


def _events(editor) -> dict:
    kyiv = Region.objects.filter(slug="kyiv").first()
    council = Source.objects.filter(kind="government").first()
    made = {}
    for key, fields in {
        "session": dict(
            title="Kyiv City Council weekly session",
            description="The council's regular Thursday session, open to the public.",
            starts_at=_today_at(10),
            ends_at=_today_at(13),
            recurrence="FREQ=WEEKLY",
            venue="Kyiv City Hall, Khreshchatyk 36",
            status=EventStatus.CONFIRMED,
            public=True,
        ),
        "briefing": dict(
            title="Energy minister's briefing on winter supplies",
            description="The minister takes questions on gas and power for the winter.",
            starts_at=_today_at(15),
            ends_at=_today_at(16),
            venue="Ministry of Energy press room",
            status=EventStatus.CONFIRMED,
            public=True,
        ),
        "forum": dict(
            title="Black Sea grain forum",
            description="Traders and ministers meet on export routes.",
            starts_at=_today_at(0, days=40).replace(day=1),
            precision=DatePrecision.MONTH,
            status=EventStatus.PLANNED,
        ),
    }.items():
        event = save_event(Event(region=kyiv, **fields), by=editor)
        if council is not None and key == "session":
            event.organisers.add(council)
        made[key] = event
    return made


def load_planning_desk(report=lambda message: None) -> dict[str, int]:
    """Create the demo desks, events and today's budget once."""
    if Desk.objects.filter(slug="world-desk").exists():
        return {"plan lines": 0}
    users = get_user_model().objects.in_bulk(["editor", "reporter"], field_name="username")
    editor, reporter = users.get("editor"), users.get("reporter")
    if editor is None or reporter is None:
        return {"plan lines": 0}
    world = _section("world")
    news = Desk.objects.create(name="World desk", slug="world-desk", section=world, position=1)
    photo = Desk.objects.create(name="Photo desk", slug="photo-desk", position=2)
    news.members.add(reporter)
    photo.members.add(reporter)
    events = _events(editor)

    kyiv = Region.objects.filter(slug="kyiv").first()

    def line(slug, headline, slot, section=world, tags=("Reconstruction",), **fields):
        plan = save_plan_line(
            PlanLine(
                slug=slug,
                headline=headline,
                section=section,
                desk=news,
                planned_on=timezone.localdate(),
                slot=slot,
                **fields,
            ),
            by=editor,
        )
        # Filed as its story will be: Start files the draft under these.
        if kyiv is not None:
            plan.regions.add(kyiv)
        plan.tags.add(*Tag.objects.filter(name__in=tags))
        return plan

    def cover(plan, kind="text", **fields):
        return save_coverage(Coverage(plan_line=plan, kind=kind, **fields), by=editor)

    session = line(
        "COUNCIL-SESSION",
        "Council agrees more money for shelters",
        "midday",
        expected_words=700,
        shared=True,
    )
    session.events.add(events["session"])
    cover(session, assignee=reporter, due_at=_today_at(16), brief="Votes, and what the mayor says")
    cover(session, kind="photo", desk=photo, due_at=_today_at(14), brief="The vote, wide")

    briefing = line(
        "WINTER-SUPPLIES", "Minister: gas stocks will last the winter", "afternoon", priority=2
    )
    briefing.events.add(events["briefing"])
    cover(briefing, assignee=reporter, due_at=_today_at(18))
    set_status(
        events["briefing"], EventStatus.POSTPONED, reason="The minister is abroad", by=editor
    )

    draft = line("TRAMS-RETURN", "Trams return to the left bank", "morning", tags=("Power grid",))
    start_coverage(cover(draft, assignee=reporter, due_at=_today_at(12)), by=reporter)

    filed = line(
        "SCHOOL-SHELTERS",
        "Every school in Kyiv now has a shelter",
        "morning",
        tags=("Humanitarian aid",),
    )
    story = start_coverage(cover(filed, assignee=reporter, due_at=_today_at(11)), by=reporter)
    story.byline_override = "Staff Correspondent"
    story.standfirst = "The city finished the last of them this week."
    story.save(update_fields=["byline_override", "standfirst"])
    submit_for_review(story, by=reporter)

    published = (
        Article.objects.published().filter(coverage__isnull=True).order_by("-published_at").first()
    )
    if published is not None:
        done = line(
            "LEAD-TODAY", published.headline[:200], "morning", section=published.section, priority=1
        )
        cover(done, article=published, assignee=reporter)

    idea = line("BRIDGE-REPAIRS", "When will the Darnytskyi bridge reopen?", "evening", priority=4)
    cover(idea)
    dropped = cover(idea, kind="graphic", desk=photo)
    save_coverage(dropped, by=editor, cancelled=True)
    report("planning desk: 2 desks, 3 events, today's budget")
    return {"plan lines": PlanLine.objects.count()}
