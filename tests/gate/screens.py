"""The staff's screens the gate loads as the demo's editor: every list (with a filter chosen),
every form with values chosen in its pickers, the fronts screen, the wire queue, the image
library, planning's and newsletters' screens and the history pages.

Plain data built from the demo newsroom (no pytest here), so the list is read in one place.
"""

from django.db.models import Count

from articles.models import (
    Article,
    Banner,
    Front,
    Image,
    Newsletter,
    Region,
    Source,
    Subscriber,
    Tag,
    WireStory,
)


def _filled_story() -> Article:
    """The demo story with the most chosen in its pickers (regions, sources, tags, authors)."""
    return (
        Article.objects.annotate(
            chosen=Count("regions", distinct=True)
            + Count("sources", distinct=True)
            + Count("article_authors", distinct=True)
        )
        .exclude(lead_image=None)
        .order_by("-chosen", "pk")
        .first()
    )


# Screens only an administrator has (partners' push addresses, accounts and their sign-ins);
# seen as the demo's superuser.
SUPERUSER_SCREENS = {
    "admin subscriber list",
    "admin subscriber form",
    "admin accounts",
    "admin account form",
    "admin roles",
    "admin sign-in attempts",
    "admin cdn purges",
}


def staff_screens() -> dict[str, str]:
    """{name: path} of every staff screen the gate checks (names start with "admin ")."""
    story = _filled_story()
    sub_region = Region.objects.filter(depth__gte=1).first()
    front = Front.objects.order_by("pk").first()
    image = Image.objects.order_by("pk").first()
    tag = Tag.objects.order_by("pk").first()
    source = Source.objects.order_by("pk").first()
    region = Region.objects.order_by("pk").first()
    wire = WireStory.objects.order_by("pk").first()
    newsletter = Newsletter.objects.order_by("pk").first()
    screens = {
        "admin index": "/admin/",
        "admin article list": "/admin/articles/article/",
        "admin article list by region": f"/admin/articles/article/?region={sub_region.pk}",
        "admin article form filled": f"/admin/articles/article/{story.pk}/change/",
        "admin article history": f"/admin/articles/article/{story.pk}/history/",
        "admin article revisions": f"/admin/articles/article/{story.pk}/revisions/",
        "admin front list": "/admin/articles/front/",
        "admin fronts screen": f"/admin/articles/front/{front.pk}/change/",
        "admin banner list": "/admin/articles/banner/",
        "admin banner form": "/admin/articles/banner/add/",
        "admin image list": "/admin/articles/image/",
        "admin image upload": "/admin/articles/image/add/",
        "admin image form": f"/admin/articles/image/{image.pk}/change/",
        "admin wire queue": "/admin/articles/wirestory/",
        "admin wire story": f"/admin/articles/wirestory/{wire.pk}/change/",
        "admin wire ingest": "/admin/articles/wirestory/ingest/",
        "admin tag list": "/admin/articles/tag/",
        "admin tag form": f"/admin/articles/tag/{tag.pk}/change/",
        "admin region list": "/admin/articles/region/",
        "admin region form": f"/admin/articles/region/{region.pk}/change/",
        "admin source list": "/admin/articles/source/",
        "admin source form": f"/admin/articles/source/{source.pk}/change/",
        "admin section list": "/admin/articles/section/",
        "admin author list": "/admin/articles/author/",
        "admin subscriber list": "/admin/articles/subscriber/",
        "admin subscriber form": "/admin/articles/subscriber/add/",
        "admin delivery list": "/admin/articles/delivery/",
        "admin newsletter list": "/admin/articles/newsletter/",
        "admin newsletter form": f"/admin/articles/newsletter/{newsletter.pk}/change/",
        "admin issue list": "/admin/articles/issue/",
        "admin event list": "/admin/articles/event/",
        "admin notifications": "/admin/articles/notification/",
        "admin live desk": f"/admin/articles/article/{story.pk}/live/",
        "admin accounts": "/admin/auth/user/",
        "admin account form": f"/admin/auth/user/{story.created_by_id or 1}/change/",
        "admin roles": "/admin/auth/group/",
        "admin sign-in attempts": "/admin/articles/signinattempt/",
        "admin cdn purges": "/admin/articles/cdnpurge/",
    }
    if killed := WireStory.objects.exclude(agency_status="usable").order_by("pk").first():
        # A wire story's form: the wire panel, the agency's kill banner and its override.
        screens["admin article form from the wire"] = (
            f"/admin/articles/article/{killed.article_id}/change/"
        )
    if banner := Banner.objects.order_by("pk").first():
        screens["admin banner change"] = f"/admin/articles/banner/{banner.pk}/change/"
    if subscriber := Subscriber.objects.order_by("pk").first():
        screens["admin subscriber form"] = f"/admin/articles/subscriber/{subscriber.pk}/change/"
    return screens
