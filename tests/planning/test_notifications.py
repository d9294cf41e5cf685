"""Notifications leave the building: real email to an SMTP server on loopback (aiosmtpd), a
signed webhook to a desk's chat, due-soon reminders and the daily digest, each once."""

import hashlib
import hmac
import json
import socket
import threading
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from articles.models import Notification
from articles.planning.reminders import remind_due_soon, send_digests
from articles.planning.sending import send_pending


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port, the default mailer pointed at it."""
    mailbox = Mailbox()
    # aiosmtpd checks its server by connecting to the port it was given: pick a free one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
            }
        }
        yield mailbox
    finally:
        controller.stop()


class Hook(BaseHTTPRequestHandler):
    received = []
    answer = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append((dict(self.headers), body))
        self.send_response(Hook.answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def chat():
    Hook.received, Hook.answer = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_it_emails_an_assignment_through_a_real_smtp_server(smtp_server, plan_line, cover, olena):
    line = plan_line()
    cover(line, assignee=olena, brief="Talk to the mayor's office")
    assert send_pending() == {"emailed": 1, "posted": 0, "failed": 0}
    ((recipients, raw),) = smtp_server.messages
    message = message_from_bytes(raw, policy=email_policy)
    assert recipients == ["olena@newsroom.example"]
    assert message["Subject"].startswith(
        "[The Newsroom] Assigned to Olena Kovalenko: COUNCIL-BUDGET: text"
    )
    body = message.get_content()
    assert "Talk to the mayor's office" in body
    notification = Notification.objects.get(recipient=olena)
    assert f"/admin/articles/notification/{notification.pk}/open/" in body
    assert send_pending()["emailed"] == 0


def test_it_keeps_an_email_for_later_when_the_server_is_down(settings, plan_line, cover, olena):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    cover(plan_line(), assignee=olena)
    assert send_pending()["failed"] == 1
    notification = Notification.objects.get(recipient=olena)
    assert notification.emailed_at is None and notification.attempts == 1
    assert notification.last_error.startswith("email:")


def test_it_posts_a_signed_message_to_the_desks_webhook(
    chat, plan_line, cover, photo_desk, photographer
):
    port = chat.server_address[1]
    photo_desk.webhook_url = f"http://127.0.0.1:{port}/hooks/photo"
    photo_desk.webhook_secret = "s3cret"
    photo_desk.save()
    cover(plan_line(), kind="photo", desk=photo_desk)
    assert send_pending()["posted"] == 1
    ((headers, body),) = Hook.received
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Newsroom-Signature"] == expected
    assert headers["X-Newsroom-Event"] == "planning.assigned"
    document = json.loads(body)
    assert document["text"].startswith("Assigned to Photo desk: COUNCIL-BUDGET: photo")
    assert document["url"].endswith("/change/") and document["desk"] == "photo-desk"
    assert send_pending()["posted"] == 0


def test_it_retries_a_webhook_that_failed_and_never_posts_to_other_schemes(
    chat, plan_line, cover, photo_desk
):
    Hook.answer = 500
    photo_desk.webhook_url = f"http://127.0.0.1:{chat.server_address[1]}/hook"
    photo_desk.save()
    cover(plan_line(), kind="photo", desk=photo_desk)
    assert send_pending()["failed"] == 1
    Hook.answer = 200
    assert send_pending()["posted"] == 1
    type(photo_desk).objects.filter(pk=photo_desk.pk).update(webhook_url="file:///etc/passwd")
    Notification.objects.create(desk=photo_desk, kind="changed", message="x", link="/admin/")
    assert send_pending()["failed"] == 1
    assert len(Hook.received) == 2


def test_it_reminds_once_when_coverage_is_due_soon(plan_line, cover, olena, settings):
    settings.PLANNING_DUE_SOON_MINUTES = 60
    cover(plan_line(), assignee=olena, due_at=timezone.now() + timedelta(minutes=40))
    assert remind_due_soon() == 1
    assert remind_due_soon() == 0
    reminder = Notification.objects.get(kind="due_soon")
    assert reminder.recipient == olena
    assert reminder.message.startswith(
        ("Due in 39 min: COUNCIL-BUDGET", "Due in 40 min: COUNCIL-BUDGET")
    )


def test_it_sends_one_digest_a_day(plan_line, cover, olena, photographer, photo_desk):
    today = timezone.localdate()
    line = plan_line(planned_on=today)
    cover(line, assignee=olena)
    cover(line, kind="photo", desk=photo_desk)
    assert send_digests(day=today) == 2
    assert send_digests(day=today) == 0
    digest = Notification.objects.get(recipient=photographer, kind="digest")
    assert "Open on your desks" in digest.body and "COUNCIL-BUDGET: photo" in digest.body


def test_it_runs_from_the_command(plan_line, cover, olena, capsys):
    cover(plan_line(planned_on=timezone.localdate()), assignee=olena)
    call_command("send_planning_notifications", "--digest")
    assert capsys.readouterr().out == "Reminded 0, digests 1; emailed 2, posted 0, failed 0.\n"
