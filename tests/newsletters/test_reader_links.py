"""What a reader reaches from any email: their choices, unsubscribing from one newsletter in one
click (RFC 8058, as a mailbox provider sends it), from all, their data, and erasure."""

import json

from django.test import Client

from articles.models import Consent, Reader, Recipient, RecipientStatus, Subscription
from articles.newsletters import tokens


def test_it_unsubscribes_from_one_newsletter_on_a_one_click_post_without_cookies(
    morning, weekly, make_reader
):
    reader = make_reader("olena@example.com", morning, weekly)
    url = f"/newsletters/unsubscribe/{tokens.reader_token(reader, morning)}/"
    # A mailbox provider: no cookie, no CSRF token, RFC 8058's body.
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert list(reader.subscriptions.values_list("newsletter__slug", flat=True)) == [
        "week-in-ukraine"
    ]
    assert Consent.objects.filter(
        reader=reader, newsletter=morning, action="unsubscribed", source="one-click unsubscribe"
    ).exists()
    # Twice is harmless.
    assert provider.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_it_asks_before_unsubscribing_on_a_get(client, morning, make_reader):
    reader = make_reader("ivan@example.com", morning)
    url = f"/newsletters/unsubscribe/{tokens.reader_token(reader, morning)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Unsubscribe from Morning Briefing?" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert reader.subscriptions.exists()
    done = client.post(url)
    assert "You are unsubscribed" in done.text
    assert not reader.subscriptions.exists()


def test_it_refuses_a_tampered_link(client, morning, make_reader):
    reader = make_reader("ivan@example.com", morning)
    token = tokens.reader_token(reader, morning)
    assert client.post(f"/newsletters/unsubscribe/{token[:-2]}xx/").status_code == 404
    assert reader.subscriptions.exists()


def test_it_lets_a_reader_choose_their_newsletters(client, morning, weekly, make_reader):
    reader = make_reader("maria@example.com", morning)
    url = f"/newsletters/preferences/{tokens.reader_token(reader)}/"
    page = client.get(url)
    assert page.status_code == 200 and "maria@example.com" in page.text
    assert "noindex" in page.text
    client.post(url, {"action": "save", "newsletter": [weekly.pk]})
    assert list(reader.subscriptions.values_list("newsletter", flat=True)) == [weekly.pk]
    client.post(url, {"action": "leave"})
    assert not reader.subscriptions.exists()
    assert Reader.objects.filter(pk=reader.pk).exists()  # leaving is not erasure


def test_it_gives_a_reader_their_data(client, morning, make_reader):
    reader = make_reader("maria@example.com", morning)
    url = f"/newsletters/preferences/{tokens.reader_token(reader)}/"
    response = client.post(url, {"action": "export"})
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "maria@example.com"
    assert data["newsletters"] == ["Morning Briefing"]
    assert data["consents"][0]["from"] == "/newsletters/"


def test_it_erases_a_reader_only_when_they_tick_the_box(client, ready_issue, morning, make_reader):
    reader = make_reader("maria@example.com", morning)
    Recipient.objects.create(
        issue=ready_issue, reader=reader, email=reader.email, status=RecipientStatus.SENT
    )
    url = f"/newsletters/preferences/{tokens.reader_token(reader)}/"
    refused = client.post(url, {"action": "erase"})
    assert "Tick the box" in refused.text
    assert Reader.objects.filter(pk=reader.pk).exists()

    done = client.post(url, {"action": "erase", "erase_confirmed": "yes"})
    assert "Your data is erased" in done.text
    assert not Reader.objects.exists()
    assert not Subscription.objects.exists() and not Consent.objects.exists()
    copy = Recipient.objects.get()
    assert (copy.reader, copy.email, copy.status) == (None, "", RecipientStatus.SENT)
    assert client.get(url).status_code == 404
