"""The record of sign-in attempts (`articles.models.SignInAttempt`), and the facts about a
request it keeps: the address (behind the proxy named by CLIENT_IP_HEADER) and the browser."""

from django.conf import settings

from articles.models import SignInAttempt, SignInOutcome


def client_address(request) -> str:
    """The client's network address. Behind a proxy REMOTE_ADDR is the proxy's: CLIENT_IP_HEADER
    names the header it sets (e.g. X-Forwarded-For), whose last address is the one our own
    proxy saw (earlier ones the client may have made up)."""
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]


def record(
    request, outcome: SignInOutcome, *, username: str = "", user=None, detail: str = ""
) -> SignInAttempt:
    if user is not None and not username:
        username = user.get_username()
    return SignInAttempt.objects.create(
        username=(username or "")[:150],
        user=user,
        address=client_address(request),
        user_agent=user_agent(request),
        outcome=outcome,
        detail=detail[:200],
    )
