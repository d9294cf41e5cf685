"""Signing in through the newsroom's identity provider (OpenID Connect, authlib's client): the
button on the sign-in page goes to `start`, the provider sends the person back to `callback`,
which checks everything authlib checks (state, nonce, the ID token's signature, issuer,
audience and expiry) and lets them in with the roles their groups map to
(`articles.accounts.single_sign_on`; docs/operations/staff-sign-in.md)."""

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError

from articles.accounts import attempts, factors, sessions, single_sign_on
from articles.models import SignInOutcome

NEXT = "single_sign_on_next"


def enabled() -> bool:
    return bool(settings.SSO_DISCOVERY_URL)


def _provider():
    # Built per sign-in from the settings (a few microseconds; the provider's metadata and keys
    # are fetched once per sign-in, so a key rotation there needs no restart here).
    return OAuth().register(
        "newsroom",
        client_id=settings.SSO_CLIENT_ID,
        client_secret=settings.SSO_CLIENT_SECRET,
        server_metadata_url=settings.SSO_DISCOVERY_URL,
        client_kwargs={"scope": "openid email profile", "timeout": 10},
    )


@never_cache
@require_GET
def start(request):
    if not enabled():
        raise Http404("Single sign-on is not set up here.")
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[NEXT] = wanted if safe else reverse("admin:index")
    back = request.build_absolute_uri(reverse("single-sign-on-callback"))
    return _provider().authorize_redirect(request, back)


@never_cache
@require_GET
def callback(request):
    if not enabled():
        raise Http404("Single sign-on is not set up here.")
    claims: dict = {}
    try:
        token = _provider().authorize_access_token(request)
        claims = dict(token.get("userinfo") or {})
        user = single_sign_on.account_for(claims)
    except (single_sign_on.Refused, AuthlibBaseError, JoseError, requests.RequestException) as e:
        attempts.record(
            request,
            SignInOutcome.FAILURE,
            username=str(claims.get("preferred_username") or claims.get("email") or ""),
            detail=f"single sign-on: {e}"[:200],
        )
        reason = str(e) if isinstance(e, single_sign_on.Refused) else "it could not be checked"
        messages.error(request, f"Signing in through {settings.SSO_NAME} failed: {reason}")
        return redirect("admin:login")
    wanted = request.session.pop(NEXT, reverse("admin:index"))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    factors.note_sign_in(request, user)
    if settings.SSO_CHECKS_SECOND_FACTOR:
        # The provider asked for its own second factor; asking again here would be theatre.
        request.session[factors.OWED] = [user.pk, ""]
    attempts.record(request, SignInOutcome.SUCCESS, user=user, detail="single sign-on")
    response = HttpResponseRedirect(wanted)
    sessions.started(request, response)
    return response


urlpatterns = [
    path("admin/account/sso/", start, name="single-sign-on"),
    path("admin/account/sso/back/", callback, name="single-sign-on-callback"),
]
