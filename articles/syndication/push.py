"""Pushing stories to partners: who gets what, when, signed how, and what happens on failure.

`story_changed()` is called by `articles.changes.story_changed` on every workflow step (publish,
update, correction, withdrawal, embargo…), inside the step's transaction. It queues one
`Delivery` per subscriber concerned and enqueues the `deliver` task once the step commits:

- a live story goes to every active subscriber whose sections, regions (rolled up as on the
  region pages) and tags match; a new version of a story they have is an update or correction;
- an embargoed story goes at once, with `embargoedUntil`, to embargo-trusted subscribers, and
  to the others when the embargo lifts (the task is deferred to that moment, and checks again
  then: an extended embargo defers it again); a scheduled story goes out at its publish time;
- a withdrawn story (or one sent back to the desk) is announced as `pubStatus: canceled` to
  every subscriber that was sent it; anything still waiting for it is called off.

`attempt()` sends one delivery: the ninjs body is rendered from the story as it stands at the
first attempt (after the step and the form's related rows are saved) and kept, so every retry
sends the same bytes under the same delivery id. Headers:

    X-Newsroom-Signature: sha256=<hex HMAC-SHA256 of the raw body under the subscriber's secret>
    X-Newsroom-Delivery:  <uuid, the same on every retry: receivers de-duplicate on it>
    X-Newsroom-Timestamp: <Unix seconds of this attempt>
    X-Newsroom-Event:     published | updated | corrected | withdrawn

A 2xx answer delivers; anything else (an error status, a refused connection, a timeout) is
retried after SYNDICATION_RETRY_BASE · 2^(attempts−1) seconds (30 s, 1 min, 2 min, … capped at
an hour) until SYNDICATION_MAX_ATTEMPTS, then the delivery is a dead letter an editor may retry
by hand (`retry_by_hand`). Per subscriber and story, versions go out in order: a delivery waits
while an earlier one is being sent or retried, and replaces earlier ones never attempted.
"""

import hashlib
import hmac
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from articles.models import (
    Article,
    AuditAction,
    Delivery,
    DeliveryEvent,
    DeliveryStatus,
    PublicationState,
    RegionListing,
    Subscriber,
    TaggedArticle,
)

from .ninjs import story_document, with_documents, withdrawal_document

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Newsroom-Signature"
DELIVERY_HEADER = "X-Newsroom-Delivery"
TIMESTAMP_HEADER = "X-Newsroom-Timestamp"
EVENT_HEADER = "X-Newsroom-Event"
MAX_BACKOFF = timedelta(hours=1)
# How long a delivery waits for an earlier version of the same story to be sent first.
ORDER_WAIT = timedelta(seconds=5)
_WAITING = (PublicationState.EMBARGOED, PublicationState.SCHEDULED)
_UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING)


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for `body` under `secret`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    seconds = settings.SYNDICATION_RETRY_BASE * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def subscribers_for(story: Article):
    """Active subscribers whose sections, regions and tags take `story` (an empty filter takes
    everything; regions match the way region pages roll up: `RegionListing`)."""
    regions = RegionListing.objects.filter(article=story).values("region_id")
    tags = TaggedArticle.objects.filter(content_object=story).values("tag_id")
    return (
        Subscriber.objects.filter(active=True)
        .filter(Q(sections=None) | Q(sections=story.section_id))
        .filter(Q(regions=None) | Q(regions__in=regions))
        .filter(Q(tags=None) | Q(tags__in=tags))
        .distinct()
    )


def story_changed(story: Article, *, was_public: bool, action: str = "") -> list[Delivery]:
    """Queue what partners must be told after a workflow step on `story` (see the module's
    docstring). Returns the deliveries queued."""
    state = story.publication_state
    now = timezone.now()
    if state == PublicationState.LIVE or state in _WAITING:
        queued = []
        had_it = set(_recipients(story))
        for subscriber in subscribers_for(story):
            if subscriber.pk in had_it:
                event = (
                    DeliveryEvent.CORRECTED
                    if action == AuditAction.CORRECTED
                    else DeliveryEvent.UPDATED
                )
            else:
                event = DeliveryEvent.PUBLISHED
            queued.append(queue(story, subscriber, event, due=_due(story, subscriber, now)))
        return queued
    # Not public and not on its way: withdrawn, or back on the desk.
    if not Delivery.objects.filter(article=story).exists():
        return []  # never offered to anyone (a draft's steps stop here)
    _call_off_waiting(story)
    # The last word each partner had (or has on its way) about the story: told of the
    # withdrawal already (withdrawn, then sent back to the desk), they are not told again.
    last_word = dict(
        Delivery.objects.filter(article=story)
        .exclude(status=DeliveryStatus.SUPERSEDED)
        .order_by("version", "created_at")
        .values_list("subscriber_id", "event")
    )
    recipients = Subscriber.objects.filter(pk__in=_recipients(story), active=True)
    return [
        queue(story, subscriber, DeliveryEvent.WITHDRAWN, due=now)
        for subscriber in recipients
        if last_word.get(subscriber.pk) != DeliveryEvent.WITHDRAWN
    ]


def _recipients(story: Article):
    """Subscribers a version of `story` was (or may have been) sent to."""
    return (
        Delivery.objects.filter(article=story, attempts__gt=0)
        .exclude(event=DeliveryEvent.WITHDRAWN)
        .values_list("subscriber_id", flat=True)
        .distinct()
    )


def _due(story: Article, subscriber: Subscriber, now):
    """When `subscriber` may have the story: now if it is live (or embargoed and they are
    trusted with embargoes), else when it goes live."""
    state = story.publication_state
    if state == PublicationState.LIVE:
        return now
    if state == PublicationState.EMBARGOED and subscriber.embargo_trusted:
        return now
    return story.goes_live_at


def _call_off_waiting(story: Article) -> None:
    Delivery.objects.filter(article=story, status=DeliveryStatus.PENDING, attempts=0).update(
        status=DeliveryStatus.SUPERSEDED
    )


def queue(story: Article, subscriber: Subscriber, event: str, *, due) -> Delivery:
    delivery = Delivery.objects.create(
        subscriber=subscriber,
        article=story,
        version=story.version,
        event=event,
        next_attempt_at=due,
    )
    transaction.on_commit(lambda: _enqueue(delivery.pk, due))
    return delivery


def _enqueue(delivery_id, due) -> None:
    """Hand the delivery to the worker, due at `due`. A queue that cannot defer (the immediate
    backend) or cannot be reached leaves it pending in the delivery log, where
    `manage.py send_deliveries` finds it: the editor's step has committed and must not fail."""
    try:
        if due <= timezone.now():
            deliver.enqueue(str(delivery_id))
        elif deliver.get_backend().supports_defer:
            deliver.using(run_after=due).enqueue(str(delivery_id))
    except Exception:
        logger.exception("Could not queue syndication delivery %s; it stays pending", delivery_id)


@task()
def deliver(delivery_id: str) -> str:
    """The background task: one attempt at one delivery (it re-enqueues itself to retry)."""
    return attempt(delivery_id)


def attempt(delivery_id, *, now=None) -> str:
    """Try to send one delivery now; returns its status afterwards. Safe to call twice: a
    delivery that is not due, already sent or being sent by another worker is left alone."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id,
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRYING),
        next_attempt_at__lte=now,
    ).update(status=DeliveryStatus.SENDING)
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
    if not claimed:
        return delivery.status
    if not _first_in_line(delivery, now):
        return delivery.status
    if not delivery.body:
        body = _render(delivery, now)
        if body is None:
            return delivery.status
        delivery.body = body
    return _send(delivery, now)


def _first_in_line(delivery: Delivery, now) -> bool:
    """Whether no earlier version for the same subscriber and story is still on its way.
    Earlier ones never attempted are replaced by this one (it sends the story as it is now),
    and this one, if not attempted yet, by a later one; one being sent or retried makes this
    one wait."""
    chain = Delivery.objects.filter(
        subscriber=delivery.subscriber_id, article=delivery.article_id, status__in=_UNFINISHED
    )
    later = Q(version__gt=delivery.version) | Q(
        version=delivery.version, created_at__gt=delivery.created_at
    )
    if not delivery.body and chain.filter(later, attempts=0).exists():
        _finish(delivery, DeliveryStatus.SUPERSEDED, error="A newer version is queued.")
        return False
    earlier = chain.filter(
        Q(version__lt=delivery.version)
        | Q(version=delivery.version, created_at__lt=delivery.created_at)
    )
    earlier.filter(status=DeliveryStatus.PENDING, attempts=0).update(
        status=DeliveryStatus.SUPERSEDED
    )
    blocking = (
        earlier.exclude(status=DeliveryStatus.SUPERSEDED).order_by("-next_attempt_at").first()
    )
    if blocking is None:
        return True
    _wait(delivery, max(blocking.next_attempt_at, now) + ORDER_WAIT, status=DeliveryStatus.PENDING)
    return False


def _render(delivery: Delivery, now) -> str | None:
    """The body to send: the story as it stands now, or None when there is nothing to send
    yet (the delivery waits for the story's time) or any more (a withdrawal superseded it)."""
    story = with_documents(Article.objects.filter(pk=delivery.article_id)).first()
    if story is None:
        _finish(delivery, DeliveryStatus.SUPERSEDED, error="The story was deleted.")
        return None
    if delivery.event == DeliveryEvent.WITHDRAWN:
        if story.is_public:
            _finish(delivery, DeliveryStatus.SUPERSEDED, error="The story is public again.")
            return None
        document = withdrawal_document(story)
    else:
        state = story.state_at(now)
        trusted = state == PublicationState.EMBARGOED and delivery.subscriber.embargo_trusted
        if state in _WAITING and not trusted:
            _wait(delivery, story.goes_live_at, status=DeliveryStatus.PENDING)
            return None
        if state != PublicationState.LIVE and not trusted:
            _finish(delivery, DeliveryStatus.SUPERSEDED, error="The story is no longer public.")
            return None
        document = story_document(story)
    delivery.version = story.version
    return DjangoJSONEncoder(ensure_ascii=False, separators=(",", ":")).encode(document)


PUSH_SCHEMES = ("http", "https")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a partner's redirect only to another http(s) address (urllib's own handler
    follows ftp:// too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in PUSH_SCHEMES:
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to a non-http(s) address refused: {newurl}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http(s) alone: no ftp, file or data handlers, whatever address
    a subscriber row or a redirect names."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _send(delivery: Delivery, now) -> str:
    body = delivery.body.encode()
    scheme = urllib.parse.urlsplit(delivery.subscriber.endpoint_url).scheme.lower()
    if scheme not in PUSH_SCHEMES:
        # A row saved before the form refused it, or written around the form: never sent.
        delivery.attempts += 1
        _finish(delivery, DeliveryStatus.DEAD, error=f"Not an http(s) address: {scheme}://")
        return delivery.status
    request = urllib.request.Request(
        delivery.subscriber.endpoint_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Newsroom-Syndication/1",
            SIGNATURE_HEADER: sign(body, delivery.subscriber.secret),
            DELIVERY_HEADER: str(delivery.pk),
            TIMESTAMP_HEADER: str(int(time.time())),
            EVENT_HEADER: delivery.event,
        },
    )
    delivery.attempts += 1
    try:
        with _opener().open(request, timeout=settings.SYNDICATION_TIMEOUT) as answer:
            answer.read(1024)
    except urllib.error.HTTPError as error:
        return _failed(delivery, now, f"HTTP {error.code} {error.reason}")
    except (OSError, ValueError) as error:  # refused, reset, timed out, bad address
        return _failed(delivery, now, f"{type(error).__name__}: {error}")
    delivery.delivered_at = timezone.now()
    _finish(delivery, DeliveryStatus.DELIVERED, error="")
    return delivery.status


def _failed(delivery: Delivery, now, error: str) -> str:
    if delivery.attempts >= settings.SYNDICATION_MAX_ATTEMPTS:
        _finish(delivery, DeliveryStatus.DEAD, error=error)
        return delivery.status
    delivery.last_error = error[:1000]
    _wait(delivery, now + backoff(delivery.attempts), status=DeliveryStatus.RETRYING)
    return delivery.status


def _wait(delivery: Delivery, until, *, status: str) -> None:
    delivery.status, delivery.next_attempt_at = status, until
    delivery.save()
    transaction.on_commit(lambda: _enqueue(delivery.pk, until))


def _finish(delivery: Delivery, status: str, *, error: str) -> None:
    delivery.status = status
    delivery.last_error = error[:1000]
    delivery.save()


def send_due(*, now=None) -> dict[str, int]:
    """Attempt every delivery that is due (oldest first); returns how many ended in each
    status. The worker does this through the `deliver` task; this is for a command or a test
    that wants the queue drained in one call."""
    now = now or timezone.now()
    due = Delivery.objects.filter(
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRYING), next_attempt_at__lte=now
    ).order_by("version", "created_at")
    outcome = {}
    for delivery_id in list(due.values_list("pk", flat=True)):
        status = attempt(delivery_id, now=now)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def retry_by_hand(deliveries) -> int:
    """Send dead letters (or failing deliveries) again, now, with a fresh count of attempts.
    One with a newer version of its story already delivered is superseded instead: a partner
    never gets an older version after a newer one. Returns how many were queued again."""
    queued = 0
    now = timezone.now()
    for delivery in deliveries.filter(status__in=(DeliveryStatus.DEAD, DeliveryStatus.RETRYING)):
        newer = Delivery.objects.filter(
            subscriber=delivery.subscriber_id,
            article=delivery.article_id,
            version__gt=delivery.version,
            status=DeliveryStatus.DELIVERED,
        ).exists()
        if newer:
            _finish(delivery, DeliveryStatus.SUPERSEDED, error="A newer version was delivered.")
            continue
        delivery.attempts = 0
        _wait(delivery, now, status=DeliveryStatus.RETRYING)
        queued += 1
    return queued
