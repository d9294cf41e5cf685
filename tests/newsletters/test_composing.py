"""Composing issues from the newsroom's stories, a front or a section; issues that draft
themselves at 06:00 and wait; the checklist; and what the email holds (inlined CSS, a plain-text
part, the lead picture cut for email, no tracking, under 102 KB)."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import Article, BlockKind, Issue, IssueStatus, SlotKind
from articles.newsletters import checklist, composing, rendering, sending
from articles.workflow import unpublish


def checks_by_label(issue):
    return {check.label: check for check in checklist.run(issue)}


def test_it_composes_from_a_front_top_first(morning, editor, make_article, arrange_front):
    older = make_article("Grain ships leave Odesa", when=timezone.now() - timedelta(hours=3))
    lead = make_article("Ceasefire talks resume", when=timezone.now() - timedelta(hours=5))
    make_article("Council meets", when=timezone.now() - timedelta(hours=2))
    arrange_front({"kind": SlotKind.LEAD, "story": lead}, {"kind": SlotKind.TOP, "count": 2})
    from articles.models import Front

    stories = composing.front_stories(Front.objects.get(), 10)
    issue = composing.new_issue(morning, by=editor, stories=stories)
    headlines = [block.story.headline for block in issue.blocks.all()]
    assert headlines[0] == "Ceasefire talks resume"
    assert set(headlines[1:]) == {"Council meets", older.headline}


def test_it_refuses_a_reporter_everywhere(morning, reporter, ready_issue):
    with pytest.raises(PermissionDenied):
        composing.new_issue(morning, by=reporter)
    with pytest.raises(PermissionDenied):
        composing.save_issue(ready_issue, [], by=reporter, subject="x", preheader="y")
    with pytest.raises(PermissionDenied):
        sending.send_now(ready_issue, by=reporter)
    assert ready_issue.blocks.count() == 1


def test_it_orders_blocks_and_keeps_text_blocks(ready_issue, editor, add_text_block):
    blocks = add_text_block(
        ready_issue, "Also today", "Read the live blog: https://news.example.org/world/"
    )
    composing.save_issue(ready_issue, list(reversed(blocks)), by=editor, subject="S", preheader="P")
    kinds = list(ready_issue.blocks.values_list("kind", flat=True))
    assert kinds == [BlockKind.TEXT, BlockKind.STORY]


def test_it_passes_the_checklist_only_when_everything_holds(ready_issue, editor, add_text_block):
    assert checklist.passes(checklist.run(ready_issue))
    blocks = add_text_block(
        ready_issue, "Links", "See https://news.example.org/no-such-page/ and javascript:alert(1)"
    )
    issue = composing.save_issue(ready_issue, blocks, by=editor, subject="", preheader="")
    checks = checks_by_label(issue)
    assert not checks["Subject written"].ok and not checks["Preheader written"].ok
    assert "not a page on the site" in checks["Every link works for readers"].detail


def test_it_flags_a_story_withdrawn_after_it_was_picked(ready_issue, published, editor):
    unpublish(published)
    check = checks_by_label(ready_issue)["Every story is public"]
    assert not check.ok and "Power restored in Kyiv" in check.detail
    html, text, _ = rendering.render_email(ready_issue)
    assert "Power restored in Kyiv" not in html and "Power restored in Kyiv" not in text
    with pytest.raises(ValidationError, match="Every story is public"):
        sending.send_now(ready_issue, by=editor)


def test_it_sends_a_scheduled_issue_back_to_draft_when_a_story_is_withdrawn_meanwhile(
    ready_issue, published, editor, morning, make_reader
):
    make_reader("olena@example.com", morning)
    sending.schedule(ready_issue, by=editor, at=timezone.now() + timedelta(hours=1))
    unpublish(published)
    assert sending.start(ready_issue.pk, now=timezone.now() + timedelta(hours=2)) == "draft"
    ready_issue.refresh_from_db()
    assert "Power restored in Kyiv" in ready_issue.last_error
    assert not ready_issue.recipients.exists() and ready_issue.number is None


def test_it_wants_alt_text_on_every_picture(ready_issue, published, make_image):
    published.lead_image = make_image(alt_text="")
    published.save()
    check = checks_by_label(ready_issue)["Every picture has alt text"]
    assert not check.ok and "Power restored in Kyiv" in check.detail


def test_it_renders_the_email_with_inlined_css_a_text_part_and_the_lead_cut_for_email(
    ready_issue, published, make_image
):
    published.lead_image = make_image(size=(2000, 1200))
    published.save()
    html, text, links = rendering.render_email(ready_issue)
    document = lxml_html.fromstring(html)
    assert document.get("lang") == "en"
    assert document.xpath("//h2")[0].get("style")  # the stylesheet, inlined
    [picture] = document.xpath("//img")
    assert picture.get("alt") == "Engineers repair a substation"
    assert picture.get("src").endswith(".jpg") and "wide-640" in picture.get("src")
    assert picture.get("width") == "600"
    assert "Power restored in Kyiv" in text and "https://news.example.org/world/" in text
    assert "Olena Kovalenko" in text  # the byline
    assert links == {}


def test_it_tracks_nobody_by_default(ready_issue):
    html, _, _ = rendering.render_email(ready_issue)
    document = lxml_html.fromstring(html)
    hrefs = [a.get("href") for a in document.xpath("//a")]
    assert all("/newsletters/l/" not in href for href in hrefs)
    assert [img for img in document.xpath("//img") if img.get("width") == "1"] == []


def test_it_keeps_twenty_stories_under_the_clipping_limit(
    morning, editor, make_article, make_image
):
    picture = make_image()
    stories = []
    for n in range(20):
        story = make_article(f"A long headline about the day's events, number {n}" * 2)
        Article.objects.filter(pk=story.pk).update(
            lead_image=picture, standfirst="A standfirst of two full sentences. " * 6
        )
        stories.append(Article.objects.get(pk=story.pk))
    issue = composing.new_issue(morning, by=editor, stories=stories, subject="S", preheader="P")
    html, _, _ = rendering.render_email(issue)
    assert rendering.html_size(html) < rendering.MAX_HTML_BYTES
    assert checks_by_label(issue)["Small enough not to be clipped"].ok


def test_it_drafts_itself_at_six_from_a_section_once_and_waits(
    morning, make_article, world, time_machine
):
    morning.draft_at, morning.draft_from_section, morning.draft_stories = time(6, 0), world, 3
    morning.save()
    for n in range(4):
        make_article(f"Overnight story {n}", when=timezone.now() - timedelta(hours=n + 1))
    today = timezone.localdate() + timedelta(days=1)
    five = timezone.make_aware(datetime.combine(today, time(5, 59)))
    time_machine.move_to(five)
    assert composing.draft_due_issues() == []
    time_machine.move_to(five + timedelta(minutes=2))
    [issue] = composing.draft_due_issues()
    assert composing.draft_due_issues() == []  # once a day, however often it runs
    assert issue.status == IssueStatus.AWAITING_APPROVAL
    assert issue.blocks.count() == 3
    assert issue.preheader == "Overnight story 0"
    assert Issue.objects.count() == 1
