"""Sessions end when they should: idle ones expire, a new password or second factor ends the
others, deactivation signs out everywhere at once, staff see and end their own sessions, and a
sign-in from a browser new to the account is emailed to its owner."""

import time_machine
from django.core import mail
from django.test import Client

from articles.accounts.sessions import DEVICE_COOKIE
from articles.models import SignInAttempt, SignInOutcome, StaffSession

from .conftest import PASSWORD

SECURITY = "/admin/account/security/"


def _signed_in(browser) -> bool:
    return browser.get("/admin/").status_code == 200


def test_it_ends_a_session_left_idle(sign_in, client, signing_editor, settings):
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        sign_in("editor", PASSWORD)
        clock.shift(settings.STAFF_SESSION_IDLE - 60)
        assert _signed_in(client)  # used: its idle time starts over
        clock.shift(settings.STAFF_SESSION_IDLE - 60)
        assert _signed_in(client)
        clock.shift(settings.STAFF_SESSION_IDLE + 1)
        left = client.get("/admin/")

    assert left.status_code == 302 and left["Location"].startswith("/admin/login/")


def test_it_lists_sessions_and_ends_one(sign_in, signing_editor):
    desk, phone = Client(), Client()
    sign_in("editor", PASSWORD, agent="Firefox/140.0 (desk)", browser=desk)
    sign_in("editor", PASSWORD, agent="Safari/18 (phone)", address="198.51.100.9", browser=phone)

    page = desk.get(SECURITY).text
    assert "Firefox/140.0 (desk)" in page and "Safari/18 (phone)" in page
    assert "198.51.100.9" in page and "This browser" in page
    phone_key = phone.session.session_key
    desk.post(SECURITY, {"action": "end", "session": phone_key})

    assert not _signed_in(phone)
    assert _signed_in(desk)
    assert not StaffSession.objects.filter(session_key=phone_key).exists()


def test_it_ends_only_its_own_sessions(sign_in, signing_editor, make_staff):
    make_staff("Reporter", "rita", password=PASSWORD)
    mine, hers = Client(), Client()
    sign_in("editor", PASSWORD, browser=mine)
    sign_in("rita", PASSWORD, browser=hers)

    mine.post(SECURITY, {"action": "end", "session": hers.session.session_key})

    assert _signed_in(hers)


def test_it_ends_the_other_sessions_on_a_new_password(sign_in, signing_editor):
    desk, phone = Client(), Client()
    sign_in("editor", PASSWORD, browser=desk)
    sign_in("editor", PASSWORD, browser=phone)
    new = "a brand new passphrase for the desk"

    changed = desk.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert changed.status_code == 302
    assert _signed_in(desk) and not _signed_in(phone)
    assert StaffSession.objects.filter(user=signing_editor).count() == 1


def test_it_refuses_a_short_staff_password(sign_in, client, signing_editor):
    sign_in("editor", PASSWORD)
    short = "Kq7#vL2!pa"  # ten characters

    refused = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": short, "new_password2": short},
    )

    assert "at least 12 characters" in refused.text


def test_it_ends_the_other_sessions_on_a_new_second_factor(sign_in, signing_editor, enrol):
    device, _ = enrol(signing_editor)
    desk, phone = Client(), Client()
    for browser in (desk, phone):
        sign_in("editor", PASSWORD, browser=browser)
        session = browser.session
        session["otp_device_id"] = device.persistent_id  # as if each had typed a code
        session.save()

    desk.post(SECURITY, {"action": "codes"})

    assert _signed_in(desk) and not _signed_in(phone)


def test_it_signs_a_deactivated_account_out_everywhere(sign_in, signing_editor, login, superuser):
    desk = Client()
    sign_in("editor", PASSWORD, browser=desk)
    form = login(superuser).get(f"/admin/auth/user/{signing_editor.pk}/change/")
    data = {
        "username": "editor",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-12-01",
        "initial-date_joined_1": "09:00:00",
        "is_staff": "on",
        "groups": [group.pk for group in signing_editor.groups.all()],
    }
    assert form.status_code == 200

    saved = login(superuser).post(f"/admin/auth/user/{signing_editor.pk}/change/", data)

    assert saved.status_code == 302
    assert not StaffSession.objects.filter(user=signing_editor).exists()
    assert desk.get("/admin/").status_code == 302


def test_it_emails_the_owner_about_a_new_browser_once(sign_in, client, signing_editor):
    signing_editor.email = "editor@news.example.org"
    signing_editor.save()

    sign_in("editor", PASSWORD, address="192.0.2.80", agent="Chrome/142 (laptop)")
    client.post("/admin/logout/")
    sign_in("editor", PASSWORD)  # the same browser: it carries the device cookie

    [message] = mail.outbox
    assert message.to == ["editor@news.example.org"]
    assert "New sign-in" in message.subject
    assert "192.0.2.80" in message.body and "Chrome/142 (laptop)" in message.body


def test_it_treats_a_forged_device_cookie_as_a_new_browser(sign_in, client, signing_editor):
    signing_editor.email = "editor@news.example.org"
    signing_editor.save()
    client.cookies[DEVICE_COOKIE] = "eyJwZW9wbGUiOlsxXX0:forged:signature"

    sign_in("editor", PASSWORD)

    assert len(mail.outbox) == 1
    assert SignInAttempt.objects.filter(outcome=SignInOutcome.FORGED_DEVICE).exists()
