"""The budget: what each person sees, grouped with empty sections hidden and in the desk's
order, re-planned and spiked with whoever is on it told, and drawn in a fixed number of
queries however many lines a day holds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Coverage, CoverageStatus, LineState, Notification, PlanLine, Section
from articles.planning.budget import arrange_sections, budget, grouped, move_line, spike_line


@pytest.fixture
def day():
    return timezone.localdate() + timedelta(days=1)


def test_it_shows_a_reporter_only_their_own_and_their_desks_lines(
    plan_line, cover, olena, photographer, photo_desk, editor, day
):
    mine = plan_line(slug="MINE")
    cover(mine, assignee=olena)  # the World desk's line, and hers
    theirs = plan_line(slug="PHOTO-ONLY", desk=photo_desk)
    cover(theirs, kind="photo", desk=photo_desk)
    assert [line.slug for line in budget(day, user=olena)] == ["MINE"]
    assert [line.slug for line in budget(day, user=photographer)] == ["PHOTO-ONLY"]
    assert {line.slug for line in budget(day, user=editor)} == {"MINE", "PHOTO-ONLY"}


def test_it_hides_empty_sections_and_keeps_the_desks_order(plan_line, world, sports, editor, day):
    culture = Section.objects.create(name="Culture", slug="culture", order=3)
    plan_line(slug="MATCH", section=sports)
    plan_line(slug="COUNCIL", section=world)
    arrange_sections([sports, culture, world], by=editor)
    groups = grouped(budget(day, user=editor))
    assert [group.title for group in groups] == ["Sports", "World"]


def test_it_replans_a_line_and_tells_whoever_is_on_it(plan_line, cover, olena, editor, day):
    line = plan_line()
    cover(line, assignee=olena)
    Notification.objects.all().delete()
    move_line(line, day=day + timedelta(days=1), slot="evening", by=editor)
    line.refresh_from_db()
    assert (line.planned_on, line.slot) == (day + timedelta(days=1), "evening")
    told = Notification.objects.get(recipient=olena)
    assert told.message == (
        f"Re-planned: COUNCIL-BUDGET is now planned for {line.planned_on:%a %-d %b}, evening"
    )


def test_it_orders_lines_within_a_slot(plan_line, editor, day):
    first, second, third = (plan_line(slug=name) for name in ("ONE", "TWO", "THREE"))
    move_line(third, day=day, slot="morning", position=0, by=editor)
    assert [line.slug for line in budget(day, user=editor)] == ["THREE", "ONE", "TWO"]


def test_it_spikes_a_line_cancelling_open_coverage_but_not_delivered(
    plan_line, cover, olena, photographer, editor, make_image
):
    from articles.planning.coverage import deliver_picture

    line = plan_line()
    text = cover(line, assignee=olena)
    photo = cover(line, kind="photo", assignee=photographer)
    deliver_picture(photo, make_image(rendered=False), by=photographer)
    spike_line(line, reason="Council adjourned", by=editor)
    line.refresh_from_db()
    assert line.state == LineState.SPIKED and line.notice == "Spiked: Council adjourned"
    assert Coverage.objects.get(pk=text.pk).status == CoverageStatus.CANCELLED
    assert Coverage.objects.get(pk=photo.pk).status == CoverageStatus.DELIVERED
    assert Notification.objects.filter(recipient=olena, message__startswith="Spiked").exists()


def _fill(day, count, world, news_desk, olena, photographer, photo_desk):
    lines = PlanLine.objects.bulk_create(
        PlanLine(
            slug=f"LINE-{n}", headline=f"Story {n}", section=world, desk=news_desk, planned_on=day
        )
        for n in range(count)
    )
    Coverage.objects.bulk_create(
        coverage
        for line in lines
        for coverage in (
            Coverage(plan_line=line, kind="text", assignee=olena, status="assigned"),
            Coverage(plan_line=line, kind="photo", desk=photo_desk, status="assigned"),
            Coverage(plan_line=line, kind="video", assignee=photographer, status="assigned"),
        )
    )


def test_it_draws_the_budget_in_a_fixed_number_of_queries(
    editor_client,
    world,
    news_desk,
    olena,
    photographer,
    photo_desk,
    day,
    django_assert_max_num_queries,
):
    url = f"/admin/articles/planline/?day={day:%Y-%m-%d}"
    _fill(day, 3, world, news_desk, olena, photographer, photo_desk)
    editor_client.get(url)  # sessions and content types warmed
    with django_assert_max_num_queries(14):
        small = editor_client.get(url)
    _fill(day, 60, world, news_desk, olena, photographer, photo_desk)
    with django_assert_max_num_queries(14):
        large = editor_client.get(url)
    assert small.status_code == large.status_code == 200
    assert large.content.count(b'class="budget-line ') == 63
