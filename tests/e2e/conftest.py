"""Browser tests: Playwright driving Debian's Chromium (no browser downloads here).

Without Chromium the browser tests are skipped with a reason, except in CI, where
NEWSROOM_REQUIRE_BROWSER=1 turns a missing browser into a failure.
"""

import os
import shutil
import time

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set up
# data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Chromium is required for browser tests but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


class BackgroundRequests:
    """The requests a browser context's pages make, so a test can end quietly.

    The article form talks to the server in the background (autosave, presence heartbeats, "I
    left" as a page closes). A request that reaches the live server while the test database is
    being emptied finds its tables locked and fails the test's teardown. `settle()` refuses new
    requests, leaves every page while its last requests can still be stopped, and waits for
    the ones already on their way.
    """

    def __init__(self):
        self.pending = set()

    def watch(self, context):
        context.on("request", lambda request: self.pending.add(request))
        context.on("requestfinished", lambda request: self.pending.discard(request))
        context.on("requestfailed", lambda request: self.pending.discard(request))
        return context

    def settle(self, browser, contexts, timeout=5.0):
        for context in contexts:
            context.route("**/*", lambda route: route.abort())
            for page in context.pages:
                page.on("dialog", lambda dialog: dialog.accept())  # "Leave with unsaved changes?"
                page.goto("about:blank")
        waiter = browser.new_page()
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            waiter.wait_for_timeout(20)  # lets Playwright deliver the "finished" events
        waiter.close()


@pytest.fixture
def context(context, browser):
    """pytest-playwright's browser context (and so its `page`), ended quietly."""
    requests = BackgroundRequests()
    requests.watch(context)
    yield context
    requests.settle(browser, [context])


@pytest.fixture
def signed_in(browser, live_server):
    """`signed_in(user, **context_options)`: a browser context of its own (a second browser, in
    effect) with `user` signed in, without the login form; ended quietly, then closed."""
    contexts, requests = [], BackgroundRequests()

    def open_context(user, **context_options):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        context = requests.watch(browser.new_context(**context_options))
        context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
        contexts.append(context)
        return context

    yield open_context
    requests.settle(browser, contexts)
    for context in contexts:
        context.close()
