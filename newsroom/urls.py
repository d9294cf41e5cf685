"""The site's URL map (docs/development/decisions.md, "Public URLs"): the admin, the health checks, and everything public in
`articles.public.urls` (pages, search, feeds, sitemaps, robots.txt) under the `articles` namespace."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.admin import second_factor, single_sign_on

from . import health

urlpatterns = [
    # Before the admin's own: the second-factor screens live under its address.
    *second_factor.urlpatterns,
    *single_sign_on.urlpatterns,
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico whatever the page says (the admin says nothing).
    path("favicon.ico", health.favicon),
    path("", include("articles.public.urls")),
]

# A database outage outside a view (the 404 page, old-address lookups) answers 503 too.
handler500 = "newsroom.outages.server_error"
# The 404 page with its own Cache-Control (compressed like every page: CompressionMiddleware).
handler404 = "newsroom.not_found.page_not_found"

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
