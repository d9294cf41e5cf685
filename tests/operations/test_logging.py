"""The console log: each line once, as `runserver` shows it with DEBUG on."""

import io
import logging

import pytest
from django.utils.log import configure_logging


def _stream_handlers():
    loggers = [logging.root, *logging.root.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if type(handler) is logging.StreamHandler:
                yield handler


@pytest.fixture
def console(settings):
    """The site's logging configured afresh (as at start-up), every console line captured."""
    settings.DEBUG = True
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    lines = io.StringIO()
    for handler in _stream_handlers():
        handler.setStream(lines)
    yield lines
    # New handlers on the real console for the tests that follow.
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@pytest.mark.parametrize(
    ("logger", "line"),
    [
        ("django.request", "Not Found: /no-such-page/"),
        ("django.server", '"GET /world/ HTTP/1.1" 200 5120'),
        ("django.security.csrf", "Forbidden (CSRF token missing.): /admin/login/"),
        ("articles", "Renditions written for lead/2026/01/grid.jpg"),
    ],
)
def test_it_prints_each_log_line_once(console, logger, line):
    logging.getLogger(logger).warning(line)

    assert console.getvalue().count(line) == 1


def test_it_prints_a_request_error_once_through_a_real_request(console, client, db):
    client.get("/no-such-page/")

    assert console.getvalue().count("Not Found: /no-such-page/") == 1
