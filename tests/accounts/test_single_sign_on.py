"""Single sign-on: staff sign in through an OpenID Connect provider (a real one, started on
loopback), with newsroom roles mapped from the provider's groups at every sign-in; someone in
no newsroom group, a forged answer and (when switched off) local passwords are refused."""

import pytest
import requests
from django.contrib.auth.models import User
from django.test import Client
from oidc_provider_mock import run_server_in_thread

from articles.models import SignInAttempt, SignInOutcome, StaffIdentity, StaffSession

from .conftest import PASSWORD

# Port 0: the provider takes a free port, so parallel test workers never meet on one.
PORT = 0


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(port=PORT) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(autouse=True)
def _single_sign_on(settings, provider):
    settings.SSO_DISCOVERY_URL = f"{provider}/.well-known/openid-configuration"
    settings.SSO_CLIENT_ID = "newsroom"
    settings.SSO_CLIENT_SECRET = "newsroom-client-secret"
    settings.SSO_NAME = "Example Workspace"
    settings.SSO_GROUP_ROLES = {"newsroom-editors": "Editor", "it-admins": "superuser"}


def person(provider, subject, **claims):
    """Put `subject` with `claims` at the provider (its test API)."""
    requests.put(f"{provider}/users/{subject}", json=claims, timeout=5).raise_for_status()


def sign_in_through(client, provider, subject, next_page="/admin/articles/article/"):
    """The browser's round trip: our button, the provider's consent form, back to us."""
    start = client.get(f"/admin/account/sso/?next={next_page}")
    assert start["Location"].startswith(f"{provider}/oauth2/authorize?")
    consent = requests.post(
        start["Location"], data={"sub": subject}, allow_redirects=False, timeout=5
    )
    return client.get(consent.headers["Location"])


def test_it_signs_an_editor_in_with_the_role_their_group_maps_to(client, provider, db):
    person(
        provider,
        "maria-0001",
        preferred_username="maria",
        email="maria@news.example.org",
        given_name="Maria",
        groups=["newsroom-editors", "everyone"],
    )

    back = sign_in_through(client, provider, "maria-0001")

    assert back.status_code == 302 and back["Location"] == "/admin/articles/article/"
    assert client.get("/admin/articles/article/").status_code == 200
    maria = User.objects.get(username="maria")
    assert maria.is_staff and not maria.is_superuser and not maria.has_usable_password()
    assert [group.name for group in maria.groups.all()] == ["Editor"]
    assert StaffIdentity.objects.get(user=maria).subject == "maria-0001"
    assert StaffSession.objects.filter(user=maria).exists()
    assert SignInAttempt.objects.filter(
        user=maria, outcome=SignInOutcome.SUCCESS, detail="single sign-on"
    ).exists()
    assert "Sign in with Example Workspace" in Client().get("/admin/login/").text


def test_it_follows_group_changes_at_the_next_sign_in(client, provider, db):
    person(provider, "omar-0002", preferred_username="omar", groups=["newsroom-editors"])
    sign_in_through(client, provider, "omar-0002")
    client.post("/admin/logout/")
    person(provider, "omar-0002", preferred_username="omar", groups=["it-admins"])

    sign_in_through(client, provider, "omar-0002")

    omar = User.objects.get(username="omar")
    assert omar.is_superuser and not omar.groups.exists()
    assert User.objects.filter(username__startswith="omar").count() == 1


def test_it_refuses_someone_in_no_newsroom_group(client, provider, db):
    person(provider, "sam-0003", preferred_username="sam", groups=["marketing"])

    refused = sign_in_through(client, provider, "sam-0003")

    assert refused["Location"] == "/admin/login/"
    assert "in no newsroom group" in client.get("/admin/login/").text
    assert not User.objects.filter(username="sam").exists()
    assert SignInAttempt.objects.get().outcome == SignInOutcome.FAILURE


def test_it_refuses_a_forged_answer(client, provider, db):
    client.get("/admin/account/sso/")

    refused = client.get("/admin/account/sso/back/?code=made-up&state=made-up")

    assert refused["Location"] == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert SignInAttempt.objects.get().outcome == SignInOutcome.FAILURE


def test_it_can_switch_staff_passwords_off(sign_in, signing_editor, make_staff, settings):
    settings.SSO_ONLY = True
    make_staff(superuser=True, password=PASSWORD)

    refused = sign_in("editor", PASSWORD)
    break_glass = sign_in("superuser", PASSWORD, address="198.51.100.3")

    assert "Staff sign in with Example Workspace here" in refused.text
    assert break_glass.status_code == 302
