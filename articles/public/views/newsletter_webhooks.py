"""The email services' webhooks: bounces, complaints and unsubscribes (tracking), and mail sent
to the unsubscribe mailbox (inbound).

Each is anymail's own view for the service — it checks the request (the basic-auth secret in
the webhook's address, `NEWSLETTER_WEBHOOK_SECRET`; the service's signature where it signs)
and normalises the payload — with its dispatch replaced: instead of sending a Django signal,
the events go straight to `articles.newsletters.suppressing.record_events()` (tracking) or to
the unsubscribe of the token in the subject line (inbound). A request that fails the check is
answered 400 and changes nothing.
"""

import importlib
import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from articles.newsletters import readers, suppressing, tokens

# The services whose webhooks are routed: /newsletters/webhooks/<name>/tracking/ (and
# /inbound/ where anymail reads that service's inbound mail).
SERVICES = {
    "amazon_ses": "AmazonSES",
    "brevo": "Brevo",
    "mailgun": "Mailgun",
    "mailjet": "Mailjet",
    "postal": "Postal",
    "postmark": "Postmark",
    "resend": "Resend",
    "sparkpost": "SparkPost",
}
_TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)


def _anymail_view(service: str, kind: str):
    module = importlib.import_module(f"anymail.webhooks.{service}")
    return getattr(module, f"{SERVICES[service]}{kind}WebhookView")


def _tracking_class(base):
    class TrackingWebhook(base):
        def post(self, request, *args, **kwargs):
            self.run_validators(request)
            suppressing.record_events(self.parse_events(request), self.esp_name)
            return HttpResponse()

    return TrackingWebhook


def _inbound_class(base):
    class InboundWebhook(base):
        def post(self, request, *args, **kwargs):
            self.run_validators(request)
            for event in self.parse_events(request):
                _unsubscribe_by_mail(getattr(event, "message", None))
            return HttpResponse()

    return InboundWebhook


def _unsubscribe_by_mail(message) -> None:
    """A mail to the unsubscribe mailbox: the subject holds the reader's token (List-Unsubscribe
    mailto: …?subject=unsubscribe <token>)."""
    match = _TOKEN.search((message.get("Subject", "") if message is not None else "") or "")
    if not match:
        return
    try:
        reader, newsletter = tokens.reader_for_token(match.group(1))
    except tokens.LinkInvalid:
        return
    readers.unsubscribe(reader, newsletter, source="unsubscribe by email")


_VIEWS = {}


@csrf_exempt
def webhook(request, service, kind):
    """Route to the service's tracking or inbound webhook (404 for any other name, and for
    every name until the operator set a webhook secret: an open webhook could suppress anyone)."""
    if service not in SERVICES or kind not in ("tracking", "inbound"):
        raise Http404("No such webhook.")
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        raise Http404("Newsletter webhooks are off until NEWSLETTER_WEBHOOK_SECRET is set.")
    key = (service, kind)
    if key not in _VIEWS:
        try:
            base = _anymail_view(service, "Tracking" if kind == "tracking" else "Inbound")
        except AttributeError:
            raise Http404("This service has no such webhook.") from None
        wrap = _tracking_class if kind == "tracking" else _inbound_class
        _VIEWS[key] = wrap(base).as_view()
    return _VIEWS[key](request)
