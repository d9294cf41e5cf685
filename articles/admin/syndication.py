"""The syndication admin: partners who take stories by push, and the delivery log with its
dead letters (retried by hand through `articles.syndication.push.retry_by_hand`)."""

from django.contrib import admin, messages

from articles.models import Delivery, Subscriber
from articles.syndication.push import retry_by_hand

from .asks_again import AsksAgainMixin


@admin.register(Subscriber)
class SubscriberAdmin(AsksAgainMixin, admin.ModelAdmin):
    # The form shows and sets the partner's signing secret: a recent check first.
    list_display = ["name", "endpoint_url", "active", "embargo_trusted"]
    list_filter = ["active", "embargo_trusted"]
    search_fields = ["name", "endpoint_url"]
    filter_horizontal = ["sections", "regions", "tags"]
    fieldsets = [
        (None, {"fields": ["name", "endpoint_url", "secret", "active", "embargo_trusted"]}),
        ("What they take (empty: everything)", {"fields": ["sections", "regions", "tags"]}),
    ]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "article",
        "subscriber",
        "version",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    ]
    list_filter = ["status", "event", "subscriber"]
    list_select_related = ["article", "subscriber"]
    search_fields = ["article__headline", "subscriber__name", "id"]
    date_hierarchy = "created_at"
    actions = ["retry_selected"]
    readonly_fields = [
        "id",
        "subscriber",
        "article",
        "version",
        "event",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "body",
    ]

    def has_add_permission(self, request):
        return False  # deliveries are queued by the workflow, never by hand

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry selected dead or failing deliveries now", permissions=["view"])
    def retry_selected(self, request, queryset):
        # "change" on deliveries is the right to send them again (they are never edited).
        if not request.user.has_perm("articles.change_delivery"):
            self.message_user(request, "You may not retry deliveries.", messages.ERROR)
            return
        queued = retry_by_hand(queryset)
        self.message_user(request, f"Queued again: {queued} (only dead or failing ones are).")
