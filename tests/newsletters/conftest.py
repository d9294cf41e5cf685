"""Newsletter fixtures: a newsletter, readers in each state, a real SMTP server on loopback
(`mailbox`, with the newsletters' connection pointed at it), and an issue ready to send.

- `morning` is the Morning Briefing (offered, daily, archive public); `weekly` a second one.
- `make_reader(email, *newsletters, confirmed=True)` makes a reader the way the domain would
  (a confirmed reader has a subscription and consent records).
- `mailbox` starts `tests.newsletters.mailbox.Mailbox` for the test and points
  NEWSLETTER_EMAIL_BACKEND (the newsletters' SMTP backend) at it, with no pacing.
- `ready_issue` is a draft of `morning` with a public story and a text block that passes the
  checklist.
"""

import pytest
from django.utils import timezone

from articles.models import (
    BlockKind,
    Consent,
    ConsentAction,
    Newsletter,
    Reader,
    ReaderStatus,
    Subscription,
)
from articles.newsletters import composing
from tests.newsletters.mailbox import Mailbox


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    # The locmem backend by default (mail.outbox); tests that send for real use `mailbox`.
    settings.NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_EMAIL_OPTIONS = {}
    settings.NEWSLETTER_RATE_PER_SECOND = 100_000
    settings.NEWSLETTER_BATCH_SIZE = 0
    settings.SITE_URL = "https://news.example.org"
    settings.NEWSLETTER_UNSUBSCRIBE_MAILBOX = "unsubscribe@news.example.org"


@pytest.fixture
def morning(db):
    return Newsletter.objects.create(
        name="Morning Briefing",
        slug="morning-briefing",
        description="The five stories you need before nine.",
        sender_name="The Newsroom",
        sender_email="briefing@news.example.org",
        reply_to="desk@news.example.org",
        test_recipients="editor@news.example.org\nnight-desk@news.example.org",
    )


@pytest.fixture
def weekly(db):
    return Newsletter.objects.create(
        name="The Week in Ukraine",
        slug="week-in-ukraine",
        sender_name="The Newsroom",
        sender_email="weekly@news.example.org",
        cadence="weekly",
        order=2,
    )


@pytest.fixture
def make_reader(db):
    def make(email, *newsletters, confirmed=True):
        reader = Reader.objects.create(
            email=email,
            status=ReaderStatus.CONFIRMED if confirmed else ReaderStatus.PENDING,
            confirmed_at=timezone.now() if confirmed else None,
        )
        for newsletter in newsletters if confirmed else ():
            Subscription.objects.create(reader=reader, newsletter=newsletter)
            Consent.objects.create(
                reader=reader,
                newsletter=newsletter,
                action=ConsentAction.CONFIRMED,
                source="/newsletters/",
            )
        return reader

    return make


@pytest.fixture
def mailbox(settings):
    server = Mailbox().start()
    settings.NEWSLETTER_EMAIL_BACKEND = "articles.newsletters.smtp.EmailBackend"
    settings.NEWSLETTER_EMAIL_OPTIONS = {"host": "127.0.0.1", "port": server.port, "timeout": 5}
    yield server
    server.stop()


@pytest.fixture
def ready_issue(morning, published, editor):
    return composing.new_issue(
        morning,
        by=editor,
        stories=[published],
        subject="Morning Briefing: power is back in Kyiv",
        preheader="Engineers restored the grid overnight.",
    )


@pytest.fixture
def add_text_block():
    def add(issue, heading, text):
        blocks = [
            composing.Block(b.kind, story=b.story, heading=b.heading, text=b.text)
            for b in issue.blocks.select_related("story")
        ]
        blocks.append(composing.Block(BlockKind.TEXT, heading=heading, text=text))
        return blocks

    return add
