"""The budget screen and the plan line form.

The list of plan lines is the budget: a day or a week, grouped by section (in the order the
desk chose; empty sections hidden) or by desk, each line with its coverage, who is on it, when
it is due, the workflow state of its story and who has that story open. Editors re-plan a line
with its "Move" form (day and slot: keyboard), its "Earlier"/"Later" buttons, or by dragging
it onto another line (`static/admin_extra/budget.js`, which posts the same form). "Print" gives
the morning meeting's layout. Reporters see their own and their desks' lines, read-only.
"""

from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.desk.presence import editing_now
from articles.models import Desk, PlanLine, PlanSlot, Section
from articles.planning import budget as planning_budget
from articles.planning import rules
from articles.staff.roles import can_plan

from ..searching import SafeSearchMixin
from .coverage_rows import CoverageInline, save_coverage_rows

# What the planning forms add to every staff screen's styles and scripts
# (templates/admin/base_site.html): their own styles.
FORM_MEDIA = forms.Media(css={"all": ["admin_extra/planning.css"]})


class MoveForm(forms.Form):
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    slot = forms.ChoiceField(label="Slot", choices=PlanSlot.choices)
    position = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value[:10]) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def budget_request(request) -> dict:
    """What the budget's address asks for: ?day=, span (day|week), group (section|desk),
    desk and section (slugs); anything unreadable falls back to today's whole budget."""
    first = _day(request.GET.get("day", ""))
    span = "week" if request.GET.get("span") == "week" else "day"
    group = "desk" if request.GET.get("group") == "desk" else "section"
    desk = Desk.objects.filter(slug=request.GET.get("desk", "")[:80]).first()
    section = Section.objects.filter(slug=request.GET.get("section", "")[:80]).first()
    return {"first": first, "span": span, "group": group, "desk": desk, "section": section}


def _address(name: str) -> str:
    """A URL pattern with "{}" for the id, reversed once."""
    return reverse(name, args=[999999999]).replace("999999999", "{}")


def _slot_options(chosen: str) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == chosen else "", label)
            for value, label in PlanSlot.choices
        ),
    )


def budget_context(request) -> dict:
    asked = budget_request(request)
    days = 7 if asked["span"] == "week" else 1
    lines = planning_budget.budget(
        asked["first"], days, user=request.user, desk=asked["desk"], section=asked["section"]
    )
    ranks = {}
    change, move = (
        _address("admin:articles_planline_change"),
        _address("admin:articles_planline_move"),
    )
    for line in lines:
        # Addresses and the slot choices made once here, not per line in the template: a day
        # of 200 lines would otherwise reverse a thousand URLs and loop 1,200 options.
        line.change_url, line.move_url = change.format(line.pk), move.format(line.pk)
        line.slot_options = _slot_options(line.slot)
        # Its place among the lines of its day and slot ("Earlier" and "Later" move by one).
        line.rank = ranks.get((line.planned_on, line.slot), 0)
        ranks[(line.planned_on, line.slot)] = line.rank + 1
    stories = [c.article_id for line in lines for c in line.coverages.all() if c.article_id]
    presence = editing_now(stories)
    for line in lines:
        for coverage in line.coverages.all():
            coverage.editing = presence.get(coverage.article_id, [])
    step = timedelta(days=days)
    return {
        **asked,
        "days": days,
        "last": asked["first"] + timedelta(days=days - 1),
        "groups": planning_budget.grouped(lines, by=asked["group"]),
        "line_count": len(lines),
        "previous": asked["first"] - step,
        "next": asked["first"] + step,
        "today": timezone.localdate(),
        "slots": PlanSlot.choices,
        "desks": list(Desk.objects.all()),
        "sections": planning_budget.section_order(),
        "can_plan": can_plan(request.user),
    }


@admin.register(PlanLine)
class PlanLineAdmin(SafeSearchMixin, admin.ModelAdmin):
    inlines = [CoverageInline]
    search_fields = ["slug", "headline"]
    autocomplete_fields = ["events", "regions", "tags"]
    readonly_fields = ["state", "audit_trail"]
    fieldsets = [
        (None, {"fields": ["slug", "headline", "summary", ("section", "desk")]}),
        (
            "When (planned, not scheduled: the publish time is the story's)",
            {"fields": [("planned_on", "slot"), ("priority", "expected_words")]},
        ),
        ("Filing", {"fields": ["events", "regions", "tags"]}),
        ("Where it stands", {"fields": ["state", "notice", "shared", "audit_trail"]}),
    ]

    def get_queryset(self, request):
        return rules.visible_lines(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return can_plan(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_plan(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_plan(request.user) and super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("planned_on", _day(request.GET.get("day", "")))
        return initial

    @admin.display(description="history")
    def audit_trail(self, line):
        entries = line.audit.select_related("by")[:20] if line.pk else []
        return (
            format_html_join(
                "",
                "<p>{} · {} · {}{}</p>",
                (
                    (
                        f"{timezone.localtime(e.at):%Y-%m-%d %H:%M}",
                        e.by or "system",
                        e.get_action_display(),
                        f": {e.note}" if e.note else "",
                    )
                    for e in entries
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        planning_budget.save_plan_line(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        save_coverage_rows(request, formset)

    def delete_model(self, request, obj):
        planning_budget.delete_lines([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        planning_budget.delete_lines(list(queryset), by=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        line = self.get_object(request, object_id)
        if line is not None and request.method == "POST":
            try:
                planning_budget.delete_lines([line], by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:articles_planline_change", args=[line.pk])
                )
            self.message_user(request, f"Deleted “{line.slug}”.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_planline_changelist"))
        return super().delete_view(request, object_id, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("print/", wrap(self.print_view), name="articles_planline_print"),
            path(
                "sections/",
                wrap(require_POST(self.sections_view)),
                name="articles_planline_sections",
            ),
            path(
                "<int:pk>/move/", wrap(require_POST(self.move_view)), name="articles_planline_move"
            ),
            path(
                "<int:pk>/spike/",
                wrap(require_POST(self.spike_view)),
                name="articles_planline_spike",
            ),
            *super().get_urls(),
        ]

    # The budget ------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = budget_context(request)
        return TemplateResponse(
            request,
            "admin/articles/planline/budget.html",
            {
                **self.admin_site.each_context(request),
                **context,
                "opts": self.opts,
                "title": "Budget",
                "media": self.media + forms.Media(js=["admin_extra/budget.js"]),
            },
        )

    def print_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/articles/planline/print.html",
            {**budget_context(request), "site_header": self.admin_site.site_header},
        )

    @property
    def media(self):
        return super().media + FORM_MEDIA

    def _back(self, request, line=None):
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(target + (f"#line-{line.pk}" if line else ""))
        return HttpResponseRedirect(reverse("admin:articles_planline_changelist"))

    def move_view(self, request, pk):
        if not can_plan(request.user):
            raise PermissionDenied("Only editors may re-plan.")
        line = get_object_or_404(PlanLine, pk=pk)
        wants_json = "application/json" in request.headers.get("Accept", "")
        form = MoveForm(request.POST)
        if not form.is_valid():
            problem = "Choose a day and a slot."
            if wants_json:
                return JsonResponse({"error": problem}, status=400)
            self.message_user(request, problem, messages.ERROR)
            return self._back(request)
        data = form.cleaned_data
        line = planning_budget.move_line(
            line, day=data["day"], slot=data["slot"], position=data.get("position"), by=request.user
        )
        said = (
            f"{line.slug} moved to {line.planned_on:%a %-d %b}, {line.get_slot_display().lower()}."
        )
        if wants_json:
            return JsonResponse({"message": said, "line": line.pk})
        self.message_user(request, said, messages.SUCCESS)
        return self._back(request, line)

    def spike_view(self, request, pk):
        if not can_plan(request.user):
            raise PermissionDenied("Only editors may spike a line.")
        line = get_object_or_404(PlanLine, pk=pk)
        planning_budget.spike_line(
            line, reason=request.POST.get("reason", "")[:200], by=request.user
        )
        self.message_user(request, f"Spiked {line.slug}: whoever was on it has been told.")
        return self._back(request, line)

    def sections_view(self, request):
        if not can_plan(request.user):
            raise PermissionDenied("Only editors may order the budget.")
        chosen = [value for value in request.POST.getlist("section") if value.isdigit()]
        by_id = Section.objects.in_bulk([int(value) for value in chosen])
        planning_budget.arrange_sections(
            [by_id[int(value)] for value in chosen if int(value) in by_id], by=request.user
        )
        self.message_user(request, "The budget's order of sections is saved.")
        return self._back(request)
