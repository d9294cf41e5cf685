"""Site-wide template context: the publication's name, the section navigation, the
breaking-news banner and the newsletters the sign-up block offers."""

from django.conf import settings

from articles.fronts.banners import showing_banner
from articles.models import Section
from articles.newsletters.readers import offered_newsletters


def site(request):
    # Lazy callables: pages that do not render the navigation or the banner (admin, feeds)
    # pay no query, nor do pages whose fragments are cached.
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": lambda: list(Section.objects.all()),
        "breaking_banner": showing_banner,
        "newsletter_offered": lambda: list(offered_newsletters()),
    }
