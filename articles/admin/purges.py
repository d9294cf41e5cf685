"""The CDN purge log (`CdnPurge`): what the CDN was asked to forget after each change, and
whether it answered. Read-only: rows are written by `articles.caching.purging`; a purge that
failed is retried by the worker on its own, and "Send due purges now" asks it at once."""

from django.contrib import admin, messages

from articles.caching import purging
from articles.models import CdnPurge


@admin.register(CdnPurge)
class CdnPurgeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "short_keys", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in CdnPurge._meta.fields]
    actions = ["send_now"]

    @admin.display(description="keys")
    def short_keys(self, purge):
        return purge.keys if len(purge.keys) <= 120 else purge.keys[:117] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Send due purges now", permissions=["view"])
    def send_now(self, request, queryset):
        sent = purging.send_due()
        self.message_user(request, f"Sent {sent} purge(s).", messages.INFO)
