"""Who may do what to a story, and which moves between statuses exist.

The transitions in `articles.workflow.transitions` check these themselves; forms call them only
to offer the right choices and to say no politely before anything is saved.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from articles.images import library
from articles.models import Article, ArticleAuthor, Status, WireStory
from articles.staff.roles import can_publish

# The states a reporter works in; everything beyond belongs to the editors.
WORKING_STATUSES = (Status.DRAFT, Status.REVIEW)


@dataclass(frozen=True)
class Move:
    """One step of a story between statuses: where it may start, where it ends, whether only
    editors may take it, and what a story in any other state is told."""

    sources: frozenset[str]
    target: str
    editors_only: bool
    refusal: str


# The workflow's moves, written once: the transitions guard on them, the form's status choices
# and the admin's bulk actions are worked out from them. A draft or a story in review was never
# out, so it cannot be withdrawn; a withdrawn story goes back to the desk through a draft.
SUBMIT = Move(
    frozenset({Status.DRAFT}), Status.REVIEW, False, "Only a draft can be submitted for review."
)
RETURN_TO_DRAFT = Move(
    frozenset({Status.REVIEW, Status.UNPUBLISHED}),
    Status.DRAFT,
    False,
    "Only a story in review or withdrawn can go back to draft.",
)
PUBLISH = Move(
    frozenset({Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.UNPUBLISHED}),
    Status.PUBLISHED,
    True,
    "This story cannot be published.",
)
WITHDRAW = Move(
    frozenset({Status.PUBLISHED}),
    Status.UNPUBLISHED,
    True,
    "Only a published or scheduled story can be withdrawn.",
)
MOVES = (SUBMIT, RETURN_TO_DRAFT, PUBLISH, WITHDRAW)


def path_to(current: str, status: str, *, editor: bool = True) -> list[Move] | None:
    """The moves that take a story from `current` to `status` (shortest first; [] when it is
    there already), or None when no path exists for this role. A story is never published on
    the way to somewhere else: publishing is only ever the last move."""
    if current == status:
        return []
    allowed = [move for move in MOVES if editor or not move.editors_only]
    paths: list[tuple[str, list[Move]]] = [(current, [])]
    seen = {current}
    while paths:
        here, taken = paths.pop(0)
        for move in allowed:
            if here not in move.sources or move.target in seen:
                continue
            if move.target == status:
                return [*taken, move]
            if move.target != Status.PUBLISHED:
                seen.add(move.target)
                paths.append((move.target, [*taken, move]))
    return None


class TransitionNotAllowed(PermissionDenied):
    """A step the story's current state does not allow (e.g. submitting a live story)."""


class MissingByline(ValidationError):
    """A story cannot go out unsigned: it needs a credited author or a byline override."""


class KilledByAgency(ValidationError):
    """A story the agency killed or withheld goes out only on an editor's recorded override."""


class MissingAltText(ValidationError):
    """A story cannot go out with a picture that has no alt text."""


def is_editor(user) -> bool:
    """Editors (and superusers) may edit any story and move it through every state."""
    return user is not None and can_publish(user)


def is_own_story(user, article: Article) -> bool:
    """Whether `user` started the story or is credited on it (via a linked author profile)."""
    if user is None or not user.is_authenticated:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.article_authors.filter(author__user=user).exists()


def may_edit(user, article: Article) -> bool:
    """Editors edit anything; a reporter edits only their own story while it is a draft or in
    review (a live, scheduled or withdrawn story belongs to the editors)."""
    if is_editor(user):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.status in WORKING_STATUSES
        and is_own_story(user, article)
    )


def may_preview(user, article: Article) -> bool:
    """Editors preview any story; a reporter previews the stories they work on."""
    return is_editor(user) or (
        user.has_perm("articles.view_article") and is_own_story(user, article)
    )


def may_share_preview(user, article: Article) -> bool:
    """Whether `user` may mint a shareable preview link, which lets anyone holding it read the
    story: only someone who may edit the story at that moment. A reporter's own draft or story
    in review, yes; once an editor has scheduled it or withdrawn it (perhaps for legal
    reasons), only editors. Withdrawing a story bumps its version, which revokes every link
    minted before (`articles.desk.previews`)."""
    return may_edit(user, article)


def allowed_statuses(user, article: Article) -> list[str]:
    """The statuses `user` may choose for `article` (its current one first): what a form
    offers. A new story starts as a draft."""
    current = article.status if article.pk else Status.DRAFT
    editor = is_editor(user)
    return [current] + [
        status
        for status in Status.values
        if status != current and path_to(current, status, editor=editor) is not None
    ]


def require(allowed: bool, message: str) -> None:
    """Refuse the step with `message` unless `allowed` (the acting user's role)."""
    if not allowed:
        raise PermissionDenied(message)


def has_byline(article: Article) -> bool:
    """Whether a story carries a byline: an override, or at least one credited author.

    Reads the credits in the database, never the admin form.
    """
    if article.byline_override.strip():
        return True
    return ArticleAuthor.objects.filter(article=article).exists()


def require_byline(article: Article) -> None:
    if not has_byline(article):
        raise MissingByline(
            "A published story needs a byline: credit an author or fill in the byline override "
            "(e.g. “Staff Correspondent”).",
            code="byline_required",
        )


def require_alt_text(article: Article) -> None:
    """Every picture a published story shows needs alt text (`library.missing_alt_text`)."""
    if library.missing_alt_text(article):
        raise MissingAltText(library.MISSING_ALT_TEXT, code="alt_text_required")


def agency_block(article: Article) -> str:
    """Why the agency's word keeps this story from going out ("" if nothing does): its wire
    copy was killed or withheld and no editor recorded an override (`wire.desk.override_kill`)."""
    if article.pk is None:
        return ""
    wire = WireStory.objects.killed().filter(article=article).select_related("provider").first()
    if wire is None:
        return ""
    verb = "killed" if wire.agency_status == "canceled" else "withheld"
    return (
        f"{wire.provider.name} {verb} this story: it cannot be published unless an editor "
        "overrides the kill, with a reason, in the wire panel above."
    )


def require_agency_clearance(article: Article) -> None:
    problem = agency_block(article)
    if problem:
        raise KilledByAgency(problem, code="killed_by_agency")
