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
