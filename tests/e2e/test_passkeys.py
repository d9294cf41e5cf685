"""In a real browser with a virtual authenticator (Chrome DevTools Protocol): an editor adds a
passkey under Sign-in security, and the next sign-in asks for it after the password."""

import pytest
from playwright.sync_api import expect

from articles.models import SignInAttempt, SignInOutcome
from articles.staff.roles import EDITOR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-editing-password"


def sign_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_it_adds_a_passkey_and_asks_for_it_at_the_next_sign_in(
    page, live_server, make_staff, settings
):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    make_staff(EDITOR, "maria", password=PASSWORD)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/account/security/")
    page.get_by_role("button", name="Add a passkey or security key").click()
    expect(page.get_by_role("button", name="Remove", exact=True)).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    sign_in(page, live_server.url)
    expect(page.get_by_role("heading", name="Second step: your code")).to_be_visible()
    page.get_by_role("button", name="Use a passkey").click()

    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert SignInAttempt.objects.filter(outcome=SignInOutcome.VERIFIED, detail="passkey").exists()
