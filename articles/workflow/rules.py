"""Who may do what to a story, and which moves between statuses exist.

The transitions in `articles.workflow.transitions` check these themselves; forms call them only
to offer the right choices and to say no politely before anything is saved.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from articles.images import library
from articles.models import Article, ArticleAuthor, Status
from articles.staff.roles import can_publish

# The states a reporter works in; everything beyond belongs to the editors.
WORKING_STATUSES = (Status.DRAFT, Status.REVIEW)

# status → the statuses a story may be moved to from it (withdrawing a story first when it
# goes back to the desk). A draft or a story in review was never out, so it cannot be withdrawn.
MOVES = {
    Status.DRAFT: {Status.REVIEW, Status.PUBLISHED},
    Status.REVIEW: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.UNPUBLISHED, Status.DRAFT, Status.REVIEW},
    Status.UNPUBLISHED: {Status.DRAFT, Status.REVIEW, Status.PUBLISHED},
}


class TransitionNotAllowed(PermissionDenied):
    """A step the story's current state does not allow (e.g. submitting a live story)."""


class MissingByline(ValidationError):
    """A story cannot go out unsigned: it needs a credited author or a byline override."""


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


def allowed_statuses(user, article: Article) -> list[str]:
    """The statuses `user` may choose for `article` (its current one first): what a form
    offers. A new story starts as a draft."""
    current = article.status if article.pk else Status.DRAFT
    reachable = MOVES[current] if is_editor(user) else MOVES[current] & set(WORKING_STATUSES)
    return [current] + [status for status in Status.values if status in reachable]


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
