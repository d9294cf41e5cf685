"""Staff accounts and groups: Django's own admins, with the newsroom's safe search mixed in
(the author form's "user" box autocompletes against accounts); the sign-in form behind the
throttle; and the record of sign-in attempts, for superusers' eyes only."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from articles.models import SignInAttempt

from .searching import SafeSearchMixin
from .sign_in import SignInForm

admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.login_form = SignInForm


@admin.register(User)
class AccountAdmin(SafeSearchMixin, UserAdmin):
    pass


@admin.register(Group)
class GroupOfAccountsAdmin(SafeSearchMixin, GroupAdmin):
    pass


@admin.register(SignInAttempt)
class SignInAttemptAdmin(admin.ModelAdmin):
    """Who tried the door, when, from where: read only, and only superusers see it (the record
    names the addresses staff work from)."""

    list_display = ["created_at", "outcome", "username", "user", "address", "user_agent", "detail"]
    list_filter = ["outcome", "created_at"]
    list_select_related = ["user"]
    search_fields = ["username", "address"]
    date_hierarchy = "created_at"
    readonly_fields = list_display
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False  # written by the sign-in form, never by hand

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
