"""Sensitive steps ask again: changing roles and accounts, partners' signing secrets and raising
the breaking-news banner need a check (code, or password without a second factor) from the
last few minutes."""

import pytest
import time_machine
from django.test import Client

from articles.models import Banner, SignInAttempt, SignInOutcome

from .conftest import PASSWORD, current_code

CONFIRM = "/admin/account/confirm/"
RAISE = "/admin/articles/banner/add/"


@pytest.fixture(autouse=True)
def _asks_again(settings):
    settings.STAFF_REAUTH_SECONDS = 300


def test_it_asks_for_the_password_again_before_raising_a_banner(sign_in, client, signing_editor):
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        sign_in("editor", PASSWORD)
        assert client.get(RAISE).status_code == 200  # signing in was the check
        clock.shift(301)
        sent = client.get(RAISE)
        asked = client.get(sent["Location"])
        wrong = client.post(CONFIRM, {"password": "not it at all", "next": RAISE})
        passed = client.post(CONFIRM, {"password": PASSWORD, "next": RAISE})

    assert sent["Location"] == f"{CONFIRM}?next=%2Fadmin%2Farticles%2Fbanner%2Fadd%2F"
    assert "Type your password" in asked.text
    assert "That is not your password." in wrong.text
    assert passed["Location"] == RAISE
    outcomes = list(SignInAttempt.objects.order_by("-pk").values_list("outcome", "detail")[:2])
    assert outcomes == [
        (SignInOutcome.VERIFIED, "password again"),
        (SignInOutcome.FAILURE, "confirming"),
    ]


def test_it_saves_nothing_posted_after_the_check_went_stale(sign_in, client, signing_editor):
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        sign_in("editor", PASSWORD)
        clock.shift(301)
        refused = client.post(
            RAISE, {"text": "Explosions heard in central Kyiv", "level": "breaking", "stays_up": 60}
        )

    assert refused.status_code == 302 and refused["Location"].startswith(CONFIRM)
    assert not Banner.objects.exists()


def test_it_asks_for_a_code_before_a_partners_secret_or_a_role(superuser, enrol):
    device, _ = enrol(superuser)
    browser = Client()
    browser.force_login(superuser)
    session = browser.session
    session["otp_device_id"] = device.persistent_id  # passed its code at sign-in, long ago
    session.save()

    for form in ("/admin/articles/subscriber/add/", f"/admin/auth/user/{superuser.pk}/change/"):
        assert browser.get(form)["Location"].startswith(CONFIRM)
    asked = browser.get(CONFIRM)
    passed = browser.post(CONFIRM, {"code": current_code(device), "next": "/admin/auth/group/add/"})

    assert "Type the code your authenticator app shows now" in asked.text
    assert passed["Location"] == "/admin/auth/group/add/"
    assert browser.get("/admin/auth/group/add/").status_code == 200
