"""Partners following a live story (docs/editors/live-coverage.md): every public change to its
coverage sends the story again, entries included (`ninjs.story_document`), but at most once per
story and partner every `LIVE_PUSH_SECONDS`.

Coalescing costs nothing extra: a delivery's body is rendered at its first attempt
(`push.attempt`), so one still waiting to be sent will carry every entry posted before it goes;
a new one is queued only when none is waiting, due a full interval after the last one.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article, Delivery, DeliveryEvent, DeliveryStatus

from . import push


def live_changed(story: Article, *, now=None) -> list[Delivery]:
    """Queue what partners who take `story` (public) must be sent after a change to its
    coverage; returns the deliveries queued."""
    if not story.is_public:
        return []
    now = now or timezone.now()
    interval = timedelta(seconds=settings.LIVE_PUSH_SECONDS)
    queued = []
    for subscriber in push.subscribers_for(story):
        chain = Delivery.objects.filter(article=story, subscriber=subscriber)
        if chain.filter(status=DeliveryStatus.PENDING, attempts=0).exists():
            continue  # the one waiting will carry this change too
        last = chain.order_by("-created_at").values_list("created_at", flat=True).first()
        due = now if last is None else max(now, last + interval)
        event = DeliveryEvent.PUBLISHED if last is None else DeliveryEvent.UPDATED
        queued.append(push.queue(story, subscriber, event, due=due))
    return queued
