"""The desks: who is on each, the section its lines start in, and its chat webhook."""

import secrets

from django.contrib import admin

from articles.models import Desk
from articles.staff.roles import can_plan

from ..searching import SafeSearchMixin


@admin.register(Desk)
class DeskAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["name", "section", "position", "member_count", "has_webhook"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    readonly_fields = ["webhook_secret"]
    fields = ["name", "slug", "section", "position", "members", "webhook_url", "webhook_secret"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section").prefetch_related("members")

    @admin.display(description="members")
    def member_count(self, desk):
        return len(desk.members.all())

    @admin.display(description="webhook", boolean=True)
    def has_webhook(self, desk):
        return bool(desk.webhook_url)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                is_staff=True, is_active=True
            ).order_by("first_name", "last_name", "username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return can_plan(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return can_plan(request.user) and super().has_add_permission(request)

    def save_model(self, request, obj, form, change):
        if obj.webhook_url and not obj.webhook_secret:
            # Shown once on the form for the chat tool's side; signs every body.
            obj.webhook_secret = secrets.token_urlsafe(32)
        super().save_model(request, obj, form, change)
