"""“My assignments”: what a reporter, photographer or producer is on, what their desks have open,
and the buttons that move it — Take (a desk's open assignment), Start (the story, pre-filled),
Deliver (a picture from the library) — with their private calendar addresses and their
latest notifications. The coverage list is this screen; coverage is edited on its plan line.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.admin.widgets import AutocompleteSelect
from articles.models import CalendarFeed, Coverage, CoverageKind, CoverageStatus, Desk, Image
from articles.planning import calendars, notifications
from articles.planning.coverage import deliver_picture, start_coverage, take_coverage
from articles.staff.roles import can_plan

from ..searching import SafeSearchMixin
from .budget import FORM_MEDIA

DONE = (CoverageStatus.DELIVERED, CoverageStatus.CANCELLED)


class PictureForm(forms.Form):
    image = forms.ModelChoiceField(queryset=Image.objects.all(), label="Picture")

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].widget = AutocompleteSelect(
            Coverage._meta.get_field("image"), admin_site
        )


def _coverage():
    return Coverage.objects.select_related(
        "plan_line__section", "assignee", "desk", "article", "image"
    ).prefetch_related("plan_line__events")


def assignments_of(user) -> dict:
    mine = _coverage().filter(assignee=user).exclude(status__in=DONE).order_by("due_at", "pk")
    open_on_desks = (
        _coverage()
        .filter(desk__members=user, assignee__isnull=True)
        .exclude(status__in=DONE)
        .order_by("due_at", "pk")
    )
    since = timezone.now() - timedelta(days=7)
    done = (
        _coverage()
        .filter(assignee=user, status=CoverageStatus.DELIVERED, delivered_at__gte=since)
        .order_by("-delivered_at")[:20]
    )
    return {"mine": list(mine), "open_on_desks": list(open_on_desks), "done": list(done)}


@admin.register(Coverage)
class CoverageAdmin(SafeSearchMixin, admin.ModelAdmin):
    search_fields = ["plan_line__slug", "plan_line__headline"]

    def get_model_perms(self, request):
        perms = super().get_model_perms(request)
        # Coverage is added and changed on its plan line; the index links to this screen.
        return {**perms, "add": False, "change": False}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/take/", wrap(require_POST(self.take_view)), name="articles_coverage_take"
            ),
            path(
                "<int:pk>/start/",
                wrap(require_POST(self.start_view)),
                name="articles_coverage_start",
            ),
            path(
                "<int:pk>/deliver/",
                wrap(require_POST(self.deliver_view)),
                name="articles_coverage_deliver",
            ),
            path(
                "calendars/",
                wrap(require_POST(self.calendar_view)),
                name="articles_coverage_calendar",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        feeds = {
            feed.desk_id: feed
            for feed in CalendarFeed.objects.filter(owner=request.user).select_related("desk")
        }
        desks = list(Desk.objects.filter(members=request.user))
        return TemplateResponse(
            request,
            "admin/articles/coverage/assignments.html",
            {
                **self.admin_site.each_context(request),
                **assignments_of(request.user),
                "opts": self.opts,
                "title": "My assignments",
                "desks": [(desk, feeds.get(desk.pk)) for desk in desks],
                "own_calendar": feeds.get(None),
                "inbox": list(notifications.inbox(request.user)[:8]),
                "unread": notifications.unread_count(request.user),
                "picture_form": PictureForm(admin_site=self.admin_site),
                "story_kinds": (CoverageKind.TEXT, CoverageKind.LIVE),
                "can_plan": can_plan(request.user),
                "media": self.media + PictureForm(admin_site=self.admin_site).media + FORM_MEDIA,
            },
        )

    def _back(self):
        return HttpResponseRedirect(reverse("admin:articles_coverage_changelist"))

    def _visible(self, request, pk) -> Coverage:
        found = (
            _coverage().filter(Q(assignee=request.user) | Q(desk__members=request.user))
            if not can_plan(request.user)
            else _coverage()
        )
        return get_object_or_404(found.distinct(), pk=pk)

    def take_view(self, request, pk):
        coverage = self._visible(request, pk)
        try:
            take_coverage(coverage, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"It is yours: {coverage.plan_line.slug}.", messages.SUCCESS)
        return self._back()

    def start_view(self, request, pk):
        coverage = self._visible(request, pk)
        try:
            story = start_coverage(coverage, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return self._back()
        self.message_user(
            request,
            f"Your draft is ready, filled in from the plan ({coverage.plan_line.slug}).",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))

    def deliver_view(self, request, pk):
        coverage = self._visible(request, pk)
        form = PictureForm(request.POST, admin_site=self.admin_site)
        if not form.is_valid():
            self.message_user(request, "Choose a picture from the library.", messages.ERROR)
            return self._back()
        try:
            deliver_picture(coverage, form.cleaned_data["image"], by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"Delivered: {coverage.plan_line.slug}.", messages.SUCCESS)
        return self._back()

    def calendar_view(self, request):
        """Make (or make anew, revoking the old address) a calendar address."""
        desk = None
        if request.POST.get("desk"):
            desk = get_object_or_404(Desk, pk=request.POST["desk"], members=request.user)
        calendars.new_address(request.user, desk=desk)
        self.message_user(
            request,
            "A new calendar address is ready; the old one (if any) no longer works.",
            messages.SUCCESS,
        )
        return self._back()
