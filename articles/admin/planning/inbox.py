"""Notifications in the admin: each person's own, newest first; opening one marks it read and
takes them to the item it is about (a notification that opens the item)."""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from articles.models import Notification
from articles.planning import notifications

from ..searching import SafeSearchMixin


@admin.register(Notification)
class NotificationAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ["opening", "kind", "created_at", "is_read"]
    list_filter = ["kind"]
    search_fields = ["message"]
    actions = ["mark_read"]

    def get_queryset(self, request):
        return notifications.inbox(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.recipient_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # "Mark as read" is the inbox's own action; its permission is being the recipient.
        # (Django 6.1 asks for the actions of a place, the list or a form: the same here.)
        return {"mark_read": self.get_action("mark_read", action_location)}

    @admin.display(description="notification")
    def opening(self, notification):
        url = reverse("admin:articles_notification_open", args=[notification.pk])
        weight = "strong" if notification.read_at is None else "span"
        return format_html(
            '<a href="{}"><{}>{}</{}></a>', url, weight, notification.message, weight
        )

    @admin.display(description="read", boolean=True)
    def is_read(self, notification):
        return notification.read_at is not None

    @admin.action(description="Mark as read")
    def mark_read(self, request, queryset):
        for notification in queryset.filter(read_at__isnull=True):
            notifications.mark_read(notification, by=request.user)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", wrap(self.open_view), name="articles_notification_open"),
            *super().get_urls(),
        ]

    def open_view(self, request, pk):
        notification = get_object_or_404(notifications.inbox(request.user), pk=pk)
        notifications.mark_read(notification, by=request.user)
        return HttpResponseRedirect(notification.link)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return (
            self.open_view(request, int(object_id))
            if object_id.isdigit()
            else super().change_view(request, object_id, form_url, extra_context)
        )
