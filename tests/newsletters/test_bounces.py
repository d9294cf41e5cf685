"""Bounces and complaints from the email services' webhooks (recorded payloads, posted as the
services post them) suppress an address at once; editors see the list and lift an entry with
a reason; nothing is written to a suppressed address."""

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from articles.models import Suppression
from articles.newsletters import suppressing

PAYLOADS = Path(__file__).resolve().parents[1] / "data" / "newsletters"
SECRET = "webhook:s3cret-newsroom"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "mailgun-key"}


def post(service, payload, *, auth=SECRET, **headers):
    client = Client(enforce_csrf_checks=True)
    if auth:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(auth.encode()).decode()
    return client.post(
        f"/newsletters/webhooks/{service}/tracking/",
        payload,
        content_type="application/json",
        **headers,
    )


def recorded(name) -> str:
    return (PAYLOADS / name).read_text()


def suppressed() -> dict[str, str]:
    return dict(Suppression.objects.active().values_list("email", "reason"))


def test_it_suppresses_a_postmark_bounce_and_complaint_and_ignores_a_delivery(db):
    assert post("postmark", recorded("postmark-bounce.json")).status_code == 200
    assert post("postmark", recorded("postmark-spam-complaint.json")).status_code == 200
    assert post("postmark", recorded("postmark-delivery.json")).status_code == 200
    assert suppressed() == {"gone@example.com": "bounced", "annoyed@example.com": "complained"}
    entry = Suppression.objects.get(email="gone@example.com")
    assert entry.service == "Postmark" and "550 5.1.1" in entry.detail


def test_it_reads_amazon_ses_notifications_through_sns(db):
    for name, message_id in (
        ("ses-bounce-notification.json", "19ba9823-d7f2-53c1-860e-cb10e0d13dfc"),
        ("ses-complaint-notification.json", "2c8e5c8f-6a1e-5a38-9b4f-5e0a6b1f2d11"),
    ):
        response = post(
            "amazon_ses",
            recorded(name),
            HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
            HTTP_X_AMZ_SNS_MESSAGE_ID=message_id,
        )
        assert response.status_code == 200, name
    assert suppressed() == {"gone@example.com": "bounced", "annoyed@example.com": "complained"}


def test_it_checks_mailguns_signature(db):
    payload = json.loads(recorded("mailgun-failed-permanent.json"))
    signature = payload["signature"]
    forged = post("mailgun", json.dumps(payload))
    assert forged.status_code == 400 and not suppressed()
    signature["signature"] = hmac.new(
        b"mailgun-key", f"{signature['timestamp']}{signature['token']}".encode(), hashlib.sha256
    ).hexdigest()
    assert post("mailgun", json.dumps(payload)).status_code == 200
    assert suppressed() == {"gone@example.com": "bounced"}


def test_it_refuses_a_webhook_without_the_secret_and_changes_nothing(db, settings):
    assert (
        post("postmark", recorded("postmark-bounce.json"), auth="webhook:wrong").status_code == 400
    )
    assert post("postmark", recorded("postmark-bounce.json"), auth=None).status_code == 400
    assert post("no-such-service", "{}").status_code == 404
    settings.ANYMAIL = {}
    assert post("postmark", recorded("postmark-bounce.json")).status_code == 404
    assert not Suppression.objects.exists()


def test_it_keeps_one_standing_entry_per_address(db):
    post("postmark", recorded("postmark-bounce.json"))
    post("postmark", recorded("postmark-bounce.json"))
    post(
        "amazon_ses",
        recorded("ses-bounce-notification.json"),
        HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification",
        HTTP_X_AMZ_SNS_MESSAGE_ID="19ba9823-d7f2-53c1-860e-cb10e0d13dfc",
    )
    assert Suppression.objects.filter(email="gone@example.com").count() == 1


def test_it_lifts_an_entry_only_with_a_reason_and_keeps_it_as_history(db, editor, reporter):
    entry = suppressing.suppress("gone@example.com", "bounced")
    with pytest.raises(ValidationError, match="Say why"):
        suppressing.lift(entry, by=editor, reason=" ")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        suppressing.lift(entry, by=reporter, reason="They wrote in")
    suppressing.lift(entry, by=editor, reason="The reader fixed their mailbox and wrote in.")
    assert not suppressing.is_suppressed("gone@example.com")
    entry.refresh_from_db()
    assert entry.lifted_by == editor and "wrote in" in entry.lift_reason
    suppressing.suppress("gone@example.com", "bounced")  # a new bounce: a new entry
    assert Suppression.objects.filter(email="gone@example.com").count() == 2


def test_it_unsubscribes_a_reader_who_mails_the_unsubscribe_address(morning, weekly, make_reader):
    from articles.newsletters import tokens

    reader = make_reader("olena@example.com", morning, weekly)
    token = tokens.reader_token(reader, morning)
    inbound = {
        "FromFull": {"Email": "olena@example.com", "Name": "Olena"},
        "ToFull": [{"Email": "unsubscribe@news.example.org", "Name": ""}],
        "Subject": f"unsubscribe {token}",
        "Headers": [],
        "TextBody": "",
        "MessageID": "22c74902-a0c1-4511-804f-341342852c90",
    }
    client = Client(enforce_csrf_checks=True)
    auth = "Basic " + base64.b64encode(SECRET.encode()).decode()
    response = client.post(
        "/newsletters/webhooks/postmark/inbound/",
        json.dumps(inbound),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200
    assert list(reader.subscriptions.values_list("newsletter", flat=True)) == [weekly.pk]
    forged = inbound | {"Subject": "unsubscribe not-a-token"}
    client.post(
        "/newsletters/webhooks/postmark/inbound/",
        json.dumps(forged),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert reader.subscriptions.count() == 1
