"""`manage.py check --deploy`: say so when a production site runs on the in-process cache.

With the default in-process cache (no CACHE_URL or REDIS_URL) every worker process keeps its
own: each counts the autosave, presence and sign-in rate limits alone (with four workers an
editor may send four times the limit), purges reach one worker's pages only, and every worker
renders each page once. Stated at the Info level: the deployment checklist CI runs with
production values and --fail-level WARNING has no cache server to point at.
"""

from django.conf import settings
from django.core import checks

IN_PROCESS = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs=None, **kwargs):
    if settings.CACHES["default"]["BACKEND"] != IN_PROCESS:
        return []
    return [
        checks.Info(
            "The cache is in-process: each worker counts rate limits (autosave, presence, "
            "sign-in) and keeps pages on its own.",
            hint="Set CACHE_URL or REDIS_URL to a shared cache (Redis) when more than one "
            "worker process serves the site (docs/operations/caching.md).",
            id="newsroom.I001",
        )
    ]
