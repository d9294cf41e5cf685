"""Two factors for staff: an authenticator app and recovery codes shown once, asked for after
the password, required of editors and superusers when STAFF_REQUIRE_2FA is on; reused,
misdirected and CSRF-less codes refused and recorded."""

import re

import pytest
import time_machine
from django.test import Client

from articles.models import SignInAttempt, SignInOutcome

from .conftest import PASSWORD, current_code

CHECK = "/admin/account/check/"
SECURITY = "/admin/account/security/"


@pytest.fixture(autouse=True)
def _frozen_clock():
    # Codes change every 30 s: every test here reads one instant.
    with time_machine.travel("2026-12-06 09:00:10Z", tick=False) as clock:
        yield clock


def test_it_makes_an_editor_set_up_an_app_and_shows_the_recovery_codes_once(
    login, signing_editor, second_factor_required
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser = login(signing_editor)
    sent = browser.get("/admin/articles/article/")
    assert sent.status_code == 302
    assert sent["Location"] == f"{SECURITY}?next=%2Fadmin%2Farticles%2Farticle%2F"
    assert browser.get("/admin/articles/article/", follow=True).status_code == 200
    assert "Your role must use a second factor" in browser.get(SECURITY).text

    setup = browser.post(SECURITY, {"action": "start"})
    assert "<svg" in setup.text and "Cannot scan?" in setup.text
    device = TOTPDevice.objects.get(user=signing_editor)
    shown = browser.post(SECURITY, {"action": "confirm", "code": current_code(device)})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.text)
    assert len(codes) == 10
    assert "shown only this once" in shown.text
    assert browser.get("/admin/articles/article/").status_code == 200
    again = browser.get(SECURITY)
    assert "You have 10 recovery codes left" in again.text
    assert not any(code in again.text for code in codes)
    assert SignInAttempt.objects.filter(outcome=SignInOutcome.VERIFIED).count() == 1


def test_it_asks_for_the_code_after_the_password(sign_in, client, signing_editor, enrol):
    device, _ = enrol(signing_editor)

    assert sign_in("editor", PASSWORD).status_code == 302
    sent = client.get("/admin/")
    assert sent["Location"] == f"{CHECK}?next=%2Fadmin%2F"
    wrong = client.post(CHECK, {"code": "000000", "next": "/admin/"})
    passed = client.post(CHECK, {"code": current_code(device), "next": "/admin/"})

    assert "That code is not right, or it was used already" in wrong.text
    assert passed.status_code == 302 and passed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    outcomes = list(SignInAttempt.objects.order_by("-pk").values_list("outcome", flat=True))
    assert outcomes[:3] == [
        SignInOutcome.VERIFIED,
        SignInOutcome.CODE_FAILURE,
        SignInOutcome.SUCCESS,
    ]


def test_it_refuses_a_code_used_already(login, signing_editor, enrol):
    device, _ = enrol(signing_editor)
    code = current_code(device)
    first, second = login(signing_editor), login(signing_editor)

    assert first.post(CHECK, {"code": code}).status_code == 302
    refused = second.post(CHECK, {"code": code})

    assert "used already" in refused.text
    assert second.get("/admin/").status_code == 302
    assert SignInAttempt.objects.filter(outcome=SignInOutcome.CODE_FAILURE).count() == 1


def test_it_refuses_a_code_from_another_account(login, signing_editor, make_staff, enrol):
    enrol(signing_editor)
    other_device, other_codes = enrol(make_staff("Reporter", "rita"))
    browser = login(signing_editor)

    refused = browser.post(CHECK, {"code": current_code(other_device)})
    refused_recovery = browser.post(CHECK, {"code": other_codes[0]})

    assert "not right" in refused.text and "not right" in refused_recovery.text
    assert browser.get("/admin/").status_code == 302


def test_it_takes_each_recovery_code_once(login, signing_editor, enrol):
    _, codes = enrol(signing_editor)
    first, second = login(signing_editor), login(signing_editor)

    assert first.post(CHECK, {"code": codes[0].upper()}).status_code == 302
    assert "used already" in second.post(CHECK, {"code": codes[0]}).text
    assert "You have 9 recovery codes left" in first.get(SECURITY).text


def test_it_slows_guessing_at_codes(login, signing_editor, enrol, settings):
    device, _ = enrol(signing_editor)
    browser = login(signing_editor)

    for guess in range(settings.SIGNIN_FREE_FAILURES + 1):
        browser.post(CHECK, {"code": f"{guess:06d}"})
    refused = browser.post(CHECK, {"code": current_code(device)})

    assert "Too many wrong codes" in refused.text
    assert browser.get("/admin/").status_code == 302


def test_it_refuses_a_post_without_the_csrf_token(signing_editor, enrol):
    device, _ = enrol(signing_editor)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(signing_editor)

    refused = browser.post(CHECK, {"code": current_code(device)})

    assert refused.status_code == 403
    assert browser.get("/admin/").status_code == 302


def test_it_leaves_the_second_factor_optional_when_not_required(client, editor_client):
    assert editor_client.get("/admin/").status_code == 200
    assert "a second factor is optional" in client.get("/admin/login/").text


def test_it_refuses_and_records_a_replayed_passkey_assertion(login, signing_editor, enrol):
    enrol(signing_editor)
    browser = login(signing_editor)
    # An assertion sent again after its one-time challenge was used (or never asked for).
    replayed = browser.post(
        "/admin/account/webauthn/authentication/complete/",
        data='{"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}',
        content_type="application/json",
    )

    assert replayed.status_code in (400, 403)
    assert browser.get("/admin/").status_code == 302
    refused = SignInAttempt.objects.get(outcome=SignInOutcome.CODE_FAILURE)
    assert refused.detail.startswith("passkey:")
