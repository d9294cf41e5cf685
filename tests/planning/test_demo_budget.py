"""The demo's day's budget: events, coverage in every state, a postponed event whose line says
so, and one coverage already delivered."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import CoverageStatus, Event, EventStatus, LineState, PlanLine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_site(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_it_loads_a_days_budget_with_coverage_in_every_state():
    call_command("load_demo", "--quiet", "--no-images", stdout=io.StringIO())
    today = PlanLine.objects.filter(planned_on=timezone.localdate()).prefetch_related("coverages")
    statuses = {c.status for line in today for c in line.coverages.all()}
    assert statuses == set(CoverageStatus.values)
    assert {line.state for line in today} >= {
        LineState.IDEA,
        LineState.ASSIGNED,
        LineState.IN_PROGRESS,
        LineState.FILED,
        LineState.PUBLISHED,
    }
    postponed = Event.objects.get(status=EventStatus.POSTPONED)
    assert (
        PlanLine.objects.get(events=postponed).notice == "Event postponed: The minister is abroad"
    )
    assert Event.objects.exclude(recurrence="").exists()
    again = io.StringIO()
    call_command("load_demo", "--quiet", "--no-images", stdout=again)
    assert "nothing changed" in again.getvalue()
