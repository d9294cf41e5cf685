"""Curated fronts, the rules (`articles.fronts`): pins, rules, no story twice, only public
stories, scheduled arrangements, and who may arrange a front."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.fronts import (
    ArrangementState,
    LiveFront,
    cancel_arrangement,
    front_of,
    history,
    pinnable_stories,
    publish_arrangement,
)
from articles.models import Arrangement, Fill, Front, Slot, SlotKind, Tag
from articles.taxonomy.tags import merge_tags
from articles.workflow import publish, unpublish


def shown(groups):
    """[(kind, heading, [headlines])] of a front as readers see it."""
    return [(g.kind, g.heading, [story.headline for story in g.stories]) for g in groups]


def test_it_leads_with_the_pinned_story_and_fills_the_rest_by_rule(arrange_front, morning_desk):
    arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        {"kind": SlotKind.TOP, "fill": Fill.LATEST, "count": 3},
    )
    assert shown(LiveFront().groups) == [
        ("lead", "", ["Grain ships leave Odesa under escort"]),
        (
            "top",
            "Top stories",
            [
                "Overnight strikes hit Kharkiv power plant",
                "Ceasefire talks resume in Geneva",
                "Kyiv opens heated points for winter",
            ],
        ),
    ]


def test_it_never_shows_the_same_story_twice_across_the_front(arrange_front, morning_desk, sports):
    arrange_front(
        {"kind": SlotKind.LEAD, "fill": Fill.LATEST},
        {"kind": SlotKind.TOP, "fill": Fill.LATEST, "count": 2},
        {"fill": Fill.SECTION, "section": sports, "count": 2},
        # Pinned below, so the rules above leave it alone.
        {"kind": SlotKind.TOP, "story": morning_desk["talks"], "fill": Fill.NONE},
    )
    groups = LiveFront().groups
    headlines = [story.headline for g in groups for story in g.stories]
    assert len(headlines) == len(set(headlines))
    assert shown(groups) == [
        ("lead", "", ["Overnight strikes hit Kharkiv power plant"]),
        (
            "top",
            "Top stories",
            ["Grain ships leave Odesa under escort", "Kyiv opens heated points for winter"],
        ),
        ("block", "Sports", ["Shakhtar win the cup final", "Dynamo sign a new striker"]),
        ("top", "Top stories", ["Ceasefire talks resume in Geneva"]),
    ]


def test_it_lets_a_block_repeat_stories_when_the_editor_asks(arrange_front, morning_desk, regions):
    energy = Tag.objects.get(name="Energy")
    arrange_front(
        {"kind": SlotKind.LEAD, "fill": Fill.LATEST},
        {"fill": Fill.TAG, "tag": energy, "count": 3, "allow_duplicates": True},
        {"fill": Fill.REGION, "region": regions["ukraine"], "count": 3},
    )
    assert shown(LiveFront().groups) == [
        ("lead", "", ["Overnight strikes hit Kharkiv power plant"]),
        (
            "block",
            "Energy",
            ["Overnight strikes hit Kharkiv power plant", "Kyiv opens heated points for winter"],
        ),
        # Filed under Kyiv, shown under Ukraine: region blocks roll up like region pages.
        ("block", "Ukraine", ["Kyiv opens heated points for winter"]),
    ]


def test_it_shows_only_public_stories_whatever_is_pinned(arrange_front, morning_desk, make_article):
    later = timezone.now() + timedelta(hours=2)
    scheduled = make_article("Budget speech at noon", when=later)
    arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["talks"], "fill": Fill.LATEST},
        {"kind": SlotKind.TOP, "story": scheduled, "fill": Fill.NONE},
    )
    unpublish(morning_desk["talks"])
    groups = LiveFront().groups
    # The withdrawn lead gives way to the newest story; the scheduled one waits for its time.
    assert shown(groups) == [("lead", "", ["Overnight strikes hit Kharkiv power plant"])]
    assert shown(LiveFront(at=later + timedelta(seconds=1)).groups)[1] == (
        "top",
        "Top stories",
        ["Budget speech at noon"],
    )


def test_it_refuses_to_pin_a_draft_or_a_withdrawn_story(arrange_front, morning_desk):
    with pytest.raises(ValidationError, match="Only published stories can be pinned"):
        arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["draft"]})
    unpublish(morning_desk["grain"])
    with pytest.raises(ValidationError, match="Only published stories can be pinned"):
        arrange_front({"kind": SlotKind.TOP, "story": morning_desk["grain"], "fill": Fill.NONE})
    assert not Arrangement.objects.exists()


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        ([{"kind": SlotKind.LEAD}, {"kind": SlotKind.LEAD}], "one lead story"),
        ([{"fill": Fill.NONE}], "Pin a story or choose what fills the slot"),
        ([{"fill": Fill.TAG}], "Choose the tag"),
        ([{"fill": Fill.LATEST, "count": 0}], "between 1 and 12"),
        ([{"fill": Fill.LATEST}] * 41, "at most 40 slots"),
    ],
    ids=["two leads", "nothing to show", "rule without its tag", "no stories", "too many"],
)
def test_it_refuses_an_arrangement_an_editor_cannot_have_meant(arrange_front, slots, message):
    with pytest.raises(ValidationError, match=message):
        arrange_front(*slots)
    assert not Arrangement.objects.exists()


def test_it_shows_a_lead_as_one_story_whatever_count_it_was_given(arrange_front, morning_desk):
    arrange_front({"kind": SlotKind.LEAD, "fill": Fill.LATEST, "count": 5})
    assert Slot.objects.get().count == 1
    assert len(LiveFront().groups[0].stories) == 1


def test_it_swaps_the_lead_at_the_scheduled_moment(arrange_front, morning_desk, time_machine):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    six = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, at=six)

    time_machine.move_to(six - timedelta(seconds=1), tick=False)
    assert shown(LiveFront().groups) == [("lead", "", ["Ceasefire talks resume in Geneva"])]
    time_machine.move_to(six, tick=False)
    assert shown(LiveFront().groups) == [("lead", "", ["Grain ships leave Odesa under escort"])]


def test_it_puts_an_arrangement_published_for_a_past_time_live_at_once(arrange_front, morning_desk):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["grain"]},
        at=timezone.now() - timedelta(hours=5),
    )
    assert shown(LiveFront().groups) == [("lead", "", ["Grain ships leave Odesa under escort"])]


def test_it_never_shows_a_called_off_arrangement(arrange_front, morning_desk, editor, time_machine):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]})
    six = timezone.now() + timedelta(hours=3)
    waiting = arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, at=six)
    cancel_arrangement(waiting, by=editor)
    time_machine.move_to(six + timedelta(minutes=1), tick=False)
    assert shown(LiveFront().groups) == [("lead", "", ["Ceasefire talks resume in Geneva"])]
    states = [record.state for record in history(front_of())]
    assert states == [ArrangementState.CANCELLED, ArrangementState.LIVE]
    with pytest.raises(ValidationError, match="still waiting"):
        cancel_arrangement(waiting, by=editor)


def test_it_keeps_the_history_of_a_front(arrange_front, morning_desk, editor):
    first = arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]}, by=editor)
    second = arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, by=editor)
    later = arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["kyiv"]},
        at=timezone.now() + timedelta(hours=1),
        by=editor,
        note="Morning lead",
    )
    records = history(front_of())
    assert [(r.arrangement, r.state) for r in records] == [
        (later, ArrangementState.SCHEDULED),
        (second, ArrangementState.LIVE),
        (first, ArrangementState.PAST),
    ]
    assert records[0].arrangement.created_by == editor
    assert records[0].arrangement.note == "Morning lead"


def test_it_keeps_each_section_front_to_its_own_page(arrange_front, morning_desk, sports, world):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["transfer"]}, section=sports)
    assert LiveFront().groups == []  # the home page has no front of its own
    assert shown(LiveFront(world).groups) == []
    assert shown(LiveFront(sports).groups) == [("lead", "", ["Dynamo sign a new striker"])]
    assert Front.objects.count() == 1


def test_it_gives_up_a_front_with_nothing_to_show(arrange_front, morning_desk):
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"], "fill": Fill.NONE})
    unpublish(morning_desk["talks"])
    assert LiveFront().groups == []


def test_it_lets_only_editors_arrange_fronts(
    arrange_front, morning_desk, editor, reporter, tag_manager, superuser
):
    for refused in (reporter, tag_manager):
        with pytest.raises(PermissionDenied):
            arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["talks"]}, by=refused)
    assert not Arrangement.objects.exists()
    waiting = arrange_front(
        {"kind": SlotKind.LEAD, "story": morning_desk["talks"]},
        by=editor,
        at=timezone.now() + timedelta(hours=1),
    )
    with pytest.raises(PermissionDenied):
        cancel_arrangement(waiting, by=reporter)
    assert Arrangement.objects.get().cancelled_at is None
    arrange_front({"kind": SlotKind.LEAD, "story": morning_desk["grain"]}, by=superuser)
    assert Arrangement.objects.count() == 2


def test_it_offers_published_stories_to_pin_never_drafts(morning_desk, make_article):
    scheduled = make_article("Budget speech at noon", when=timezone.now() + timedelta(hours=2))
    offered = list(pinnable_stories(""))
    assert morning_desk["draft"] not in offered
    assert scheduled in offered and morning_desk["talks"] in offered
    assert list(pinnable_stories("geneva talks")) == [morning_desk["talks"]]
    # Control characters are dropped, never sent to the database (PostgreSQL fails on NUL).
    assert list(pinnable_stories("kyiv\x00")) == [morning_desk["kyiv"]]


def test_it_keeps_a_tag_block_when_its_tag_is_merged(arrange_front, morning_desk):
    power = Tag.objects.create(name="Power")
    morning_desk["grain"].tags.add(power)
    arrange_front({"fill": Fill.TAG, "tag": power, "count": 2})
    merge_tags(Tag.objects.get(name="Energy"), [power])
    slot = Slot.objects.get()
    assert slot.tag.name == "Energy"
    assert [story.headline for story in LiveFront().groups[0].stories] == [
        "Overnight strikes hit Kharkiv power plant",
        "Grain ships leave Odesa under escort",
    ]


def test_it_publishes_the_same_arrangement_twice_as_two_records(arrange_front, morning_desk):
    slots = [{"kind": SlotKind.LEAD, "story": morning_desk["talks"]}]
    arrange_front(*slots)
    arrange_front(*slots)
    assert Arrangement.objects.count() == 2
    assert Slot.objects.count() == 2


def test_it_checks_slots_in_python_before_touching_the_database(morning_desk):
    front = front_of(create=True)
    with pytest.raises(ValidationError):
        publish_arrangement(front, [Slot(fill=Fill.SECTION)])
    assert not Arrangement.objects.exists()
    publish(morning_desk["draft"])  # now published: it may be pinned
    publish_arrangement(front, [Slot(kind=SlotKind.LEAD, story=morning_desk["draft"])])
    assert shown(LiveFront().groups)[0][2] == ["SECRET DRAFT: minister to resign"]
