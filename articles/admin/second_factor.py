"""The second-factor screens, inside the admin's look: the check after the password
(`check`), and each person's own sign-in security page (`security`: set up an authenticator
app, see how many recovery codes are left, get new ones). `SecondFactorMiddleware` keeps a
session that owes a check (or an enrolment) on these screens until it is paid
(docs/operations/staff-sign-in.md). The same page lists the browsers they are signed in on,
to end any of them."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp_webauthn import views as webauthn_views

from articles.accounts import factors, sessions


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The six digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _context(request, title, **extra):
    # The admin's look (header, user links) without the app list: a session that has not
    # passed its check must not see what the site holds.
    return {
        **admin.site.each_context(request),
        "is_nav_sidebar_enabled": False,
        "available_apps": [],
        "title": title,
        **extra,
    }


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _staff_only(request):
    if not (request.user.is_authenticated and request.user.is_active and request.user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if refused := _staff_only(request):
        return refused
    if factors.owes_check(request) != "check":
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        problem = factors.check_code(request, form.cleaned_data["code"])
        if not problem:
            return HttpResponseRedirect(_next(request))
        form.add_error("code", problem)
    context = _context(
        request,
        "Second step: your code",
        form=form,
        next=_next(request),
        with_app=factors.has_app(request.user),
        with_passkey=factors.has_passkey(request.user),
    )
    return TemplateResponse(request, "admin/accounts/check.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def security(request):
    """One person's own second factor: set up (or replace) an app, new recovery codes."""
    if refused := _staff_only(request):
        return refused
    user = request.user
    action = request.POST.get("action", "")
    pending = factors.pending_app(user)
    form = CodeForm()
    codes = None
    if action == "start":
        pending = factors.start_app(user)
    elif action == "confirm" and pending is not None:
        form = CodeForm(request.POST)
        if form.is_valid() and factors.confirm_app(request, pending, form.cleaned_data["code"]):
            pending, codes = None, factors.new_recovery_codes(user)
            sessions.end_others(user, keep=request.session.session_key)
        elif form.is_valid():
            form.add_error("code", "That code is not the one the app shows now. Try the next one.")
    elif action == "codes" and factors.has_second_factor(user):
        codes = factors.new_recovery_codes(user)
        sessions.end_others(user, keep=request.session.session_key)
    elif action == "remove" and factors.has_app(user) and _may_drop(user, "app"):
        factors.remove_app(user)
        factors.note_sign_in(request, user)
        sessions.end_others(user, keep=request.session.session_key)
        messages.success(request, "Your authenticator app and recovery codes were removed.")
        return redirect("sign-in-security")
    elif action == "remove-passkey" and _may_drop(user, "passkey"):
        if factors.remove_passkey(user, request.POST.get("passkey")):
            factors.note_sign_in(request, user)
            sessions.end_others(user, keep=request.session.session_key)
            messages.success(request, "That passkey was removed.")
        return redirect("sign-in-security")
    elif action == "end":
        if sessions.end(user, request.POST.get("session", "")):
            messages.success(request, "That session is signed out.")
        return redirect("sign-in-security")
    elif action == "end-others":
        ended = sessions.end_others(user, keep=request.session.session_key)
        messages.success(request, f"{ended} other session{'s' if ended != 1 else ''} signed out.")
        return redirect("sign-in-security")
    elif request.method == "POST" and not action:
        return redirect("sign-in-security")
    context = _context(
        request,
        "Sign-in security",
        has_app=factors.has_app(user),
        passkeys=factors.passkeys(user),
        has_factor=factors.has_second_factor(user),
        required=factors.required_for(user),
        recovery_left=factors.recovery_codes_left(user),
        pending=pending,
        qr_code=factors.qr_code_svg(pending) if pending else "",
        secret=factors.secret_for_typing(pending) if pending else "",
        form=form,
        codes=codes,
        sessions=sessions.open_sessions(user),
        this_session=request.session.session_key,
        next=_next(request),
    )
    return TemplateResponse(request, "admin/accounts/security.html", context)


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request):
    """ "Confirm it's you" before a sensitive step: a code when the account has a second
    factor, else the password."""
    if refused := _staff_only(request):
        return refused
    with_code = factors.has_app(request.user)
    form = (CodeForm if with_code else PasswordForm)(request.POST or None)
    if form.is_valid():
        if with_code:
            problem = factors.check_code(request, form.cleaned_data["code"])
        else:
            problem = factors.check_password_again(request, form.cleaned_data["password"])
        if not problem:
            return HttpResponseRedirect(_next(request))
        form.add_error(None, problem)
    context = _context(
        request, "Confirm it's you", form=form, with_code=with_code, next=_next(request)
    )
    return TemplateResponse(request, "admin/accounts/confirm.html", context)


def _may_drop(user, kind: str) -> bool:
    """Whether `user` may remove their app or a passkey: always, unless their role needs a
    second factor and this is their last one."""
    if not factors.required_for(user):
        return True
    others = (
        len(factors.passkeys(user)) - (kind == "passkey") + factors.has_app(user) - (kind == "app")
    )
    return others > 0


class PasskeyCheck(webauthn_views.CompleteCredentialAuthenticationView):
    """django-otp-webauthn's check of a passkey, recorded like every other second factor (a
    replayed or forged assertion is refused by the library, and recorded here)."""

    def complete_auth(self, device):
        super().complete_auth(device)
        factors.passed(self.request, "passkey")

    def handle_exception(self, exc):
        factors.refused(self.request, f"passkey: {exc}")
        return super().handle_exception(exc)


class PasskeyRegistration(webauthn_views.CompleteCredentialRegistrationView):
    """django-otp-webauthn's registration of a passkey; a new second factor signs out every
    other session."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            factors.passed(self.request, "passkey registered")
            sessions.end_others(self.request.user, keep=self.request.session.session_key)
        return response


WEBAUTHN = "admin/account/webauthn/"

urlpatterns = [
    # Ours first, at the library's own addresses: the same ceremonies, recorded.
    path(f"{WEBAUTHN}authentication/complete/", PasskeyCheck.as_view()),
    path(f"{WEBAUTHN}registration/complete/", PasskeyRegistration.as_view()),
    path(WEBAUTHN, include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("admin/account/check/", check, name="second-factor-check"),
    path("admin/account/confirm/", confirm, name="confirm-identity"),
    path("admin/account/security/", security, name="sign-in-security"),
]


class StaffSessionMiddleware:
    """A signed-in staff member whose session owes a second factor reaches only the screens
    that take it (and signing out): everything else, admin or not, sends them there first.
    Every other signed-in request keeps its session alive (`articles.accounts.sessions`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        owed = factors.owes_check(request)
        if owed and not self._open_while_owing(request.path, owed):
            screen = reverse("second-factor-check" if owed == "check" else "sign-in-security")
            return redirect(f"{screen}?{urlencode({'next': request.get_full_path()})}")
        if request.user.is_authenticated:
            sessions.touch(request)
        return self.get_response(request)

    @staticmethod
    def _open_while_owing(path: str, owed: str) -> bool:
        open_paths = {reverse("second-factor-check"), reverse("admin:logout")}
        if owed == "enrol":
            open_paths.add(reverse("sign-in-security"))
        # The passkey ceremonies' endpoints: the library refuses registering a new passkey
        # before the session passed an existing factor.
        prefixes = ("/" + settings.STATIC_URL.lstrip("/"), "/" + WEBAUTHN)
        return path in open_paths or path.startswith(prefixes)
