"""The admin's sign-in form: Django's, behind the throttle, with every try recorded
(`articles.accounts`; docs/operations/staff-sign-in.md)."""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model

from articles.accounts import attempts, factors, throttle
from articles.models import SignInOutcome


def _wait(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{(seconds + 59) // 60} minutes"


class SignInForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "single_sign_on_only": "Staff sign in with %(name)s here: use the button below.",
        "throttled": (
            "Too many failed sign-ins for this account or from this network. For your "
            "safety, try again in %(wait)s."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = attempts.client_address(self.request)
        seconds = throttle.cooling_down(username, address)
        if seconds:
            # Refused before the password is checked, so a guess in a cool-down learns nothing.
            attempts.record(
                self.request,
                SignInOutcome.THROTTLED,
                username=username,
                user=self._account(username),
                detail=f"{seconds} s left",
            )
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled", params={"wait": _wait(seconds)}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            started = throttle.failed(username, address)
            attempts.record(
                self.request,
                SignInOutcome.FAILURE,
                username=username,
                user=self.user_cache or self._account(username),
                detail=f"cool-down {started} s" if started else "",
            )
            raise error
        if self.user_cache is None:
            return cleaned  # a field left empty: its own error says so, nothing was tried
        if settings.SSO_ONLY and settings.SSO_DISCOVERY_URL and not self.user_cache.is_superuser:
            attempts.record(
                self.request,
                SignInOutcome.FAILURE,
                user=self.user_cache,
                detail="passwords are off: single sign-on only",
            )
            raise forms.ValidationError(
                self.error_messages["single_sign_on_only"],
                code="single_sign_on_only",
                params={"name": settings.SSO_NAME},
            )
        throttle.succeeded(username)
        # Kept through login(), which keeps the session's data for the same person.
        factors.note_sign_in(self.request, self.user_cache)
        attempts.record(self.request, SignInOutcome.SUCCESS, user=self.user_cache)
        return cleaned

    @staticmethod
    def _account(username: str):
        # The account a name points at, for the record (None when it names no one).
        return get_user_model()._default_manager.filter(username=username).first()
