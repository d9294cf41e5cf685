"""Staff sessions that end when they should (docs/operations/staff-sign-in.md).

- Idle sessions expire: a session lives STAFF_SESSION_IDLE seconds (SESSION_COOKIE_AGE) past
  its last save, and a signed-in request saves it again at most every TOUCH_EVERY seconds, so
  Django's own session expiry is the idle timeout (no extra check per request).
- Each signed-in browser is a `StaffSession` row, written at sign-in (`started`), so people see
  their sessions and end them (`end`), and a new password or second factor ends the others
  (`end_others`), and deactivating an account ends them all (`end_all`).
- A browser that never signed in as this person before gets a "new sign-in" email to them;
  browsers are remembered by a signed cookie (`DEVICE_COOKIE`), and a cookie whose signature
  does not check is recorded as forged and treated as a new browser.
"""

import logging
import secrets
import smtplib
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import signing
from django.core.mail import EmailMessage
from django.utils import timezone

from articles.models import SignInOutcome, StaffSession

from . import attempts

logger = logging.getLogger(__name__)

# When this session was last saved for being used (seconds since the epoch).
SEEN = "staff_seen_at"
TOUCH_EVERY = 5 * 60
DEVICE_COOKIE = "newsroom_device"
DEVICE_SALT = "articles.accounts.device"
DEVICE_MAX_AGE = 400 * 24 * 60 * 60  # browsers cap cookies at 400 days
KNOWN_PEOPLE = 8  # accounts one browser remembers (a shared desk computer)


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def started(request, response) -> None:
    """A sign-in just succeeded on `request`: record the browser, tell the person when it is
    new to them, and remember it on `response`."""
    user = request.user
    request.session[SEEN] = time.time()
    request.session.save()  # the key is final after login(); the row names it
    StaffSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "last_seen_at": timezone.now(),
            "address": attempts.client_address(request),
            "user_agent": attempts.user_agent(request),
        },
    )
    known = _known_people(request)
    if user.pk not in known:
        _tell_new_device(request, user)
        known = [user.pk, *known][:KNOWN_PEOPLE]
    device = {"people": known, "id": secrets.token_urlsafe(8)}
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(device, salt=DEVICE_SALT, compress=True),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def touch(request) -> None:
    """A signed-in request: save the session again (so its idle expiry starts over) if it was
    last saved more than TOUCH_EVERY seconds ago. Sessions not started by a sign-in (none in
    production) are left as they are."""
    seen = request.session.get(SEEN)
    now = time.time()
    if seen is None or now - seen < TOUCH_EVERY:
        return
    request.session[SEEN] = now
    StaffSession.objects.filter(session_key=request.session.session_key).update(
        last_seen_at=timezone.now()
    )


def rekeyed(old: str | None, new: str | None) -> None:
    """The session `old` goes on under the key `new` (Django changes it on a new password)."""
    if old and new and old != new:
        StaffSession.objects.filter(session_key=old).update(session_key=new)


def open_sessions(user) -> list[StaffSession]:
    """`user`'s sessions that are still signed in, newest first; rows of sessions that expired
    or ended otherwise are dropped on the way."""
    alive, gone = [], []
    for row in StaffSession.objects.filter(user=user):
        (alive if _store(row.session_key).get(SESSION_KEY) else gone).append(row.pk)
    StaffSession.objects.filter(pk__in=gone).delete()
    return list(StaffSession.objects.filter(pk__in=alive))


def end(user, session_key: str) -> bool:
    """Sign `user`'s session `session_key` out (only their own)."""
    row = StaffSession.objects.filter(user=user, session_key=session_key).first()
    if row is None:
        return False
    _store(session_key).delete()
    row.delete()
    return True


def end_others(user, keep: str | None) -> int:
    """Sign `user` out everywhere but the session `keep` (a new password or second factor)."""
    keys = StaffSession.objects.filter(user=user).exclude(session_key=keep or "")
    ended = 0
    for key in keys.values_list("session_key", flat=True):
        ended += end(user, key)
    return ended


def end_all(user) -> int:
    """Sign `user` out everywhere (their account was deactivated)."""
    return end_others(user, keep=None)


def _known_people(request) -> list[int]:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if raw is None:
        return []
    try:
        device = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
        return [int(pk) for pk in device["people"]][:KNOWN_PEOPLE]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        attempts.record(
            request,
            SignInOutcome.FORGED_DEVICE,
            user=request.user,
            detail="device cookie did not check: treated as a new browser",
        )
        return []


def _tell_new_device(request, user) -> None:
    if not user.email:
        return
    when = timezone.localtime().strftime("%d %B %Y, %H:%M %Z")
    body = "\n".join(
        [
            f"Hello {user.get_full_name() or user.get_username()},",
            "",
            f"Your {settings.SITE_NAME} account signed in on a browser it had not used before:",
            "",
            f"  When:    {when}",
            f"  Address: {attempts.client_address(request) or 'unknown'}",
            f"  Browser: {attempts.user_agent(request) or 'unknown'}",
            "",
            "If this was you, there is nothing to do.",
            "If not, change your password now and end that session under Sign-in security in",
            "the admin, then tell a superuser.",
        ]
    )
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] New sign-in to your account", body=body, to=[user.email]
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as problem:
        # A mail server that is down must not stop a sign-in; the record still has it.
        logger.warning("New-sign-in email to %s not sent: %s", user.get_username(), problem)
