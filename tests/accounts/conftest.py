"""Fixtures for staff sign-in: fast password hashing, and an editor who has a password."""

import pytest

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Sign-in tests type many passwords; the real hasher costs ~0.3 s a check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signing_editor(make_staff):
    """An Editor called "editor" whose password is PASSWORD."""
    return make_staff("Editor", password=PASSWORD)


@pytest.fixture
def sign_in(client):
    """`sign_in(username, password, address=…)` posts the admin's sign-in form as a browser
    does and returns the response (the `client` keeps the session)."""

    def post(username, password, address="203.0.113.7", agent="Firefox/140.0", browser=None):
        return (browser or client).post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
            REMOTE_ADDR=address,
            HTTP_USER_AGENT=agent,
        )

    return post


@pytest.fixture
def second_factor_required(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def enrol():
    """`enrol(user)` gives `user` a confirmed authenticator app and recovery codes, and
    returns (device, codes)."""
    from articles.accounts import factors

    def give(user):
        device = factors.start_app(user)
        device.confirmed = True
        device.save()
        return device, factors.new_recovery_codes(user)

    return give


def current_code(device) -> str:
    """What the authenticator app shows now."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
