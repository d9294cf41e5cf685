""" "Add to plan" where stories are chosen outside the budget: an admin action the wire queue
lists beside its own (the event form has its own button, `events.py`)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from articles.planning.coverage import plan_story
from articles.staff.roles import can_plan


@admin.action(description="Add to today's plan")
def add_wire_stories_to_plan(modeladmin, request, queryset):
    """Each selected wire story's draft goes on today's plan as a line it fulfils."""
    if not can_plan(request.user):
        raise PermissionDenied("Only editors may plan.")
    made = []
    for wire in queryset.select_related("article__section"):
        if wire.article is None:
            continue
        try:
            made.append(plan_story(wire.article, by=request.user))
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
    if len(made) == 1:
        return HttpResponseRedirect(reverse("admin:articles_planline_change", args=[made[0].pk]))
    if made:
        modeladmin.message_user(request, f"Added {len(made)} stories to today's plan.")
    return None
