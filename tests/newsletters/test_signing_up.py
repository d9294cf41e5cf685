"""A reader signs up with a plain form (no JavaScript), confirms with a button, and nothing else
— a mail scanner opening the link, a second sign-up, a bot, a flood — changes what it should
not or says whether an address is on the list."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from articles.models import Consent, Reader, ReaderStatus, Subscription

SIGNUP = "/newsletters/subscribe/"


def sign_up(client, email, *newsletters, meta=None, **fields):
    data = {"email": email, "newsletter": [n.pk for n in newsletters], "source": "/world/"}
    headers = {"HTTP_ORIGIN": "https://news.example.org", **(meta or {})}
    return client.post(SIGNUP, data | fields, **headers)


def confirmation_link(message) -> str:
    return re.search(r"https://news\.example\.org(/newsletters/confirm/\S+/)", message.body)[1]


def test_it_signs_up_confirms_with_a_button_and_records_consent(client, morning, weekly):
    response = sign_up(client, " Olena@Example.COM ", morning, weekly)
    assert response.status_code == 200
    assert "Check your inbox" in response.text
    reader = Reader.objects.get()
    assert reader.email == "olena@example.com"
    assert reader.status == ReaderStatus.PENDING
    assert not Subscription.objects.exists()  # nothing until the reader confirms
    [message] = mail.outbox
    assert message.to == ["olena@example.com"]
    assert "Morning Briefing" in message.body and "The Week in Ukraine" in message.body

    link = confirmation_link(message)
    page = client.get(link)  # what a mail scanner does
    assert page.status_code == 200
    assert "Yes, send me these newsletters" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert Reader.objects.get().status == ReaderStatus.PENDING

    done = client.post(link)
    assert done.status_code == 200 and "You are signed up" in done.text
    reader.refresh_from_db()
    assert reader.status == ReaderStatus.CONFIRMED
    assert set(reader.subscriptions.values_list("newsletter__slug", flat=True)) == {
        "morning-briefing",
        "week-in-ukraine",
    }
    consents = list(Consent.objects.values_list("action", "source"))
    assert ("subscribed", "/world/") in consents
    assert sum(action == "confirmed" for action, _ in consents) == 2


def test_it_refuses_a_used_or_expired_link_and_changes_nothing(client, morning, time_machine):
    sign_up(client, "ivan@example.com", morning)
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 410 and "used already" in again.text
    assert Subscription.objects.count() == 1

    sign_up(client, "late@example.com", morning)
    late = confirmation_link(mail.outbox[1])
    time_machine.move_to(timezone.now() + timedelta(days=4))
    expired = client.post(late)
    assert expired.status_code == 410 and "expired" in expired.text
    assert Reader.objects.get(email="late@example.com").status == ReaderStatus.PENDING
    assert client.post(late[:-5] + "XXXX/").status_code == 404


def test_it_answers_a_second_sign_up_exactly_as_a_first(client, morning, make_reader, time_machine):
    make_reader("known@example.com", morning)
    known = sign_up(client, "known@example.com", morning)
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    new = sign_up(client, "new@example.com", morning)
    assert known.status_code == new.status_code == 200
    assert known.text.replace("known", "new") == new.text
    # The known reader gets a link (to add newsletters by pressing it); no other change.
    assert [m.to for m in mail.outbox] == [["known@example.com"], ["new@example.com"]]
    assert Reader.objects.get(email="known@example.com").status == ReaderStatus.CONFIRMED


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("not-an-address", "does not look like an email address"),
        ("postmaster@example.com", "shared mailbox"),
        ("noreply@example.com", "shared mailbox"),
        ("someone@mailinator.com", "disposable-mail"),
        ("", "Enter your email address"),
        ("a\x00b@example.com", "not an email address"),
    ],
)
def test_it_refuses_addresses_it_cannot_write_to_and_keeps_what_was_typed(
    client, morning, address, says
):
    response = sign_up(client, address, morning)
    assert response.status_code == 400
    assert says in response.text
    assert not Reader.objects.exists() and not mail.outbox


def test_it_asks_for_a_newsletter(client, morning):
    response = client.post(SIGNUP, {"email": "a@example.com"})
    assert response.status_code == 400 and "Choose at least one newsletter" in response.text


def test_it_does_nothing_for_a_bot_that_fills_the_honeypot(client, morning):
    response = sign_up(client, "bot@example.com", morning, website="http://spam.example")
    assert response.status_code == 200 and "Check your inbox" in response.text
    assert not Reader.objects.exists() and not mail.outbox


def test_it_refuses_a_post_from_another_site(client, morning):
    response = client.post(
        SIGNUP,
        {"email": "victim@example.com", "newsletter": [morning.pk]},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not Reader.objects.exists()


def test_it_slows_a_flood_from_one_address_or_one_domain(client, morning, time_machine):
    time_machine.move_to(timezone.now().replace(second=5), tick=False)  # one minute's counts
    answers = [sign_up(client, f"r{n}@example.com", morning).status_code for n in range(7)]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    assert Reader.objects.count() == 5
    other = [
        sign_up(client, f"r{n}@flood.example", morning, meta={"REMOTE_ADDR": f"10.0.0.{n}"})
        for n in range(32)
    ]
    other = [response.status_code for response in other]
    assert other.count(429) == 2


def test_it_mails_one_confirmation_for_a_double_click(client, morning):
    sign_up(client, "twice@example.com", morning)
    sign_up(client, "twice@example.com", morning)
    assert len(mail.outbox) == 1


def test_it_says_when_the_email_service_is_down_and_keeps_the_request(client, morning, settings):
    settings.NEWSLETTER_EMAIL_BACKEND = "articles.newsletters.smtp.EmailBackend"
    settings.NEWSLETTER_EMAIL_OPTIONS = {"host": "127.0.0.1", "port": 9, "timeout": 1}
    response = sign_up(client, "patient@example.com", morning)
    assert response.status_code == 503 and "try again" in response.text
    reader = Reader.objects.get()
    assert reader.confirmation_sent_at is None  # so trying again sends at once
    assert reader.consents.filter(action="subscribed").exists()


def test_it_puts_a_token_free_sign_up_form_on_cacheable_fronts_and_stories(
    client, morning, published, page_cache
):
    for path in ("/", "/world/", published.get_absolute_url()):
        response = client.get(path)
        assert 'action="/newsletters/subscribe/"' in response.text, path
        assert "csrfmiddlewaretoken" not in response.text, path
        assert not response.cookies, path
        assert client.get(path)["X-Cache"] == "HIT", path


def test_it_counts_sign_ups_per_reader_behind_a_proxy(client, morning, settings, time_machine):
    time_machine.move_to(timezone.now().replace(second=5), tick=False)
    settings.NEWSLETTER_CLIENT_IP_HEADER = "X-Forwarded-For"
    answers = [
        sign_up(
            client,
            f"r{n}@example.com",
            morning,
            meta={
                "REMOTE_ADDR": "10.0.0.1",
                "HTTP_X_FORWARDED_FOR": f"203.0.113.{n % 2}, 198.51.100.{n}",
            },
        ).status_code
        for n in range(8)
    ]
    assert answers == [200] * 8  # eight readers behind one proxy, each counted on their own
