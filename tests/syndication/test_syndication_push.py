"""Pushing stories to partners, against real HTTP receivers on loopback started by the tests.

Each receiver is a `http.server` on 127.0.0.1, port 0, in a thread; it checks the signature
the way a partner would (HMAC-SHA256 of the raw body under its copy of the secret) and answers
as told: 200, 500 twice then 200, too slowly, or 401 when the signature does not match.
Deliveries are run deterministically with `push.send_due(now=…)` (the moment passed in stands
for the clock, so backoff times are visible), and once through the real task queue
(`db_worker --batch`).
"""

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Delivery, DeliveryStatus, Subscriber, Tag
from articles.syndication import push
from articles.syndication.ninjs import story_uri
from articles.workflow import add_correction, return_to_draft, save_edits, unpublish


class Receiver:
    """A partner's endpoint: records every POST and answers from `answers` (a list of
    statuses, the last repeated; "slow" sleeps past the sender's timeout first)."""

    def __init__(self, secret: str, answers=(200,)):
        self.secret, self.answers, self.received = secret, list(answers), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = (
                    "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                )
                signed = hmac.compare_digest(expected, self.headers["X-Newsroom-Signature"])
                receiver.received.append(
                    {"headers": dict(self.headers), "body": body, "signed": signed}
                )
                answer = (
                    receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                )
                if answer == "slow":
                    time.sleep(1.0)
                    answer = 200
                status = answer if signed else 401
                try:
                    self.send_response(status)
                    self.end_headers()
                    self.wfile.write(b"ok" if status == 200 else b"no")
                except OSError:
                    pass  # the sender gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/ninjs"

    def documents(self):
        return [json.loads(request["body"]) for request in self.received]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    started = []

    def start(secret="partner-secret-1", answers=(200,)):
        started.append(Receiver(secret, answers))
        return started[-1]

    yield start
    for one in started:
        one.stop()


@pytest.fixture
def subscribe(db):
    def make(endpoint, *, secret="partner-secret-1", sections=(), **fields):
        subscriber = Subscriber.objects.create(
            name=fields.pop("name", "Regional Daily"),
            endpoint_url=endpoint,
            secret=secret,
            **fields,
        )
        subscriber.sections.set(sections)
        return subscriber

    return make


# A real transaction: the step commits, and only then is the task queued (on commit); the
# worker also closes its database connection when its batch is done.
@pytest.mark.django_db(transaction=True)
def test_it_delivers_a_signed_story_through_the_task_queue(
    receiver, subscribe, make_article, sports, ninjs_validator
):
    partner, other = receiver(), receiver()
    subscriber = subscribe(partner.url)
    subscribe(other.url, name="Sports Weekly", sections=[sports])  # takes only Sports

    story = make_article("Grid operator restores power to the capital")
    # Queued, not sent inside the editor's request: the worker sends it.
    assert partner.received == []
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    [request] = partner.received
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert request["signed"]
    assert request["headers"]["X-Newsroom-Delivery"] == str(delivery.pk)
    assert request["headers"]["X-Newsroom-Event"] == "published"
    assert abs(int(request["headers"]["X-Newsroom-Timestamp"]) - time.time()) < 60
    document = json.loads(request["body"])
    assert ninjs_validator.is_valid(document)
    assert document["uri"] == story_uri(story.pk)
    assert document["headlines"][0]["value"] == "Grid operator restores power to the capital"
    assert (delivery.status, delivery.attempts, delivery.version) == (
        DeliveryStatus.DELIVERED,
        1,
        Article.objects.get(pk=story.pk).version,
    )
    assert other.received == []


def test_it_retries_a_failing_receiver_with_exponential_backoff(
    receiver, subscribe, make_article, settings
):
    partner = receiver(answers=(500, 500, 200))
    subscribe(partner.url)
    make_article("Ceasefire talks resume in Istanbul")
    delivery = Delivery.objects.get()
    start = timezone.now()

    schedule = []
    assert push.send_due(now=start) == {DeliveryStatus.RETRYING: 1}
    delivery.refresh_from_db()
    schedule.append(delivery.next_attempt_at - start)
    assert "HTTP 500" in delivery.last_error
    # Not due yet: nothing is sent.
    assert push.send_due(now=start + timedelta(seconds=10)) == {}
    assert push.send_due(now=start + timedelta(seconds=30)) == {DeliveryStatus.RETRYING: 1}
    delivery.refresh_from_db()
    schedule.append(delivery.next_attempt_at - start)
    assert push.send_due(now=start + timedelta(seconds=90)) == {DeliveryStatus.DELIVERED: 1}
    delivery.refresh_from_db()

    print("\nretries after", [f"{step.total_seconds():.0f} s" for step in schedule])
    assert schedule == [timedelta(seconds=30), timedelta(seconds=90)]  # 30 s, then 60 s more
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 3, "")
    # The same bytes under the same delivery id every time: the receiver can de-duplicate.
    assert len({request["body"] for request in partner.received}) == 1
    assert {request["headers"]["X-Newsroom-Delivery"] for request in partner.received} == {
        str(delivery.pk)
    }
    assert push.backoff(5) == timedelta(minutes=8) and push.backoff(20) == timedelta(hours=1)


def test_it_gives_up_on_a_receiver_that_times_out_and_an_editor_retries_it(
    receiver, subscribe, make_article, settings, login, editor, reporter
):
    settings.SYNDICATION_TIMEOUT = 0.3
    settings.SYNDICATION_MAX_ATTEMPTS = 3
    partner = receiver(answers=("slow",))
    subscribe(partner.url)
    make_article("Flood warnings along the Dnipro")
    delivery = Delivery.objects.get()
    now = timezone.now()
    for _ in range(3):
        push.send_due(now=now)
        delivery.refresh_from_db()
        now = delivery.next_attempt_at
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DEAD, 3)
    assert "timed out" in delivery.last_error
    assert push.send_due(now=now + timedelta(days=1)) == {}  # a dead letter waits for a person

    partner.answers = [200]
    # A reporter may not even see the log; an editor may send a dead letter again.
    assert login(reporter).get("/admin/articles/delivery/").status_code == 403
    client = login(editor)
    assert "Gave up (dead letter)" in client.get("/admin/articles/delivery/").content.decode()
    response = client.post(
        "/admin/articles/delivery/",
        {"action": "retry_selected", "_selected_action": [str(delivery.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Queued again: 1" in response.content.decode()
    out = StringIO()
    call_command("send_deliveries", stdout=out)
    assert out.getvalue() == "delivered: 1\n"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)


def test_it_is_refused_by_a_receiver_holding_another_secret(receiver, subscribe, make_article):
    partner = receiver(secret="the-partners-real-secret")
    subscribe(partner.url, secret="an-old-secret")
    make_article("Grain ships leave Odesa")

    assert push.send_due() == {DeliveryStatus.RETRYING: 1}
    [request] = partner.received
    assert request["signed"] is False
    assert "HTTP 401" in Delivery.objects.get().last_error


def test_it_announces_a_withdrawal_to_partners_who_had_the_story(
    receiver, subscribe, make_article, ninjs_validator
):
    partner = receiver()
    subscribe(partner.url)
    story = make_article("Minister resigns over procurement scandal")
    push.send_due()
    latecomer = receiver()
    subscribe(latecomer.url, name="Joined later")

    unpublish(story)
    assert push.send_due() == {DeliveryStatus.DELIVERED: 1}

    published, withdrawn = partner.documents()
    assert withdrawn["uri"] == published["uri"]
    assert withdrawn["pubStatus"] == "canceled"
    assert int(withdrawn["version"]) > int(published["version"])
    assert "bodies" not in withdrawn
    assert partner.received[1]["headers"]["X-Newsroom-Event"] == "withdrawn"
    assert ninjs_validator.is_valid(withdrawn)
    assert latecomer.received == []
    # Back to the desk after the withdrawal: partners were told once, that is enough.
    return_to_draft(story)
    assert push.send_due() == {}
    assert len(partner.received) == 2


def test_it_sends_corrections_as_new_versions_in_order(
    receiver, subscribe, make_article, ninjs_validator
):
    partner = receiver(answers=(500, 200))
    subscribe(partner.url)
    story = make_article("Casualty figures revised")
    start = timezone.now()
    push.send_due(now=start)  # version n fails and waits 30 s
    add_correction(story, "correction", "The toll was 12, not 21.")
    # Version n+1 is due now, but n is still on its way: n+1 waits behind it.
    push.send_due(now=start + timedelta(seconds=1))
    assert [request["headers"]["X-Newsroom-Event"] for request in partner.received] == ["published"]
    push.send_due(now=start + timedelta(seconds=31))
    push.send_due(now=start + timedelta(seconds=60))

    versions = [int(document["version"]) for document in partner.documents()]
    assert versions == sorted(versions) and len(set(versions)) == 2
    assert partner.received[-1]["headers"]["X-Newsroom-Event"] == "corrected"
    corrected = partner.documents()[-1]
    assert corrected["descriptions"][0]["role"] == "correction"
    assert ninjs_validator.is_valid(corrected)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_it_sends_embargoed_stories_early_only_to_trusted_partners(
    receiver, subscribe, make_article, ninjs_validator
):
    trusted, ordinary = receiver(), receiver()
    subscribe(trusted.url, name="Trusted Agency", embargo_trusted=True)
    subscribe(ordinary.url, name="Ordinary Partner")
    lift = timezone.now() + timedelta(hours=2)
    story = make_article("Central bank cuts rates", embargo_until=lift)

    push.send_due()
    [early] = trusted.documents()
    assert early["embargoedUntil"].startswith(f"{lift:%Y-%m-%dT%H:%M}")
    assert ninjs_validator.is_valid(early)
    assert ordinary.received == []
    waiting = Delivery.objects.get(subscriber__name="Ordinary Partner")
    assert (waiting.status, waiting.next_attempt_at) == (DeliveryStatus.PENDING, lift)

    # An edit before the lift: the trusted partner gets the new version at once, the other
    # still waits, and gets only the newest version when the embargo lifts.
    story.standfirst = "The first cut in two years."
    save_edits(story)
    push.send_due()
    assert len(trusted.received) == 2 and ordinary.received == []
    push.send_due(now=lift + timedelta(seconds=1))
    [at_lift] = ordinary.documents()
    assert at_lift["version"] == str(Article.objects.get(pk=story.pk).version)
    assert at_lift["headlines"][1]["value"] == "The first cut in two years."


def test_it_pushes_only_what_a_subscriber_takes(
    receiver, subscribe, make_article, regions, ninjs_validator
):
    country, diplomacy = receiver(), receiver()
    by_region = subscribe(country.url, name="Ukraine desk")
    by_region.regions.set([regions["ukraine"]])
    by_tag = subscribe(diplomacy.url, name="Diplomacy newsletter")
    by_tag.tags.set([Tag.objects.create(name="Diplomacy", slug="diplomacy")])

    # Filed under Kyiv, which lies in Ukraine: the region subscriber takes it, rolled up.
    make_article("Air raid alert lifted in Kyiv", regions=[regions["kyiv"]], tags=["Energy"])
    make_article("Talks in Warsaw", regions=[regions["poland"]], tags=["Diplomacy"])
    push.send_due()

    assert [doc["headlines"][0]["value"] for doc in country.documents()] == [
        "Air raid alert lifted in Kyiv"
    ]
    assert [doc["headlines"][0]["value"] for doc in diplomacy.documents()] == ["Talks in Warsaw"]
    assert all(ninjs_validator.is_valid(doc) for doc in country.documents())
