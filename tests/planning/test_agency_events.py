"""Agency events come in through the wire desk's ingest: idempotent by provider, id and
version, a newer version that postpones the event tells whoever is on it, bad items refused
without dropping their neighbours; and "Add to plan" on a wire story."""

import copy
import json
from pathlib import Path

import pytest

from articles.models import Event, EventStatus, Notification, PlanLine, WireProvider, WireStory
from articles.wire import ingest, ingest_copy

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "planning" / "events-ninjs.json"


@pytest.fixture
def provider(world, reuters):
    return WireProvider.objects.create(
        name="Agency wire", slug="agency", source=reuters, section=world
    )


def test_it_takes_events_in_beside_stories_and_refuses_the_undated_one(
    provider, regions, city_council
):
    results = ingest_copy(SAMPLES.read_bytes(), provider=provider)
    assert [result.outcome for result in results] == ["new", "new", "refused", "new"]
    assert results[2].reason == "The event has no date the desk can read."
    council = Event.objects.get(
        item_id="urn:newsroom-agency.example:event:kyiv-council-2027-budget"
    )
    assert council.status == EventStatus.CONFIRMED and council.region == regions["kyiv"]
    assert council.precision == "time" and council.venue == "Kyiv City Hall"
    assert list(council.organisers.all()) == [city_council]
    forum = Event.objects.get(title="Black Sea grain forum")
    assert forum.precision == "month" and forum.status == EventStatus.PLANNED
    assert WireStory.objects.count() == 1  # the story beside them went to the wire queue
    again = ingest_copy(SAMPLES.read_bytes(), provider=provider)
    assert [result.outcome for result in again] == [
        "unchanged",
        "unchanged",
        "refused",
        "unchanged",
    ]
    assert Event.objects.count() == 2


def test_it_applies_a_newer_version_that_postpones_the_event_and_tells_the_assignee(
    provider, regions, plan_line, cover, olena
):
    first = json.loads(SAMPLES.read_text())[0]
    ingest(first, provider=provider)
    event = Event.objects.get()
    line = plan_line()
    line.events.add(event)
    cover(line, assignee=olena)
    Notification.objects.all().delete()
    newer = copy.deepcopy(first)
    newer["version"] = "2"
    newer["eventDetails"]["eventStatus"] = "https://schema.org/EventPostponed"
    assert ingest(newer, provider=provider).outcome == "updated"
    event.refresh_from_db()
    assert event.status == EventStatus.POSTPONED
    assert Notification.objects.get(recipient=olena).kind == "called_off"
    older = copy.deepcopy(first)
    older["version"] = "1"
    older["title"] = "Something else"
    assert ingest(older, provider=provider).outcome == "unchanged"


def test_it_refuses_an_event_ending_before_it_starts(provider):
    item = json.loads(SAMPLES.read_text())[0]
    item["eventDetails"]["dates"]["endDate"] = "2030-03-11T09:00:00+02:00"
    result = ingest(item, provider=provider)
    assert result.outcome == "refused" and "cannot end before it starts" in result.reason
    assert not Event.objects.exists()


def test_it_adds_a_wire_story_to_todays_plan(editor_client, provider):
    ingest_copy(SAMPLES.read_bytes(), provider=provider)
    wire = WireStory.objects.get()
    response = editor_client.post(
        "/admin/articles/wirestory/",
        {"action": "add_wire_stories_to_plan", "_selected_action": [wire.pk]},
    )
    line = PlanLine.objects.get()
    assert response.url == f"/admin/articles/planline/{line.pk}/change/"
    coverage = line.coverages.get()
    assert coverage.article == wire.article and coverage.status == "in_progress"
    assert line.state == "in_progress"
