"""One merge for every vocabulary: duplicates ("AFP" and "Agence France-Presse", "Power" and
"Energy") folded into the entry that stays, the same way for tags and sources."""

from django.core.exceptions import ValidationError
from django.db import transaction

from articles import changes
from articles.models import Slot
from articles.models.vocabularies import Vocabulary
from articles.search import filed_names
from articles.taxonomy.renames import leave_redirects, public_addresses


@transaction.atomic
def merge(vocabulary: Vocabulary, into, entries, *, by=None):
    """Fold `entries` into `into`: every story filed under one of them is filed under `into`
    instead (once), their pins follow while `into` has room, their names and alternative names
    become alternative names of `into`, their addresses (page, feed) answer 301 to its own,
    front blocks filled from them draw on `into`, and a merge record says who merged what and
    when. Returns the record."""
    merged = [entry for entry in entries if entry.pk != into.pk]
    if not merged:
        raise ValidationError(f"Choose at least one {vocabulary.noun} besides the one to keep.")
    merged_ids = [entry.pk for entry in merged]
    # Lock the rows involved, so a concurrent filing or merge waits instead of interleaving.
    list(vocabulary.entry_model.objects.select_for_update().filter(pk__in=[into.pk, *merged_ids]))

    story_ids = _move_stories(vocabulary, into, merged_ids)
    if vocabulary.pin_model is not None:
        _move_pins(vocabulary, into, merged_ids)
    if vocabulary.kind == "tags":
        # Front blocks filled from a merged tag go on filling from the one that stays.
        Slot.objects.filter(tag_id__in=merged_ids).update(tag=into)
    old_addresses = [public_addresses(entry) for entry in merged]
    _retire(vocabulary, into, merged)
    for addresses in old_addresses:
        leave_redirects(addresses, into)
    # Its stories (the moved ones too) are searched by the merged names from now on.
    filed_names.names_changed(into)

    # The stories now show another entry: their preview links go, open forms notice.
    changes.stories_retouched(sorted(story_ids))
    changes.vocabulary_changed()
    return vocabulary.merge_record_model.objects.create(
        into=into,
        into_name=into.name,
        merged_names=[entry.name for entry in merged],
        merged_slugs=[entry.slug for entry in merged],
        stories_moved=len(story_ids),
        merged_by=by,
    )


def _move_stories(vocabulary: Vocabulary, into, merged_ids) -> set[int]:
    """File the stories of the merged entries under `into`; returns their ids."""
    filing, owner, story = (
        vocabulary.filing_model,
        vocabulary.owner_column,
        vocabulary.filing_story_column,
    )
    filed = filing.objects.filter(**{f"{owner}_id__in": merged_ids})
    story_ids = set(filed.values_list(f"{story}_id", flat=True))
    already = set(
        filing.objects.filter(**{owner: into, f"{story}_id__in": story_ids}).values_list(
            f"{story}_id", flat=True
        )
    )
    filing.objects.bulk_create(
        [filing(**{owner: into, f"{story}_id": pk}) for pk in sorted(story_ids - already)]
    )
    filed.delete()
    return story_ids


def _move_pins(vocabulary: Vocabulary, into, merged_ids) -> None:
    # Pins follow the stories to the survivor while it has room; the rest are dropped.
    pin, owner = vocabulary.pin_model, vocabulary.owner_column
    kept = list(pin.objects.filter(**{owner: into}).values_list("article_id", flat=True))
    for row in pin.objects.filter(**{f"{owner}_id__in": merged_ids}).order_by("position", "pk"):
        if row.article_id not in kept and len(kept) < pin.MAX_PER_TAG:
            pin.objects.create(**{owner: into}, article_id=row.article_id, position=len(kept))
            kept.append(row.article_id)


def _retire(vocabulary: Vocabulary, into, merged) -> None:
    """Delete the merged entries; their alternative names, and their own names where free,
    become alternative names of `into`."""
    alias, owner = vocabulary.alias_model, vocabulary.owner_column
    merged_ids = [entry.pk for entry in merged]
    alias.objects.filter(**{f"{owner}_id__in": merged_ids}).update(**{owner: into})
    vocabulary.entry_model.objects.filter(pk__in=merged_ids).delete()
    for entry in merged:
        try:
            # Through save(), which asks whether the name is free: `into`'s own name or one of
            # its alternative names in another spelling is not, and is not repeated.
            alias(**{owner: into}, name=entry.name).save()
        except ValidationError:
            continue
