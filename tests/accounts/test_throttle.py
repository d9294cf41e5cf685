"""Guessing is slowed and seen: failed sign-ins are throttled per account and per address with a
cool-down that grows, never locked for good, and every try is recorded for superusers."""

import time_machine
from django.test import Client

from articles.accounts.throttle import cooldown_after
from articles.models import SignInAttempt, SignInOutcome

from .conftest import PASSWORD


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_it_refuses_the_41st_guess_even_with_the_right_password(
    client, sign_in, signing_editor, settings
):
    # The probe from the issue: 40 wrong passwords in 12 seconds, then the right one.
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        for guess in range(40):
            sign_in("editor", f"wrong-guess-{guess}")
            clock.shift(0.3)
        response = sign_in("editor", PASSWORD)

    assert response.status_code == 200
    assert "Too many failed sign-ins" in response.text
    assert "try again in 4 seconds" in response.text
    assert not _signed_in(client)
    outcomes = list(
        SignInAttempt.objects.order_by("-created_at", "-pk").values_list("outcome", flat=True)
    )
    # Five free mistakes, then cool-downs of 2, 4 and 8 s: only three more passwords were
    # checked, every other try was refused before its password was looked at.
    assert outcomes.count(SignInOutcome.FAILURE) == settings.SIGNIN_FREE_FAILURES + 3
    assert outcomes.count(SignInOutcome.THROTTLED) == 41 - settings.SIGNIN_FREE_FAILURES - 3
    assert SignInAttempt.objects.filter(user=signing_editor).count() == 41


def test_it_lets_the_real_editor_in_after_the_cool_down(client, sign_in, signing_editor):
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        for guess in range(7):
            sign_in("editor", f"wrong-guess-{guess}")  # the 6th starts 2 s, the 7th is refused
        assert "Too many failed" in sign_in("editor", PASSWORD).text
        clock.shift(3)
        response = sign_in("editor", PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)
    newest = SignInAttempt.objects.order_by("-pk").first()
    assert (newest.outcome, newest.user, newest.address) == (
        SignInOutcome.SUCCESS,
        signing_editor,
        "203.0.113.7",
    )
    assert newest.user_agent == "Firefox/140.0"


def test_it_doubles_the_cool_down_up_to_a_cap(settings):
    settings.SIGNIN_COOLDOWN_BASE, settings.SIGNIN_COOLDOWN_MAX = 2.0, 900.0
    waits = [cooldown_after(failures, free=5) for failures in range(1, 20)]

    assert waits[:5] == [0, 0, 0, 0, 0]
    assert waits[5:10] == [2, 4, 8, 16, 32]
    assert max(waits) == 900  # never longer: no lockout an attacker can make permanent


def test_it_does_not_lengthen_a_cool_down_for_tries_made_during_it(sign_in, signing_editor):
    with time_machine.travel("2026-12-06 09:00Z", tick=False) as clock:
        for guess in range(8):
            sign_in("editor", f"wrong-guess-{guess}")
        clock.shift(4)  # the 6th failure started 2 s; the 7th came 0 s later and was refused
        for guess in range(20):
            sign_in("editor", f"patient-guess-{guess}")  # the 7th failure: 4 s, then refused
        clock.shift(5)
        response = sign_in("editor", PASSWORD)

    assert response.status_code == 302


def test_it_slows_one_address_guessing_at_many_names(sign_in, signing_editor, settings):
    with time_machine.travel("2026-12-06 09:00Z", tick=False):
        for number in range(settings.SIGNIN_FREE_FAILURES_PER_ADDRESS + 1):
            sign_in(f"name-{number}", "password1234")
        refused = sign_in("editor", PASSWORD)
        from_elsewhere = sign_in("editor", PASSWORD, address="198.51.100.20", browser=Client())

    assert "Too many failed sign-ins" in refused.text
    assert from_elsewhere.status_code == 302


def test_it_shows_the_record_to_superusers_only(sign_in, signing_editor, login, superuser):
    sign_in("editor", "not-the-password", address="192.0.2.44", agent="curl/8.11")

    page = login(superuser).get("/admin/articles/signinattempt/")
    refused = login(signing_editor).get("/admin/articles/signinattempt/")

    assert page.status_code == 200
    assert "192.0.2.44" in page.text and "curl/8.11" in page.text
    assert "Wrong name or password" in page.text
    assert refused.status_code == 403
