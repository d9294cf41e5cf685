"""Staff accounts and groups: Django's own admins, with the newsroom's safe search mixed in
(the author form's "user" box autocompletes against accounts); the sign-in form behind the
throttle; and the record of sign-in attempts, for superusers' eyes only."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import (
    ReadOnlyPasswordHashField,
    ReadOnlyPasswordHashWidget,
    UserChangeForm,
)
from django.contrib.auth.models import Group, User

from articles import changes
from articles.accounts import factors, sessions
from articles.models import SignInAttempt

from .asks_again import AsksAgainMixin, confirm_first
from .searching import SafeSearchMixin
from .sign_in import SignInForm

admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.login_form = SignInForm
_admin_login = admin.site.login


_admin_password_change = admin.site.password_change


def _login(request, extra_context=None):
    # The sign-in page says when a second factor is optional here (development, by default),
    # and offers the identity provider's button when there is one.
    extra = {
        "second_factor_optional": not settings.STAFF_REQUIRE_2FA,
        "single_sign_on": settings.SSO_NAME if settings.SSO_DISCOVERY_URL else "",
        **(extra_context or {}),
    }
    response = _admin_login(request, extra_context=extra)
    if _done(request, response) and request.user.is_authenticated:
        sessions.started(request, response)  # the session is now the signed-in one
    return response


def _password_change(request, extra_context=None):
    before = request.session.session_key
    response = _admin_password_change(request, extra_context=extra_context)
    if _done(request, response):
        # Django keeps this session through the new password (under a new key); the others
        # end now.
        sessions.end_others(request.user, keep=before)
        sessions.rekeyed(before, request.session.session_key)
    return response


def _done(request, response) -> bool:
    # A form posted and accepted: the admin's views then redirect.
    return request.method == "POST" and response.status_code == 302


admin.site.login = _login
admin.site.password_change = _password_change


class PasswordSummary(ReadOnlyPasswordHashWidget):
    """Django's summary of an account's password, without the `disabled` attribute its
    disabled field puts on the summary's <div> (invalid HTML, the Nu checker's error): the
    summary holds no control, only text and a link."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class AccountChangeForm(UserChangeForm):
    password = ReadOnlyPasswordHashField(
        label=UserChangeForm.base_fields["password"].label,
        help_text=UserChangeForm.base_fields["password"].help_text,
        widget=PasswordSummary,
    )


@admin.register(User)
class AccountAdmin(AsksAgainMixin, SafeSearchMixin, UserAdmin):
    form = AccountChangeForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            changes.account_deactivated(obj)

    def user_change_password(self, request, id, form_url=""):
        if not factors.checked_recently(request):
            return confirm_first(request)
        response = super().user_change_password(request, id, form_url)
        if _done(request, response) and str(request.user.pk) != str(id):
            # A superuser set someone's password: whoever holds their sessions is out.
            sessions.end_all(User.objects.get(pk=id))
        return response


@admin.register(Group)
class GroupOfAccountsAdmin(AsksAgainMixin, SafeSearchMixin, GroupAdmin):
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
