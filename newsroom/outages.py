"""What readers and operators get when the database does not answer.

A database that accepts connections but never answers used to hold every worker until the app
server killed it. The settings bound each wait on PostgreSQL (`DATABASE_CONNECT_TIMEOUT` for a
new connection, `DATABASE_STATEMENT_TIMEOUT` on the server for a statement); this module owns
what follows when one runs out, or the database fails in any other way
(`is_database_outage`): readers get a static 503 page, rendered without context processors
(the site's navigation reads sections from the database); operators get one log line per
refused request saying why, without a traceback; `/readyz` gives the same reason
(`describe`). Nothing is remembered between requests: the next one asks the database again,
so the site comes back by itself when the database does.

Django offers two doors, and both lead here: `DatabaseOutageMiddleware` for views and the
templates they render (every page reads the database, so nearly every failure comes this
way), and `server_error`, the site's handler500, for failures outside a view, such as the
old-address lookup behind a 404 or the 404 page's own navigation.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.log import log_response
from django.views import defaults
from psycopg.errors import ConnectionTimeout, QueryCanceled

# A hint to clients and crawlers: outages worth a 503 usually pass within a minute or end in
# a page to the on-call person.
RETRY_AFTER_SECONDS = 30


def is_database_outage(error: BaseException | None) -> bool:
    """Whether `error` means the database could not serve the request (refused, timed out,
    dropped, locked), as opposed to a bug in a query, which stays a 500."""
    return isinstance(error, OperationalError | InterfaceError)


def describe(error: BaseException) -> str:
    """The cause in a few words, e.g. "database: no answer within 3 s": safe to show on
    `/readyz` (no host names, no SQL)."""
    # Django raises its own error class with the driver's error as the cause.
    cause = error.__cause__ or error
    if isinstance(cause, ConnectionTimeout):
        return f"database: no answer within {settings.DATABASE_CONNECT_TIMEOUT} s"
    if isinstance(cause, QueryCanceled):
        return (
            f"database: no answer within {settings.DATABASE_STATEMENT_TIMEOUT} s "
            "(statement timeout)"
        )
    return f"database: unavailable ({type(cause).__name__})"


def unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The static 503 page for `request`, logged once with the cause."""
    page = render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A CDN must not keep serving the outage once it is over.
    response["Cache-Control"] = "no-store"
    detail = " ".join(str(error).split())  # driver messages span lines
    # Marks the response as logged, so Django does not add a line (or a traceback) of its own.
    log_response(
        "%s: %s (%s; %s)",
        response.reason_phrase,
        request.path,
        describe(error),
        detail,
        response=response,
        request=request,
    )
    return response


class DatabaseOutageMiddleware:
    """Answer the static 503 page when a view, or the template it renders, finds the database
    unavailable. Django asks every middleware's `process_exception` about a view's error, so
    its place in MIDDLEWARE does not matter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return unavailable(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's handler500: the 503 page when what failed outside a view was the database,
    Django's own 500 page (templates/500.html) for anything else."""
    error = sys.exc_info()[1]
    if is_database_outage(error):
        return unavailable(request, error)
    return defaults.server_error(request)
