"""The messages newsletters send: an issue's copy for one reader, a confirmation link, a test.

Every issue message carries the reader's own unsubscribe address twice over (RFC 2369 and
RFC 8058, what large mailbox providers expect of bulk senders):

    List-Unsubscribe: <https://…/newsletters/unsubscribe/<token>/>, <mailto:…?subject=…>
    List-Unsubscribe-Post: List-Unsubscribe=One-Click

The HTTPS address unsubscribes from this one newsletter on a POST with no cookie and no
confirmation (what a mailbox's own "Unsubscribe" button sends); the mailto address is there
when the operator set up a mailbox for it. Services that track opens or clicks of their own are
told not to (anymail's `track_opens` / `track_clicks`): the newsroom does not track readers.
"""

import base64
import uuid
from email.header import Header
from email.utils import formataddr, formatdate
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from articles.addresses.absolute import absolute_url
from articles.models import Issue, Newsletter

from . import rendering, tokens


def site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def default_sender() -> str:
    return settings.NEWSLETTER_FROM_EMAIL or formataddr(
        (settings.SITE_NAME, f"newsletters@{site_host()}")
    )


def sender(newsletter: Newsletter) -> str:
    return formataddr((newsletter.sender_name, newsletter.sender_email))


def preferences_url(token: str) -> str:
    return absolute_url(reverse("articles:newsletter_preferences", kwargs={"token": token}))


def unsubscribe_url(token: str) -> str:
    return absolute_url(reverse("articles:newsletter_unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(unsubscribe_token: str) -> dict[str, str]:
    """List-Unsubscribe (HTTPS, and mailto when a mailbox is set) and RFC 8058's one-click."""
    addresses = [f"<{unsubscribe_url(unsubscribe_token)}>"]
    if settings.NEWSLETTER_UNSUBSCRIBE_MAILBOX:
        subject = quote(f"unsubscribe {unsubscribe_token}")
        addresses.append(f"<mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILBOX}?subject={subject}>")
    return {
        "List-Unsubscribe": ", ".join(addresses),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _without_tracking(message):
    # anymail reads these on any EmailMessage; other backends ignore them.
    message.track_opens = False
    message.track_clicks = False
    return message


def issue_message(issue: Issue, *, to: str, key_hex: str, recipient_id, html: str, text: str):
    """One reader's copy of an issue whose parts were rendered once (`rendering.render_email`)."""
    newsletter = issue.newsletter
    preferences = preferences_url(tokens.token_for_key(key_hex))
    unsubscribe_token = tokens.token_for_key(key_hex, newsletter.pk)
    unsubscribe = unsubscribe_url(unsubscribe_token)
    headers = {
        **unsubscribe_headers(unsubscribe_token),
        "List-Id": f"{newsletter.name} <{newsletter.slug}.newsletters.{site_host()}>",
        "Message-ID": f"<issue-{issue.pk}.{recipient_id}@{site_host()}>",
    }
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=rendering.personalise(text, preferences, unsubscribe),
        from_email=sender(newsletter),
        to=[to],
        reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        headers=headers,
    )
    message.attach_alternative(rendering.personalise(html, preferences, unsubscribe), "text/html")
    return _without_tracking(message)


class RawIssue:
    """An issue's copies as ready-made bytes, for a backend that takes them (the newsletters'
    SMTP backend): everything every copy shares is encoded once, and each copy only fills in
    its reader's address, Message-ID, links and the two bodies (base64, in C). At 50,000 copies
    Python's email package, run once per copy, costs more than the SMTP round trips."""

    def __init__(self, issue: Issue):
        self.issue, newsletter = issue, issue.newsletter
        self.boundary = f"==newsroom-{uuid.uuid4().hex}=="
        shared = {
            "From": formataddr((newsletter.sender_name, newsletter.sender_email), "utf-8"),
            "Subject": Header(issue.subject, "utf-8", header_name="Subject").encode(),
            "List-Id": f"{Header(newsletter.name, 'utf-8').encode()} "
            f"<{newsletter.slug}.newsletters.{site_host()}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "MIME-Version": "1.0",
        }
        if newsletter.reply_to:
            shared["Reply-To"] = newsletter.reply_to
        self.head = "".join(f"{name}: {value}\r\n" for name, value in shared.items())
        self.envelope_from = newsletter.sender_email

    def copy(self, *, to: str, key_hex: str, recipient_id) -> tuple[str, bytes]:
        """(Message-ID, the message as bytes) for one reader."""
        preferences = preferences_url(tokens.token_for_key(key_hex))
        unsubscribe_token = tokens.token_for_key(key_hex, self.issue.newsletter_id)
        unsubscribe = unsubscribe_url(unsubscribe_token)
        message_id = f"<issue-{self.issue.pk}.{recipient_id}@{site_host()}>"
        own = {
            "To": to,
            "Date": formatdate(localtime=False, usegmt=True),
            "Message-ID": message_id,
            "List-Unsubscribe": unsubscribe_headers(unsubscribe_token)["List-Unsubscribe"],
            "Content-Type": f'multipart/alternative; boundary="{self.boundary}"',
        }
        head = self.head + "".join(f"{name}: {value}\r\n" for name, value in own.items())
        parts = [
            self._part("plain", rendering.personalise(self.issue.text, preferences, unsubscribe)),
            self._part("html", rendering.personalise(self.issue.html, preferences, unsubscribe)),
        ]
        body = "".join(parts) + f"--{self.boundary}--\r\n"
        return message_id, (head + "\r\n" + body).encode("ascii")

    def _part(self, subtype: str, content: str) -> str:
        encoded = base64.encodebytes(content.encode("utf-8")).decode("ascii")
        return (
            f'--{self.boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\n{encoded.replace(chr(10), chr(13) + chr(10))}"
        )


def test_message(issue: Issue, *, to: str, html: str, text: str):
    """A test copy: marked in the subject, its reader links pointing at the sign-up page."""
    signup = absolute_url(reverse("articles:newsletters"))
    message = EmailMultiAlternatives(
        subject=f"[TEST] {issue.subject}",
        body=rendering.personalise(text, signup, signup),
        from_email=sender(issue.newsletter),
        to=[to],
        reply_to=[issue.newsletter.reply_to] if issue.newsletter.reply_to else None,
    )
    message.attach_alternative(rendering.personalise(html, signup, signup), "text/html")
    return _without_tracking(message)


def confirmation_message(reader, newsletters, token: str):
    """The magic link: it opens a page whose button confirms (a GET never does)."""
    context = {
        "confirm_url": absolute_url(
            reverse("articles:newsletter_confirm", kwargs={"token": token})
        ),
        "newsletters": newsletters,
        "days": tokens.CONFIRM_DAYS,
        "SITE_NAME": settings.SITE_NAME,
        "language": settings.SITE_LANGUAGE,
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your newsletters from {settings.SITE_NAME}",
        body=render_to_string("newsletters/email/confirm.txt", context),
        from_email=default_sender(),
        to=[reader.email],
    )
    message.attach_alternative(
        render_to_string("newsletters/email/confirm.html", context), "text/html"
    )
    return _without_tracking(message)
