"""Sending what `notifications.tell` wrote: emails through Django's configured email backend, and
signed JSON to the desks' chat webhooks.

Email uses Django's own API on its default mailer (`MAILERS["default"]`, from `EMAIL_URL`; the
console in development) — never the newsletters' mailer. A desk's webhook
gets one POST per notification:

    Content-Type:         application/json; charset=utf-8
    X-Newsroom-Signature: sha256=<hex HMAC-SHA256 of the raw body under the desk's secret>
    X-Newsroom-Delivery:  <the notification's uuid: receivers de-duplicate on it>
    X-Newsroom-Timestamp: <Unix seconds>
    X-Newsroom-Event:     planning.<kind>

with `{"text": "<message> <link>", "kind", "message", "details", "url", "desk", "sent_at"}`
(`text` is what chat tools' incoming webhooks show). Only http(s) addresses are posted to, and
redirects are not followed (a redirect could lead anywhere). A failure is retried on the next
run, up to `MAX_ATTEMPTS`; one bad address never holds back the others.
"""

import json
import logging
import smtplib
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from articles.addresses.absolute import absolute_url
from articles.models import Notification
from articles.syndication.push import sign

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
USER_AGENT = "Newsroom-Planning/1"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer, not an address to follow


_opener = urllib.request.build_opener(_NoRedirects)


def open_url(notification: Notification) -> str:
    """The complete address that opens the item (and marks the notification read)."""
    return absolute_url(reverse("admin:articles_notification_open", args=[notification.pk]))


def send_pending(*, now=None) -> dict[str, int]:
    """Send every email and webhook message waiting; returns counts of sent and failed."""
    now = now or timezone.now()
    counts = {"emailed": 0, "posted": 0, "failed": 0}
    waiting = Notification.objects.filter(attempts__lt=MAX_ATTEMPTS)
    emails = list(
        waiting.filter(emailed_at__isnull=True, recipient__isnull=False)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")[:500]
    )
    if emails:
        _email(emails, counts, now)
    posts = waiting.filter(posted_at__isnull=True, desk__isnull=False).select_related("desk")
    for notification in posts.order_by("pk")[:500]:
        _post(notification, counts, now)
    return counts


def _message(notification: Notification) -> EmailMessage:
    person = notification.recipient
    name = person.get_full_name().strip() or person.get_username()
    lines = [f"Hello {name},", "", notification.message]
    if notification.body:
        lines += ["", notification.body]
    lines += ["", f"Open it: {open_url(notification)}", "", f"— {settings.SITE_NAME} planning"]
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {notification.message}",
        body="\n".join(lines),
        to=[person.email],
        headers={"X-Newsroom-Notification": str(notification.key)},
    )


def _email(notifications: list[Notification], counts: dict, now) -> None:
    connection = mailers.default
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as problem:
        for notification in notifications:
            _failed(notification, f"email: {problem}", counts)
        return
    try:
        for notification in notifications:
            try:
                connection.send_messages([_message(notification)])
            except (OSError, smtplib.SMTPException) as problem:
                _failed(notification, f"email: {problem}", counts)
                continue
            Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
            counts["emailed"] += 1
    finally:
        connection.close()


def webhook_body(notification: Notification) -> bytes:
    url = absolute_url(notification.link)
    document = {
        "text": f"{notification.message} {url}",
        "kind": notification.kind,
        "message": notification.message,
        "details": notification.body,
        "url": url,
        "desk": notification.desk.slug,
        "sent_at": timezone.now().isoformat(),
    }
    return json.dumps(document, ensure_ascii=False).encode()


def _post(notification: Notification, counts: dict, now) -> None:
    desk = notification.desk
    if not desk.webhook_url.lower().startswith(("http://", "https://")):
        _failed(notification, "webhook: only http(s) addresses are posted to", counts)
        return
    body = webhook_body(notification)
    request = urllib.request.Request(
        desk.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Newsroom-Signature": sign(body, desk.webhook_secret),
            "X-Newsroom-Delivery": str(notification.key),
            "X-Newsroom-Timestamp": str(int(time.time())),
            "X-Newsroom-Event": f"planning.{notification.kind}",
        },
    )
    try:
        with _opener.open(request, timeout=settings.PLANNING_WEBHOOK_TIMEOUT) as answer:
            answer.read(1024)
            if not 200 <= answer.status < 300:
                raise urllib.error.HTTPError(desk.webhook_url, answer.status, "", None, None)
    except urllib.error.HTTPError as error:
        _failed(notification, f"webhook: HTTP {error.code}", counts)
        return
    except (OSError, ValueError) as error:
        _failed(notification, f"webhook: {type(error).__name__}: {error}", counts)
        return
    Notification.objects.filter(pk=notification.pk).update(posted_at=now)
    counts["posted"] += 1


def _failed(notification: Notification, error: str, counts: dict) -> None:
    logger.warning("Planning notification %s not sent: %s", notification.pk, error)
    Notification.objects.filter(pk=notification.pk).update(
        attempts=F("attempts") + 1, last_error=error[:300]
    )
    counts["failed"] += 1
