"""Coverage becomes the story: Start makes the pre-filled draft through the workflow, the
story's progress moves the coverage and its line, a picture delivers a photo coverage."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import (
    Article,
    AuditEntry,
    Coverage,
    CoverageStatus,
    LineState,
    Notification,
    PlanningAuditEntry,
    Status,
)
from articles.planning.coverage import deliver_picture, start_coverage, take_coverage
from articles.workflow import publish, submit_for_review, unpublish


@pytest.fixture
def council_line(plan_line, council, regions):
    line = plan_line()
    line.events.add(council)
    line.regions.add(regions["kyiv_oblast"])
    line.tags.create(name="Budget", slug="budget")
    return line


def test_it_starts_a_text_coverage_as_a_draft_filled_in_from_the_plan(council_line, cover, olena):
    coverage = cover(council_line, assignee=olena)
    story = start_coverage(coverage, by=olena)
    story = Article.objects.get(pk=story.pk)
    assert story.status == Status.DRAFT
    assert story.headline == council_line.headline
    assert story.slug == "council-budget"
    assert story.section == council_line.section
    assert story.dateline == "KYIV"
    assert {r.slug for r in story.regions.all()} == {"kyiv-oblast", "kyiv"}
    assert list(story.tags.names()) == ["Budget"]
    assert [credit.author.user for credit in story.article_authors.all()] == [olena]
    assert story.created_by == olena
    assert AuditEntry.objects.filter(article=story, action="created", by=olena).exists()
    coverage.refresh_from_db()
    assert coverage.article == story and coverage.status == CoverageStatus.IN_PROGRESS
    council_line.refresh_from_db()
    assert council_line.state == LineState.IN_PROGRESS


def test_it_refuses_to_start_a_coverage_twice_and_names_the_story(council_line, cover, olena):
    coverage = cover(council_line, assignee=olena)
    start_coverage(coverage, by=olena)
    with pytest.raises(ValidationError, match="started already: its story is “Council passes"):
        start_coverage(coverage, by=olena)
    assert Article.objects.count() == 1


def test_it_lets_a_desk_member_start_a_desk_only_assignment_and_takes_it(
    council_line, cover, olena, news_desk
):
    coverage = cover(council_line, desk=news_desk)
    start_coverage(coverage, by=olena)
    coverage.refresh_from_db()
    assert coverage.assignee == olena


def test_it_refuses_a_reporter_who_is_not_on_it(council_line, cover, photographer, olena):
    coverage = cover(council_line, assignee=olena)
    with pytest.raises(PermissionDenied):
        start_coverage(coverage, by=photographer)
    assert not Article.objects.exists()
    assert Coverage.objects.get(pk=coverage.pk).article is None


def test_it_follows_the_story_filed_then_delivered_on_publishing_then_owed_after_withdrawal(
    council_line, cover, olena, editor
):
    coverage = cover(council_line, assignee=olena)
    story = start_coverage(coverage, by=olena)
    submit_for_review(story, by=olena)
    assert Coverage.objects.get(pk=coverage.pk).status == CoverageStatus.FILED
    publish(story, by=editor)
    coverage.refresh_from_db()
    council_line.refresh_from_db()
    assert coverage.status == CoverageStatus.DELIVERED and coverage.delivered_at
    assert council_line.state == LineState.PUBLISHED
    assert PlanningAuditEntry.objects.filter(coverage=coverage, action="story").count() == 2
    unpublish(story, by=editor)
    assert Coverage.objects.get(pk=coverage.pk).status == CoverageStatus.IN_PROGRESS
    assert PlanLine_state(council_line) == LineState.IN_PROGRESS


def PlanLine_state(line):
    line.refresh_from_db()
    return line.state


def test_it_lets_a_photographer_take_the_photo_desks_assignment_and_tells_the_desk(
    council_line, cover, photographer, photo_desk, editor
):
    photo_desk.webhook_url = "https://chat.example/hooks/photo"
    photo_desk.save()
    coverage = cover(council_line, kind="photo", desk=photo_desk)
    take_coverage(coverage, by=photographer)
    coverage.refresh_from_db()
    assert coverage.assignee == photographer and coverage.status == CoverageStatus.ASSIGNED
    told = Notification.objects.filter(kind="taken")
    assert {(n.recipient, n.desk) for n in told} == {(editor, None), (None, photo_desk)}
    assert "Petro Lens took COUNCIL-BUDGET: photo" in told.first().message


def test_it_refuses_taking_what_someone_else_has(
    council_line, cover, photographer, olena, news_desk
):
    coverage = cover(council_line, desk=news_desk, assignee=olena)
    news_desk.members.add(photographer)
    with pytest.raises(ValidationError, match="Olena Kovalenko is already on it"):
        take_coverage(coverage, by=photographer)
    assert Coverage.objects.get(pk=coverage.pk).assignee == olena


def test_it_delivers_a_photo_coverage_with_a_picture_from_the_library(
    council_line, cover, photographer, photo_desk, make_image
):
    picture = make_image("Council chamber", rendered=False, alt_text="Councillors vote")
    coverage = cover(council_line, kind="photo", desk=photo_desk)
    deliver_picture(coverage, picture, by=photographer)
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.DELIVERED
    assert coverage.image == picture and coverage.assignee == photographer


def test_it_refuses_to_start_a_photo_coverage_as_a_story(council_line, cover, photographer):
    coverage = cover(council_line, kind="photo", assignee=photographer)
    with pytest.raises(ValidationError, match="delivered with a picture"):
        start_coverage(coverage, by=photographer)
