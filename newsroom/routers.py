"""Which database a query reads from: the primary, or the read replica for what readers see.

With DATABASE_REPLICA_URL set, the settings add a `replica` database alias, `ReplicaRouter`
and `ReplicaReadsMiddleware`. A replica runs a little behind its primary, so only a request
that can live with that reads from it: a reader's GET or HEAD of a public page
(`may_read_from_replica`). Everything else uses the primary: writes, the admin, previews,
anyone with a session (logged-in staff), commands and tasks, anything inside a transaction,
and every read a request makes after its first write, so a request sees what it wrote.

A router cannot see the request, so the middleware tells it through a context variable.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Readers' pages are the `articles` URL namespace. Previews are in it too, but they show a draft
# to the people who are editing it, right after a save: a copy a moment old would not do.
PUBLIC_NAMESPACE = "articles"
PRIMARY_ONLY_PAGES = {"articles:preview"}


@dataclass
class _RequestReads:
    """What the current request may read from; changed in place by the router."""

    replica: bool = False


# None outside a request (commands, tasks, the shell): the primary.
_request_reads: ContextVar[_RequestReads | None] = ContextVar("request_reads", default=None)


def may_read_from_replica(request) -> bool:
    """Whether `request` (resolved to its view) may read data a moment old: a GET or HEAD of a
    public page by a reader, that is without a session.

    The session cookie is checked, not the user: loading the user would read the session, and
    a session written a moment ago (a login) might not have reached the replica yet.
    """
    page = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and page is not None
        and page.namespace == PUBLIC_NAMESPACE
        and page.view_name not in PRIMARY_ONLY_PAGES
    )


class ReplicaReadsMiddleware:
    """Mark each request that may read from the replica, once its view is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_reads.set(_RequestReads())
        try:
            return self.get_response(request)
        finally:
            _request_reads.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        reads = _request_reads.get()
        if reads is not None and may_read_from_replica(request):
            reads.replica = True


class ReplicaRouter:
    """Reads go to the replica when the request allows it; writes always go to the primary."""

    def db_for_read(self, model, **hints):
        reads = _request_reads.get()
        if reads and reads.replica and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        reads = _request_reads.get()
        if reads:
            # The replica has not seen this write yet: the rest of the request reads the primary.
            reads.replica = False
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Two doors to the same data: a story read from the replica may point at a section read
        # from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; it is never migrated by itself.
        return db != REPLICA
