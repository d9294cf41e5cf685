"""The planning screens as their users use them: the budget, the plan line form with its
coverage, My assignments (take, start), the inbox; and what a forged request cannot do."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, Coverage, Notification, PlanLine, PlanningAuditEntry


@pytest.fixture
def day():
    return timezone.localdate() + timedelta(days=1)


def test_it_shows_the_budget_with_coverage_state_and_who_is_editing(
    editor_client, plan_line, cover, olena, maria, beat, login, day
):
    from articles.planning.coverage import start_coverage

    line = plan_line()
    story = start_coverage(cover(line, assignee=olena), by=olena)
    beat(login(maria), story)
    page = editor_client.get(f"/admin/articles/planline/?day={day:%Y-%m-%d}").content.decode()
    assert "COUNCIL-BUDGET" in page and "World" in page
    assert "Olena Kovalenko" in page and "In progress" in page
    assert "Maria Editor is editing" in page
    assert "Planned is not scheduled" in page


def test_it_prints_the_budget_for_the_morning_meeting(editor_client, plan_line, day):
    plan_line()
    response = editor_client.get(f"/admin/articles/planline/print/?day={day:%Y-%m-%d}")
    assert response.status_code == 200
    assert b"<table>" in response.content and b"COUNCIL-BUDGET" in response.content


def test_it_moves_a_line_from_the_keyboard_form(editor_client, plan_line, day):
    line = plan_line()
    response = editor_client.post(
        f"/admin/articles/planline/{line.pk}/move/",
        {
            "day": f"{day + timedelta(days=2):%Y-%m-%d}",
            "slot": "evening",
            "next": "/admin/articles/planline/",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.planned_on, line.slot) == (day + timedelta(days=2), "evening")


def test_it_answers_a_drag_with_json(editor_client, plan_line, day):
    line = plan_line()
    response = editor_client.post(
        f"/admin/articles/planline/{line.pk}/move/",
        {"day": f"{day:%Y-%m-%d}", "slot": "night", "position": "0"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["message"].startswith("COUNCIL-BUDGET moved to")


def test_it_refuses_a_reporters_forged_move_and_changes_nothing(reporter_client, plan_line, day):
    line = plan_line()
    before = list(PlanLine.objects.values())
    response = reporter_client.post(
        f"/admin/articles/planline/{line.pk}/move/", {"day": "2030-01-01", "slot": "night"}
    )
    assert response.status_code == 403
    assert list(PlanLine.objects.values()) == before


def test_it_saves_a_line_and_its_coverage_from_the_form_and_refuses_an_inactive_assignee(
    editor_client, world, news_desk, olena, day
):
    User.objects.filter(pk=olena.pk).update(is_active=False)
    data = {
        "slug": "flood",
        "headline": "River rises in Kyiv",
        "summary": "",
        "section": world.pk,
        "desk": news_desk.pk,
        "planned_on": f"{day:%Y-%m-%d}",
        "slot": "any",
        "priority": 3,
        "expected_words": "600",
        "notice": "",
        "coverages-TOTAL_FORMS": "1",
        "coverages-INITIAL_FORMS": "0",
        "coverages-MIN_NUM_FORMS": "0",
        "coverages-MAX_NUM_FORMS": "1000",
        "coverages-0-kind": "text",
        "coverages-0-assignee": olena.pk,
        "coverages-0-due_at_0": f"{day:%Y-%m-%d}",
        "coverages-0-due_at_1": "17:00",
        "coverages-0-brief": "Talk to residents",
        "coverages-0-position": "0",
    }
    response = editor_client.post("/admin/articles/planline/add/", data)
    assert response.status_code == 200
    assert "Olena Kovalenko is not an active staff account" in response.content.decode()
    assert not PlanLine.objects.exists()
    User.objects.filter(pk=olena.pk).update(is_active=True)
    response = editor_client.post("/admin/articles/planline/add/", data)
    assert response.status_code == 302
    line = PlanLine.objects.get()
    assert line.slug == "FLOOD" and line.state == "assigned"
    assert Coverage.objects.get().assignee == olena
    assert Notification.objects.get(recipient=olena).message.startswith(
        "Assigned to Olena Kovalenko: FLOOD: text, due"
    )
    assert PlanningAuditEntry.objects.filter(plan_line=line, action="created").count() == 2


def test_it_lets_a_reporter_take_and_start_from_my_assignments(
    login, plan_line, cover, olena, news_desk
):
    coverage = cover(plan_line(), desk=news_desk)
    client = login(olena)
    page = client.get("/admin/articles/coverage/").content.decode()
    assert "Open on your desks" in page and "COUNCIL-BUDGET" in page
    client.post(f"/admin/articles/coverage/{coverage.pk}/take/")
    assert Coverage.objects.get(pk=coverage.pk).assignee == olena
    response = client.post(f"/admin/articles/coverage/{coverage.pk}/start/")
    story = Article.objects.get()
    assert response.url == f"/admin/articles/article/{story.pk}/change/"
    again = client.post(f"/admin/articles/coverage/{coverage.pk}/start/", follow=True)
    assert "started already" in again.content.decode()
    assert Article.objects.count() == 1


def test_it_opens_a_notification_on_its_item_and_marks_it_read(login, plan_line, cover, olena):
    line = plan_line()
    cover(line, assignee=olena)
    notification = Notification.objects.get(recipient=olena)
    client = login(olena)
    response = client.get(f"/admin/articles/notification/{notification.pk}/open/")
    assert response.url == f"/admin/articles/planline/{line.pk}/change/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(response.url).status_code == 200


def test_it_keeps_notifications_to_their_recipient(login, plan_line, cover, olena, photographer):
    cover(plan_line(), assignee=olena)
    notification = Notification.objects.get(recipient=olena)
    response = login(photographer).get(f"/admin/articles/notification/{notification.pk}/open/")
    assert response.status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_it_adds_an_event_to_the_plan_from_its_page(editor_client, council, world):
    page = editor_client.get(f"/admin/articles/event/{council.pk}/change/").content.decode()
    assert "Add to plan" in page
    response = editor_client.post(
        f"/admin/articles/event/{council.pk}/plan/", {"section": world.pk}
    )
    line = PlanLine.objects.get()
    assert response.url == f"/admin/articles/planline/{line.pk}/change/"
    assert list(line.events.all()) == [council]


def test_it_shows_the_event_forms_errors_on_their_fields(editor_client):
    response = editor_client.post(
        "/admin/articles/event/add/",
        {
            "title": "Trial opens",
            "slug": "trial-opens",
            "precision": "time",
            "starts_at_0": "2030-05-02",
            "starts_at_1": "10:00",
            "ends_at_0": "2030-05-01",
            "ends_at_1": "10:00",
            "recurrence": "FREQ=MINUTELY",
            "status": "planned",
        },
    )
    page = response.content.decode()
    assert "It cannot end before it starts." in page
    assert "an event repeats at most daily" in page
