"""Readers' newsletter pages: sign up, confirm, preferences, unsubscribe, and the web archive.

**Caching.** The sign-up page, the archive and its issues are public pages like any other (the
page cache keeps them). The sign-up form — on its page, on fronts and under stories — carries
no CSRF token, so the pages it sits on stay cacheable: `subscribe` is exempt from the token and
instead refuses a POST another site's page sends (the browser's `Origin` and `Sec-Fetch-Site`
headers); all it can do is mail a confirmation link to the address typed. Pages reached by a
reader's own link (confirm, preferences, unsubscribe) are personal: `private, no-store`,
`noindex`, and their forms use the normal CSRF token — except the unsubscribe POST, which RFC
8058 has the mailbox provider send with no cookie at all (the signed link is the proof).

**A GET never changes anything**: mail scanners open links; only a button press does.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import Issue, IssueStatus, LinkCount, Newsletter
from articles.newsletters import readers, rendering, tokens
from articles.public.page_head import FeedLinks, PageHead, index_head, latest_feeds
from articles.public.views.preview import mark_private

ARCHIVE_STATES = (IssueStatus.SENDING, IssueStatus.SENT)
HONEYPOT = "website"


def _client(request) -> str:
    """The reader's network address, for the sign-up rate limit. Behind a proxy REMOTE_ADDR is
    the proxy's: NEWSLETTER_CLIENT_IP_HEADER names the header it sets (e.g. X-Forwarded-For),
    whose last address is the one our own proxy saw (earlier ones the client may have made up)."""
    header = settings.NEWSLETTER_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")


def _source(request) -> str:
    """The site page a form was on (its hidden field, else the Referer), as a path."""
    value = request.POST.get("source") or request.META.get("HTTP_REFERER", "")
    path = urlsplit(value).path
    return path if path.startswith("/") else reverse("articles:newsletters")


def _cross_site(request) -> bool:
    if request.META.get("HTTP_SEC_FETCH_SITE", "") == "cross-site":
        return True
    origin = request.META.get("HTTP_ORIGIN", "")
    if not origin or origin == "null":
        return bool(origin)
    allowed = {urlsplit(settings.SITE_URL)._replace(path="").geturl().rstrip("/")}
    allowed |= {f"{request.scheme}://{request.get_host()}"}
    allowed |= set(settings.CSRF_TRUSTED_ORIGINS)
    return origin.rstrip("/") not in allowed


def signup_page(request, *, errors=None, email="", chosen=(), status=200):
    offered = list(readers.offered_newsletters())
    context = {
        "offered": offered,
        "errors": errors or [],
        "email": email,
        "chosen": {str(pk) for pk in chosen} or ({str(offered[0].pk)} if offered else set()),
        "head": index_head(
            "Newsletters",
            reverse("articles:newsletters"),
            f"Newsletters from {settings.SITE_NAME}: the day's stories in your inbox.",
        ),
    }
    return render(request, "newsletters/signup.html", context, status=status)


def newsletters(request):
    """The sign-up page: every newsletter offered, with its archive."""
    return signup_page(request)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up form's target (see the module docstring on why it needs no CSRF token)."""
    if request.method == "GET":
        return HttpResponseRedirect(reverse("articles:newsletters"))
    if _cross_site(request):
        return HttpResponseForbidden("Sign up on our own pages.")
    email, chosen = request.POST.get("email", ""), request.POST.getlist("newsletter")
    if request.POST.get(HONEYPOT):
        return _check_inbox(request)  # a bot: it sees what a person would, and nothing is done
    try:
        readers.sign_up(email, chosen, source=_source(request), client=_client(request))
    except ValidationError as error:
        return signup_page(request, errors=error.messages, email=email, chosen=chosen, status=400)
    except readers.TooManySignUps:
        response = signup_page(
            request,
            errors=["Too many sign-ups from here just now: please try again in a minute."],
            email=email,
            chosen=chosen,
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    except readers.ConfirmationNotSent:
        return signup_page(
            request,
            errors=[
                "We could not send the confirmation email just now: please try again in "
                "a few minutes."
            ],
            email=email,
            chosen=chosen,
            status=503,
        )
    return _check_inbox(request)


def _check_inbox(request):
    return mark_private(render(request, "newsletters/check_inbox.html", {}))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The magic link's page: a button that confirms (a GET only shows it)."""
    try:
        reader, wanted = tokens.reader_for_confirmation(token)
    except tokens.LinkExpired:
        return _private(request, "newsletters/link_problem.html", {"expired": True}, status=410)
    except tokens.LinkUsed as used:
        context = {"used": True, "preferences_url": _preferences_path(used.reader)}
        return _private(request, "newsletters/link_problem.html", context, status=410)
    except tokens.LinkInvalid:
        return _private(request, "newsletters/link_problem.html", {}, status=404)
    chosen = list(Newsletter.objects.filter(pk__in=wanted))
    if request.method == "POST":
        readers.confirm(reader, wanted, source=f"confirmation page {_source(request)}")
        context = {"confirmed": chosen, "preferences_url": _preferences_path(reader)}
        return _private(request, "newsletters/confirmed.html", context)
    return _private(request, "newsletters/confirm.html", {"chosen": chosen, "email": reader.email})


def _preferences_path(reader) -> str:
    return reverse("articles:newsletter_preferences", kwargs={"token": tokens.reader_token(reader)})


def _private(request, template, context, status=200):
    context.setdefault("robots", "noindex, nofollow")
    return mark_private(render(request, template, context, status=status))


def _reader_or_404(token):
    try:
        return tokens.reader_for_token(token)
    except tokens.LinkInvalid:
        raise Http404("This link is not valid any more.") from None


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """A reader's newsletters, their data and the way out, from any email's link."""
    reader, _ = _reader_or_404(token)
    saved = False
    if request.method == "POST":
        action = request.POST.get("action", "save")
        source = "preferences page"
        if action == "export":
            return _export(reader)
        if action == "erase":
            if request.POST.get("erase_confirmed") != "yes":
                return _preferences_page(request, reader, token, erase_error=True)
            readers.erase(reader)
            return _private(request, "newsletters/erased.html", {})
        if action == "leave":
            readers.unsubscribe(reader, source=source)
        else:
            readers.choose(reader, request.POST.getlist("newsletter"), source=source)
        saved = True
    return _preferences_page(request, reader, token, saved=saved)


def _preferences_page(request, reader, token, *, saved=False, erase_error=False):
    taken = set(reader.subscriptions.values_list("newsletter_id", flat=True))
    shown = [n for n in Newsletter.objects.all() if n.offered or n.pk in taken]
    context = {
        "reader": reader,
        "newsletters": shown,
        "taken": taken,
        "saved": saved,
        "erase_error": erase_error,
        "token": token,
    }
    return _private(request, "newsletters/preferences.html", context)


def _export(reader):
    response = HttpResponse(
        json.dumps(readers.export(reader), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-newsletter-data.json"'
    return mark_private(response)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One newsletter's unsubscribe link. A POST — the page's button, or a mailbox's one-click
    `List-Unsubscribe=One-Click` (RFC 8058) — unsubscribes at once; a GET asks."""
    reader, newsletter = _reader_or_404(token)
    context = {"newsletter": newsletter, "preferences_url": _preferences_path(reader)}
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        readers.unsubscribe(
            reader, newsletter, source="one-click unsubscribe" if one_click else "unsubscribe link"
        )
        if one_click:
            return mark_private(HttpResponse("Unsubscribed.", content_type="text/plain"))
        return _private(request, "newsletters/unsubscribed.html", context)
    return _private(request, "newsletters/unsubscribe.html", context)


def archive(request, slug):
    """A newsletter's sent issues, newest first."""
    newsletter = get_object_or_404(Newsletter, slug=slug, archive_public=True)
    issues = newsletter.issues.filter(status__in=ARCHIVE_STATES).order_by("-number")[:200]
    head = archive_head(newsletter)
    context = {"newsletter": newsletter, "issues": issues, "head": head}
    return render(request, "newsletters/archive.html", context)


def archive_head(newsletter) -> PageHead:
    """The archive's head: its own feeds announced beside the site's."""
    head = index_head(
        newsletter.name,
        newsletter.get_absolute_url(),
        newsletter.description or f"Past issues of {newsletter.name} from {settings.SITE_NAME}.",
    )
    slug = {"slug": newsletter.slug}
    head.feeds = [
        latest_feeds(),
        FeedLinks(
            f"{settings.SITE_NAME}: {newsletter.name}",
            reverse("articles:feed_newsletter", kwargs=slug),
            reverse("articles:feed_newsletter_atom", kwargs=slug),
        ),
    ]
    return head


def issue_page(request, slug, number):
    """One sent issue on the web: the stories readers can still see, and its text."""
    issue = get_object_or_404(
        Issue.objects.select_related("newsletter"),
        newsletter__slug=slug,
        newsletter__archive_public=True,
        number=number,
        status__in=ARCHIVE_STATES,
    )
    items = rendering.shown(rendering.issue_items(issue))
    head = index_head(
        issue.subject, issue.get_absolute_url(), issue.preheader or issue.newsletter.name
    )
    context = {"issue": issue, "newsletter": issue.newsletter, "items": items, "head": head}
    return render(request, "newsletters/issue.html", context)


def counted_link(request, issue, number):
    """A link of an issue that counts clicks: one more click for the link, then the story. No
    reader is named anywhere in it; only addresses the issue holds are redirected to."""
    link = get_object_or_404(LinkCount, issue_id=issue, number=number)
    LinkCount.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    response = HttpResponseRedirect(link.url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
