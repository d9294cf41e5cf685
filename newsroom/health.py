"""Health checks for load balancers and the 3 a.m. on-call person (and the favicon).

`/healthz` answers without touching the database (is the process alive?); `/readyz` also
asks the database (can it serve pages?) and, when it cannot, says why in one line, e.g.
"database: no answer within 3 s". Neither is cached.
"""

from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from .outages import describe


@never_cache
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any database failure means "not ready", with the reason
        return HttpResponse(f"{describe(error)}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the admin says nothing).

    Resolved per request, not at import: the hashed static name exists only after collectstatic.
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
