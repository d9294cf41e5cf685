"""Composing issues: picking stories (or a front's, or a section's latest), free text blocks,
their order; and the issues newsletters draft by themselves at a set time for an editor.

Every function takes `by=` and checks the role itself (`require_editor`), so the admin, a
command and a test are refused alike. An issue can be changed while it is a draft (or a
self-drafted issue waiting for approval); a scheduled one is taken back to draft first, and
one that started sending is never changed: what went out is what the archive shows.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from articles.fronts.showing import LiveFront
from articles.models import (
    Article,
    BlockKind,
    Front,
    Issue,
    IssueBlock,
    IssueStatus,
    Newsletter,
)
from articles.staff.roles import can_send_newsletters

EDITABLE = (IssueStatus.DRAFT, IssueStatus.AWAITING_APPROVAL)
MAX_BLOCKS = 40


def require_editor(user) -> None:
    if user is None or not can_send_newsletters(user):
        raise PermissionDenied("Only editors may compose and send newsletters.")


@dataclass
class Block:
    """One block as the composer sends it: a story, or text (with an optional heading)."""

    kind: str
    story: Article | None = None
    heading: str = ""
    text: str = ""


def front_stories(front: Front, count: int) -> list[Article]:
    """The stories readers see on `front` now, top first (each once), at most `count`."""
    seen, stories = set(), []
    for group in LiveFront(front.section).groups:
        for story in group.stories:
            if story.pk not in seen:
                seen.add(story.pk)
                stories.append(story)
    return stories[:count]


def section_stories(section, count: int) -> list[Article]:
    return list(Article.objects.published().in_section(section).with_cards().latest_first()[:count])


def new_issue(newsletter: Newsletter, *, by, stories=(), subject="", preheader="") -> Issue:
    """A draft issue of `newsletter`, starting from `stories` (e.g. a front's)."""
    require_editor(by)
    with transaction.atomic():
        issue = Issue.objects.create(
            newsletter=newsletter, subject=subject, preheader=preheader, created_by=by
        )
        _write_blocks(issue, [Block(BlockKind.STORY, story=story) for story in stories])
    return issue


def save_issue(issue: Issue, blocks: list[Block], *, by, subject: str, preheader: str) -> Issue:
    """Replace the issue's subject, preheader and blocks (in the order given)."""
    require_editor(by)
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status not in EDITABLE:
            raise ValidationError(
                f"This issue is {issue.get_status_display().lower()}: only a draft can be changed."
            )
        if len(blocks) > MAX_BLOCKS:
            raise ValidationError(f"An issue holds at most {MAX_BLOCKS} blocks.")
        issue.subject, issue.preheader = subject.strip(), preheader.strip()
        issue.save(update_fields=["subject", "preheader"])
        _write_blocks(issue, blocks)
    return issue


def _write_blocks(issue: Issue, blocks: list[Block]) -> None:
    issue.blocks.all().delete()
    IssueBlock.objects.bulk_create(
        IssueBlock(
            issue=issue,
            position=position,
            kind=block.kind,
            story=block.story if block.kind == BlockKind.STORY else None,
            heading=block.heading.strip(),
            text=block.text.strip() if block.kind == BlockKind.TEXT else "",
        )
        for position, block in enumerate(blocks)
        if block.story is not None or block.heading.strip() or block.text.strip()
    )


def delete_issue(issue: Issue, *, by) -> None:
    require_editor(by)
    if issue.status not in (*EDITABLE, IssueStatus.CANCELLED):
        raise ValidationError("Only a draft (or a called-off issue) can be deleted.")
    issue.delete()


# Issues that draft themselves -----------------------------------------------------------


def draft_moment(newsletter: Newsletter, day) -> datetime:
    """When `newsletter`'s issue of `day` (a date, site time) drafts itself."""
    moment = datetime.combine(day, newsletter.draft_at)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def draft_stories_for(newsletter: Newsletter) -> list[Article]:
    """The stories a self-drafted issue takes: the front's, else the section's latest; stories
    the newsletter's last issue already carried are left for new ones."""
    wanted = newsletter.draft_stories
    last = newsletter.issues.exclude(number=None).order_by("-number").first()
    carried = set(last.blocks.values_list("story_id", flat=True)) if last else set()
    if newsletter.draft_from_front_id:
        candidates = front_stories(newsletter.draft_from_front, wanted + len(carried))
    elif newsletter.draft_from_section_id:
        candidates = section_stories(newsletter.draft_from_section, wanted + len(carried))
    else:
        return []
    return [story for story in candidates if story.pk not in carried][:wanted]


def draft_due_issues(now=None) -> list[Issue]:
    """Draft today's issue of every newsletter whose drafting time has come and that has not
    drafted one today (so running this every minute, or twice, drafts once). Each waits for an
    editor's approval; nothing is sent by itself."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    drafted = []
    for newsletter in Newsletter.objects.exclude(draft_at=None).select_related(
        "draft_from_front__section", "draft_from_section"
    ):
        moment = draft_moment(newsletter, today)
        if now < moment:
            continue
        with transaction.atomic():
            locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
            if locked.issues.filter(auto_drafted=True, created_at__gte=moment).exists():
                continue
            drafted.append(_auto_draft(newsletter, today))
    return drafted


def _auto_draft(newsletter: Newsletter, day) -> Issue:
    stories = draft_stories_for(newsletter)
    issue = Issue.objects.create(
        newsletter=newsletter,
        status=IssueStatus.AWAITING_APPROVAL,
        auto_drafted=True,
        subject=f"{newsletter.name}: {date_format(day, 'j F Y')}",
        preheader=stories[0].headline[:150] if stories else "",
    )
    _write_blocks(issue, [Block(BlockKind.STORY, story=story) for story in stories])
    return issue


def next_draft_moment(newsletter: Newsletter, now=None):
    """The next time `newsletter` drafts an issue by itself, or None."""
    if newsletter.draft_at is None:
        return None
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    moment = draft_moment(newsletter, today)
    return moment if moment > now else draft_moment(newsletter, today + timedelta(days=1))
