"""The breaking-news banner: raising it, lowering it early, and which one shows now.

One banner shows at a time, on every public page: the latest raised that nobody lowered and
whose expiry has not come. Raising a new one lowers the one up (recorded as replaced). Raising
and lowering go through `articles.changes` (every cached page is fresh at once); expiry needs
no one: the expiry time is one of the edition's moments (`articles.caching.state`), so no page is
served with a banner past its time, cached or not. Each row records who raised it and when,
what it said, and who lowered it: the admin lists them as the banner's audit trail.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles import changes
from articles.caching import keys
from articles.models import Article, Banner, Section
from articles.staff.roles import can_raise_banners

# Long enough for a running story; anything longer is a notice, not breaking news.
LONGEST = timedelta(hours=48)


def _acting(user):
    return user if user is not None and user.is_authenticated else None


def require_banner_editor(user) -> None:
    if user is not None and not can_raise_banners(user):
        raise PermissionDenied("Only editors may raise or lower the breaking-news banner.")


def showing_banner(at=None) -> Banner | None:
    """The banner readers see now, with `link_is_public` saying whether its story may be
    linked (and the story's section, for its address). One query."""
    now = at or timezone.now()
    public_link = Article.objects.published(now).filter(pk=OuterRef("link_id"))
    # The banner is on every page. Read as is, its query reads the story tables, which would
    # renew every cached page with every publish anywhere; so it is read unrecorded, and what
    # it shows is named instead (`articles.caching.keys`): the banners, its story (whose every
    # change forgets that story's key), and the moment a linked story still waiting goes live.
    with keys.paused():
        banner = (
            Banner.objects.filter(raised_at__lte=now, expires_at__gt=now, lowered_at__isnull=True)
            .select_related("link__section")
            .annotate(link_is_public=Exists(public_link))
            .order_by("-raised_at", "-pk")
            .first()
        )
    shown, until = [keys.table_key(Banner._meta.db_table)], None
    if banner is not None and banner.link is not None:
        shown += [keys.story_key(banner.link_id), keys.table_key(Section._meta.db_table)]
        waiting = banner.link.goes_live_at
        if not banner.link_is_public and waiting is not None and waiting > now:
            until = waiting.timestamp()
    keys.depends_on(shown, until)
    return banner


def check_banner(banner: Banner, *, at=None) -> None:
    """Refuse a banner nobody should raise: no words, an expiry past or more than 48 hours
    away, a link to a story that is not published."""
    now = at or timezone.now()
    errors = {}
    banner.text = " ".join((banner.text or "").split())
    if not banner.text:
        errors["text"] = "Say what is happening, in one short line."
    if banner.expires_at is None or banner.expires_at <= now:
        errors["expires_at"] = "Choose an expiry time still to come."
    elif banner.expires_at > now + LONGEST:
        errors["expires_at"] = "A banner stays up for at most 48 hours."
    if banner.link_id and not Article.objects.pinnable().filter(pk=banner.link_id).exists():
        errors["link"] = "Link a published story (drafts are never linked)."
    if errors:
        raise ValidationError(errors)


def raise_banner(banner: Banner, *, by=None) -> Banner:
    """Put `banner` (unsaved: text, level, expiry, optional link) up now, in place of any
    banner up; it shows on every public page at once and comes down by itself at its expiry."""
    require_banner_editor(by)
    check_banner(banner)
    with transaction.atomic():
        now = timezone.now()
        up = list(
            Banner.objects.select_for_update().filter(lowered_at__isnull=True, expires_at__gt=now)
        )
        banner.pk = None
        banner.raised_at = now
        banner.raised_by = _acting(by)
        banner.lowered_at = banner.lowered_by = banner.replaced_by = None
        banner.save()
        for old in up:
            old.lowered_at, old.lowered_by, old.replaced_by = now, _acting(by), banner
            old.save(update_fields=["lowered_at", "lowered_by", "replaced_by"])
        changes.banner_changed()
    return banner


def lower_banner(banner: Banner, *, by=None) -> bool:
    """Take `banner` down now. Returns False (and records nothing) if it was already down:
    lowered, replaced or expired."""
    require_banner_editor(by)
    with transaction.atomic():
        locked = Banner.objects.select_for_update().get(pk=banner.pk)
        now = timezone.now()
        if locked.lowered_at is not None or locked.expires_at <= now:
            return False
        locked.lowered_at, locked.lowered_by = now, _acting(by)
        locked.save(update_fields=["lowered_at", "lowered_by"])
        changes.banner_changed()
    banner.lowered_at, banner.lowered_by = locked.lowered_at, locked.lowered_by
    return True


def banner_state(banner: Banner, at=None) -> str:
    """ "up", "replaced", "lowered" or "expired": what became of a banner."""
    now = at or timezone.now()
    if banner.replaced_by_id:
        return "replaced"
    if banner.lowered_at is not None:
        return "lowered"
    return "up" if banner.expires_at > now else "expired"
