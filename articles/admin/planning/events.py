"""Events in the admin: the list (soonest first, filtered by status, place and agency), the form
(dates, rule, place, people, status with its reason), "Add to plan" and, for a recurring event,
a plan line per occurrence. Saving, status changes and deleting go through
`articles.planning.events`, which refuses bad dates and rules with a message on the field and
refuses to delete an event whose coverage was delivered.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.admin.widgets import AutocompleteAdminMixin, AutocompleteSelect
from articles.models import Event, Section
from articles.planning import events as planning_events
from articles.planning import recurrence
from articles.staff.roles import can_plan

from ..searching import SafeSearchMixin
from .budget import FORM_MEDIA


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "description",
            "precision",
            "starts_at",
            "ends_at",
            "recurrence",
            "region",
            "venue",
            "organisers",
            "participants",
            "status",
            "status_reason",
            "public",
            "notes",
            "links",
        ]

    def _post_clean(self):
        # The domain's checks read the event as filled in, which exists only from here on.
        super()._post_clean()
        if not self.errors:
            try:
                planning_events.check_event(self.instance)
            except ValidationError as error:
                self._update_errors(error)


class PlaceBox(AutocompleteSelect):
    """The admin's autocomplete box for the event's place."""

    empty_label = "No place"


class PlanForm(forms.Form):
    section = forms.ModelChoiceField(queryset=Section.objects.all(), label="Section")
    until = forms.DateField(
        required=False,
        label="Plan every occurrence until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


@admin.register(Event)
class EventAdmin(AutocompleteAdminMixin, SafeSearchMixin, admin.ModelAdmin):
    form = EventForm
    change_form_template = "admin/articles/event/change_form.html"
    list_display = ["title", "when", "status", "region", "public", "provider"]
    list_filter = ["status", "public", "precision", "provider"]
    list_select_related = ["region", "provider"]
    search_fields = ["title", "venue", "region__name"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "organisers", "participants"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        ("When", {"fields": ["precision", ("starts_at", "ends_at"), "recurrence"]}),
        ("Where and who", {"fields": ["region", "venue", "organisers", "participants"]}),
        ("Status", {"fields": ["status", "status_reason", "public"]}),
        ("For the desk", {"fields": ["notes", "links"]}),
    ]

    @property
    def media(self):
        return super().media + FORM_MEDIA

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            kwargs["widget"] = PlaceBox(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="when", ordering="starts_at")
    def when(self, event):
        start = timezone.localtime(event.starts_at)
        shown = {
            "month": f"{start:%B %Y}",
            "day": f"{start:%a %-d %b %Y}",
        }.get(event.precision, f"{start:%a %-d %b %Y %H:%M}")
        rule = recurrence.describe(event.recurrence)
        return f"{shown} ({rule})" if rule else shown

    def has_add_permission(self, request):
        return can_plan(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_plan(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_plan(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        planning_events.save_event(obj, by=request.user)

    def delete_model(self, request, obj):
        planning_events.delete_event(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for event in queryset:
            planning_events.delete_event(event, by=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        event = self.get_object(request, object_id)
        if event is not None and request.method == "POST":
            try:
                planning_events.delete_event(event, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:articles_event_change", args=[event.pk]))
            self.message_user(request, f"Deleted “{event.title}”.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_event_changelist"))
        return super().delete_view(request, object_id, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/plan/", wrap(require_POST(self.plan_view)), name="articles_event_plan"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        event = self.get_object(request, object_id)
        extra = {"plan_form": None, "plan_lines": []}
        if event is not None:
            section = event.plan_lines.values_list("section", flat=True).first()
            extra["plan_form"] = PlanForm(
                initial={"section": section, "until": timezone.localdate() + timedelta(weeks=8)}
            )
            extra["plan_lines"] = list(event.plan_lines.select_related("section")[:50])
            extra["can_plan"] = can_plan(request.user)
            extra["rule_in_words"] = recurrence.describe(event.recurrence)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def plan_view(self, request, pk):
        """ "Add to plan" (one line), or a line per occurrence until a day."""
        if not can_plan(request.user):
            raise PermissionDenied("Only editors may plan.")
        event = get_object_or_404(Event, pk=pk)
        form = PlanForm(request.POST)
        back = reverse("admin:articles_event_change", args=[pk])
        if not form.is_valid():
            self.message_user(request, "Choose the section the story will run in.", messages.ERROR)
            return HttpResponseRedirect(back)
        section, until = form.cleaned_data["section"], form.cleaned_data["until"]
        try:
            if "every" in request.POST:
                made = planning_events.plan_occurrences(
                    event, section=section, until=until or timezone.localdate(), by=request.user
                )
                self.message_user(
                    request,
                    f"Planned {len(made)} occurrence(s) of “{event.title}”.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(back)
            line = planning_events.plan_event(event, section=section, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(back)
        self.message_user(request, f"Added “{line.slug}” to the plan: assign its coverage.")
        return HttpResponseRedirect(reverse("admin:articles_planline_change", args=[line.pk]))
