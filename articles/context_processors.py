"""Site-wide template context: the publication's name and the section navigation."""

from django.conf import settings

from .models import Section


def site(request):
    # A lazy callable: pages that do not render the navigation (admin, feeds) pay no query.
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": lambda: list(Section.objects.all()),
    }
