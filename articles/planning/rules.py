"""Who may do what on the planning desk, in one place.

Editors (and superusers) plan: events, plan lines, coverage, who is on it
(`articles.staff.roles.can_plan`). Active staff may be assigned. A reporter or photographer
sees the lines they are on and their desks' lines, takes an open assignment of their desk, and
starts and delivers what is theirs. Every domain function checks these itself, so a forged
request changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from articles.models import Coverage, CoverageStatus, Desk, PlanLine
from articles.staff.roles import can_plan, may_be_assigned


def require_planner(user) -> None:
    """Refuse anyone but an editor (`by=None` is the newsroom's own script: allowed)."""
    if user is not None and not can_plan(user):
        raise PermissionDenied("Only editors may plan: events, plan lines and assignments.")


def require_assignable(user) -> None:
    """Coverage goes to active staff only; an account that left cannot be told of it."""
    if user is not None and not may_be_assigned(user):
        name = user.get_full_name().strip() or user.get_username()
        raise ValidationError(
            f"{name} is not an active staff account, so cannot be assigned: choose someone "
            "else or a desk.",
            code="inactive_assignee",
        )


def desks_of(user):
    return Desk.objects.filter(members=user)


def visible_lines(user, lines=None):
    """The plan lines `user` may see: every line for a planner, else the lines they are on
    and their desks' lines."""
    lines = PlanLine.objects.all() if lines is None else lines
    if user is None or can_plan(user):
        return lines
    mine = PlanLine.objects.filter(
        Q(coverages__assignee=user) | Q(coverages__desk__members=user) | Q(desk__members=user)
    ).values("pk")
    return lines.filter(pk__in=mine)


def may_see_line(user, line: PlanLine) -> bool:
    return visible_lines(user, PlanLine.objects.filter(pk=line.pk)).exists()


def is_on(user, coverage: Coverage) -> bool:
    """Whether the coverage is `user`'s: assigned to them."""
    return user is not None and coverage.assignee_id == user.pk


def may_take(user, coverage: Coverage) -> bool:
    """A desk's member takes its open assignment (nobody named on it yet)."""
    return (
        user is not None
        and coverage.assignee_id is None
        and coverage.desk_id is not None
        and coverage.status not in (CoverageStatus.CANCELLED, CoverageStatus.DELIVERED)
        and Desk.objects.filter(pk=coverage.desk_id, members=user).exists()
    )


def may_work_on(user, coverage: Coverage) -> bool:
    """Start, deliver: its assignee, a member of its desk while nobody is named, a planner."""
    return can_plan(user) or is_on(user, coverage) or may_take(user, coverage)
