"""Second factors for staff, on django-otp: an authenticator app (TOTP), passkeys and security
keys (WebAuthn, django-otp-webauthn) and recovery codes.

Who must have one (`required_for`), whether a session still owes one (`owes_check`), setting
up an app (`start_app`, `confirm_app`), recovery codes shown once (`new_recovery_codes`), and
the one check of a typed code (`check_code`), which the throttle slows and the record keeps
(docs/operations/staff-sign-in.md).

A TOTP code is accepted once: django-otp keeps the last time step used, so the same code (or
an older one) is refused afterwards. A recovery code is deleted as it is used.
"""

import time
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from articles.models import SignInOutcome
from articles.staff.roles import can_publish

from . import attempts, throttle

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# When this session last passed a second factor (seconds since the epoch): re-authentication
# before sensitive steps reads it.
CHECKED_AT = "second_factor_checked_at"
# What this session's sign-in owes: [user id, "check" | "enrol" | ""] (`note_sign_in`).
OWED = "second_factor_owed"


def required_for(user) -> bool:
    """Whether `user` must pass a second factor: editors and superusers, when
    STAFF_REQUIRE_2FA is on."""
    return settings.STAFF_REQUIRE_2FA and (user.is_superuser or can_publish(user))


def has_app(user) -> bool:
    """Whether `user` has a confirmed second factor (recovery codes come with an app and go
    with it: the app stands for both)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def passkeys(user) -> list:
    """`user`'s passkeys and security keys (WebAuthn credentials), newest first."""
    return list(
        WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("-created_at")
    )


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user) -> bool:
    return has_app(user) or has_passkey(user)


@transaction.atomic
def remove_passkey(user, pk) -> bool:
    """Remove one of `user`'s own passkeys; their recovery codes go with their last factor."""
    removed, _ = WebAuthnCredential.objects.filter(user=user, pk=pk).delete()
    if removed and not has_second_factor(user):
        StaticDevice.objects.filter(user=user).delete()
    return bool(removed)


def owed_by(user) -> str:
    """What signing in as `user` owes after the password: "check" (they have a second
    factor), "enrol" (they must have one and have none), or "" (nothing)."""
    if has_second_factor(user):
        return "check"
    return "enrol" if required_for(user) else ""


def note_sign_in(request, user) -> None:
    """Note in the session what this sign-in owes, so later requests need not ask the
    database (a session without the note, or with another person's, asks once: `owes_check`). The
    password just typed counts as a check for sensitive steps (`checked_recently`)."""
    request.session[OWED] = [user.pk, owed_by(user)]
    request.session[CHECKED_AT] = time.time()


def checked_recently(request) -> bool:
    """Whether this session proved who it is (password at sign-in, a code, or the "confirm
    it's you" screen) within STAFF_REAUTH_SECONDS: sensitive steps (roles, partners' signing
    secrets, raising a banner) ask again otherwise. 0 turns the question off."""
    seconds = settings.STAFF_REAUTH_SECONDS
    if not seconds:
        return True
    return time.time() - request.session.get(CHECKED_AT, 0) <= seconds


def check_password_again(request, password: str) -> str:
    """The "confirm it's you" screen for an account without a second factor: its password,
    throttled and recorded like a sign-in. Returns "" when it passed, else why not."""
    user = request.user
    username, address = user.get_username(), attempts.client_address(request)
    seconds = throttle.cooling_down(username, address)
    if seconds:
        attempts.record(request, SignInOutcome.THROTTLED, user=user, detail="confirming")
        return f"Too many wrong tries. For your safety, try again in {seconds} seconds."
    if not user.check_password(password):
        throttle.failed(username, address)
        attempts.record(request, SignInOutcome.FAILURE, user=user, detail="confirming")
        return "That is not your password."
    throttle.succeeded(username)
    request.session[CHECKED_AT] = time.time()
    attempts.record(request, SignInOutcome.VERIFIED, user=user, detail="password again")
    return ""


def owes_check(request) -> str:
    """What a signed-in staff member's session still owes (`owed_by`), "" once it passed."""
    user = request.user
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return ""
    noted = request.session.get(OWED)
    if isinstance(noted, list) and len(noted) == 2 and noted[0] == user.pk:
        return noted[1]
    # A session that did not sign in through the form (single sign-on notes its own; a
    # session from before this rule) is asked once, and its answer noted like a sign-in's.
    owed = request.session[OWED] = [user.pk, owed_by(user)]
    return owed[1]


def start_app(user) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (any earlier unconfirmed one is dropped);
    it counts only once a code from it is typed back (`confirm_app`)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def pending_app(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def qr_code_svg(device: TOTPDevice) -> str:
    """The app's setup address as an inline SVG QR code (no script, no request elsewhere)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title="QR code to scan with an authenticator app"
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps set up by typing it."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_app(request, device: TOTPDevice, code: str) -> bool:
    """Confirm a new authenticator with a code it shows; it then replaces any earlier one and
    this session counts as checked."""
    if not device.verify_token(_digits(code)):
        attempts.record(
            request, SignInOutcome.CODE_FAILURE, user=request.user, detail="setting up an app"
        )
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _passed(request, device, "authenticator app set up")
    return True


@transaction.atomic
@transaction.atomic
def remove_app(user) -> None:
    """Remove `user`'s authenticator app (and their recovery codes with their last factor)."""
    TOTPDevice.objects.filter(user=user).delete()
    if not has_passkey(user):
        StaticDevice.objects.filter(user=user).delete()


def new_recovery_codes(user) -> list[str]:
    """Ten fresh recovery codes for `user`; the old ones stop working. Shown once: only the
    codes themselves are kept, to be matched and deleted as they are used."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def check_code(request, code: str) -> str:
    """Check a code typed by the signed-in user: their app's current code or one of their
    recovery codes. Returns "" when it passed (the session is then checked), else why not."""
    user = request.user
    username, address = user.get_username(), attempts.client_address(request)
    seconds = throttle.cooling_down(username, address)
    if seconds:
        attempts.record(
            request, SignInOutcome.THROTTLED, user=user, detail=f"code, {seconds} s left"
        )
        return f"Too many wrong codes. For your safety, try again in {seconds} seconds."
    device = _matching_device(user, code)
    if device is None:
        started = throttle.failed(username, address)
        attempts.record(
            request,
            SignInOutcome.CODE_FAILURE,
            user=user,
            detail=f"cool-down {started} s" if started else "",
        )
        return "That code is not right, or it was used already. Codes work once."
    throttle.succeeded(username)
    kind = "recovery code" if isinstance(device, StaticDevice) else "authenticator app"
    _passed(request, device, kind)
    return ""


def _matching_device(user, code: str):
    with transaction.atomic():
        digits = _digits(code)
        if digits.isdigit() and len(digits) == 6:
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(digits):
                    return device
        recovery = "".join(code.split()).replace("-", "").lower()
        for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if recovery and device.verify_token(recovery):
                return device
    return None


def _digits(code: str) -> str:
    return "".join(code.split())


def _passed(request, device, kind: str) -> None:
    django_otp.login(request, device)
    passed(request, kind)


def passed(request, kind: str) -> None:
    """This session just passed a second factor (`kind` for the record): sensitive steps need
    not ask again for a while."""
    request.session[CHECKED_AT] = time.time()
    attempts.record(request, SignInOutcome.VERIFIED, user=request.user, detail=kind)


def refused(request, detail: str) -> None:
    """A second factor was offered and refused (e.g. a replayed passkey assertion)."""
    attempts.record(request, SignInOutcome.CODE_FAILURE, user=request.user, detail=detail[:200])
