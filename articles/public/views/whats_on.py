"""What's on: the public listing of confirmed public events, each event's page (with schema.org
Event data), the public calendar, and the staff's private calendar addresses.

Only `Event.objects.whats_on()` is ever shown: an event the desk has not marked public, or not
confirmed yet, answers 404 like an unknown address (the desk's plans are not news). A
postponed or cancelled public event keeps its page and says so: readers who saw it must
learn it. Staff calendars answer only at their secret address, never cached.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from articles.addresses.absolute import absolute_url
from articles.models import Event
from articles.planning import calendars, events, recurrence
from articles.public import structured_data
from articles.public.page_head import PageHead, index_head, latest_feeds

LISTED_DAYS = 60
CALENDAR_TYPE = "text/calendar; charset=utf-8"


def whats_on(request):
    """The coming two months of public events, by day."""
    found = events.upcoming(
        Event.objects.whats_on().select_related("region").order_by("starts_at", "pk")[:1000],
        days=LISTED_DAYS,
    )
    head = index_head(
        "What's on",
        reverse("articles:whats_on"),
        f"Events {settings.SITE_NAME} will be at in the coming weeks.",
    )
    return render(
        request,
        "articles/whats_on.html",
        {"occurrences": found, "head": head, "calendar": reverse("articles:whats_on_calendar")},
    )


def event_page(request, pk: int, slug: str):
    """One public event; its slug moved → 301 to the address it has now."""
    event = get_object_or_404(
        Event.objects.whats_on()
        .select_related("region")
        .prefetch_related("organisers", "participants"),
        pk=pk,
    )
    if slug != event.slug:
        return HttpResponsePermanentRedirect(event.get_absolute_url())
    url = absolute_url(event.get_absolute_url())
    head = PageHead(
        title=event.title,
        description=event.description[:300] or f"{event.title}: when and where.",
        canonical=url,
        feeds=[latest_feeds()],
        structured_data=[
            structured_data.event(event, url),
            structured_data.breadcrumb_list(
                [
                    structured_data.home_crumb(),
                    ("What's on", absolute_url(reverse("articles:whats_on"))),
                    (event.title, None),
                ]
            ),
        ],
    )
    context = {
        "event": event,
        "head": head,
        "rule": recurrence.describe(event.recurrence),
        "links": event.link_list,
    }
    return render(request, "articles/event.html", context)


def _calendar(body: bytes, *, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    if private:
        # A secret address: never in a shared cache, never kept by the page cache.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def whats_on_calendar(request):
    return _calendar(calendars.whats_on_calendar(), private=False)


def staff_calendar(request, token: str):
    feed = calendars.feed_for(token)
    if feed is None:
        raise Http404("No calendar at this address.")
    if feed.desk_id:
        return _calendar(calendars.desk_calendar(feed.desk), private=True)
    return _calendar(calendars.person_calendar(feed.owner), private=True)
