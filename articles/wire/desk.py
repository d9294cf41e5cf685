"""The wire queue's moves: an editor takes a wire draft over, applies an update the agency
sent after that, or overrides an agency's kill with a reason. All are editors' work
(`workflow.rules.is_editor`), checked here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import AgencyStatus, AuditAction, WireStory
from articles.workflow import is_editor, record, save_edits
from articles.workflow.rules import require


def take_over(wire: WireStory, *, by) -> WireStory:
    """Make the wire draft `by`'s: it leaves the queue, and newer versions from the agency
    wait beside it instead of overwriting it. Taking over twice is harmless."""
    require(is_editor(by), "Only editors may take over wire copy.")
    with transaction.atomic():
        locked = (
            WireStory.objects.select_for_update(of=("self",))
            .select_related("article")
            .get(pk=wire.pk)
        )
        if locked.article is None:
            raise WireStory.DoesNotExist("The wire story's draft was deleted.")
        if locked.taken_over_at is None:
            locked.taken_over_by, locked.taken_over_at = by, timezone.now()
            locked.save(update_fields=["taken_over_by", "taken_over_at"])
            record(
                locked.article,
                AuditAction.TAKEN_OVER,
                by=by,
                from_status=locked.article.status,
                note=f"from {locked.provider.name}",
            )
    wire.refresh_from_db()
    return wire


def apply_update(wire: WireStory, *, by) -> WireStory:
    """Put the agency's newer version into the story as a new revision (the editor's version
    stays restorable from the history), and clear "update available"."""
    require(is_editor(by), "Only editors may apply wire updates.")
    with transaction.atomic():
        locked = (
            WireStory.objects.select_for_update(of=("self",))
            .select_related("article")
            .get(pk=wire.pk)
        )
        if not locked.update_version or locked.article is None:
            return locked
        article = locked.article
        for field in ("headline", "standfirst", "dateline"):
            setattr(article, field, locked.update.get(field, getattr(article, field)))
        article.body = locked.update.get("body_html", article.body)
        if locked.update.get("byline"):
            article.byline_override = locked.update["byline"]
        if "metadata" in locked.update:
            locked.metadata = locked.update["metadata"]
        save_edits(article, by=by)
        locked.version, locked.fingerprint = locked.update_version, locked.update["fingerprint"]
        locked.headline = article.headline[:300]
        locked.update_version, locked.update = "", {}
        locked.article_version = article.version
        locked.save()
    wire.refresh_from_db()
    return wire


def override_kill(wire: WireStory, *, by, reason: str) -> WireStory:
    """An editor's decision to publish (or keep published) copy the agency killed or withheld:
    allowed with a reason only, recorded in the story's audit trail. It lifts the publishing
    block and the alert for this kill; a later kill from the agency blocks again."""
    require(is_editor(by), "Only editors may override an agency's kill.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("Say why the agency's kill does not apply.", code="reason_required")
    with transaction.atomic():
        locked = (
            WireStory.objects.select_for_update(of=("self",))
            .select_related("article", "provider")
            .get(pk=wire.pk)
        )
        if locked.agency_status == AgencyStatus.USABLE or locked.override_by_id:
            return locked
        locked.override_by, locked.override_reason = by, reason[:300]
        locked.save(update_fields=["override_by", "override_reason"])
        if locked.article is not None:
            record(
                locked.article,
                AuditAction.KILL_OVERRIDDEN,
                by=by,
                from_status=locked.article.status,
                note=f"{locked.get_agency_status_display()} ({locked.provider.name}): {reason}",
            )
    wire.refresh_from_db()
    return wire
