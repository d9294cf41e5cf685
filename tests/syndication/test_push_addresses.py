"""A partner's push address is http(s) only: the form refuses anything else, and the sender
never connects anywhere else — not to a row written around the form, not through a redirect.
(A probe saved `ftp://127.0.0.1:21/x` and the next push connected to it.)"""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError

from articles.models import Delivery, DeliveryStatus, Subscriber
from articles.syndication import push


@pytest.fixture
def listener():
    """A TCP port on loopback that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    yield server
    server.close()


def connected(listener) -> bool:
    try:
        listener.accept()[0].close()
    except TimeoutError:
        return False
    return True


@pytest.fixture
def redirecting():
    """An http endpoint that redirects every POST to `target`."""
    target = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(303)
            self.send_header("Location", target["url"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield target, f"http://127.0.0.1:{server.server_address[1]}/ninjs"
    server.shutdown()
    server.server_close()


def partner(endpoint: str) -> Subscriber:
    return Subscriber.objects.create(name="Regional Daily", endpoint_url=endpoint, secret="s1")


@pytest.mark.parametrize(
    "endpoint", ["ftp://127.0.0.1:21/x", "file:///etc/passwd", "gopher://127.0.0.1/x"]
)
def test_it_refuses_a_push_address_that_is_not_http(db, endpoint):
    subscriber = Subscriber(name="Regional Daily", endpoint_url=endpoint, secret="s1")

    with pytest.raises(ValidationError) as refused:
        subscriber.full_clean()

    assert "endpoint_url" in refused.value.message_dict
    assert not Subscriber.objects.exists()


def test_it_never_connects_to_a_stored_address_that_is_not_http(db, listener, make_article):
    partner(f"ftp://127.0.0.1:{listener.getsockname()[1]}/x")  # written around the form
    make_article("Grid operator restores power to the capital")

    assert push.send_due() == {DeliveryStatus.DEAD: 1}

    assert not connected(listener)
    assert "Not an http(s) address" in Delivery.objects.get().last_error


def test_it_follows_no_redirect_to_an_address_that_is_not_http(
    db, listener, redirecting, make_article
):
    target, endpoint = redirecting
    target["url"] = f"ftp://127.0.0.1:{listener.getsockname()[1]}/x"
    partner(endpoint)
    make_article("Grid operator restores power to the capital")

    assert push.send_due() == {DeliveryStatus.RETRYING: 1}

    assert not connected(listener)
    delivery = Delivery.objects.get()
    assert "non-http(s)" in delivery.last_error and delivery.delivered_at is None
