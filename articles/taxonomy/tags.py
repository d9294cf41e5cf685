"""Tag operations staff trigger from the admin: rename, merge, delete unused, and the usage
figures the tags screen shows. Each is one function, in one transaction, that leaves the
public addresses working (a changed tag URL answers 301 to where the tag lives now)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from articles import changes
from articles.models import Status, Tag, TagAlias, TaggedArticle, TagMerge, TagPin
from articles.redirects import remember_old_path

from .merging import retire_merged
from .names import clean_name


def with_usage(tags: QuerySet) -> QuerySet:
    """Tags annotated with `total_count`, `published_count` and `last_used` (the newest
    publish or creation time of a story carrying it) — one grouped query for any number."""
    now = timezone.now()
    public = Q(
        tagged_articles__content_object__status=Status.PUBLISHED,
        tagged_articles__content_object__published_at__lte=now,
    )
    return tags.annotate(
        total_count=Count("tagged_articles", distinct=True),
        published_count=Count("tagged_articles", filter=public, distinct=True),
        last_used=Max("tagged_articles__content_object__created_at"),
    )


def unused_tags() -> QuerySet:
    """Tags no story carries, in any state (drafts count as use)."""
    return Tag.objects.filter(tagged_articles__isnull=True)


@transaction.atomic
def rename_tag(tag: Tag, name: str, *, slug: str | None = None) -> Tag:
    """Give `tag` a new name (and, unless `slug` says otherwise, a slug made from it);
    the old tag page answers 301 to the new one."""
    name = clean_name(name)
    clash = Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk)
    if clash.exists():
        raise ValidationError(f"A tag called “{name}” already exists: merge the two instead.")
    old_path = Tag.objects.get(pk=tag.pk).get_absolute_url()
    tag.name = name
    tag.slug = slug or _free_slug(tag)
    tag.save()
    remember_old_path(old_path, new_path=tag.get_absolute_url())
    changes.vocabulary_changed("tags")
    return tag


def _free_slug(tag: Tag) -> str:
    taken = set(
        Tag.objects.exclude(pk=tag.pk)
        .filter(slug__startswith=tag.slugify(tag.name))
        .values_list("slug", flat=True)
    )
    slug, n = tag.slugify(tag.name), 1
    while slug in taken:
        slug, n = tag.slugify(tag.name, n), n + 1
    return slug


@transaction.atomic
def merge_tags(into: Tag, tags, *, by=None) -> TagMerge:
    """Fold `tags` into `into`: every story carrying one of them carries `into` instead
    (once), their names become aliases of `into`, their pages answer 301 to its page, and
    a TagMerge records who merged what and when."""
    merged = [tag for tag in tags if tag.pk != into.pk]
    if not merged:
        raise ValidationError("Choose at least one tag besides the one to keep.")
    merged_ids = [tag.pk for tag in merged]
    # Lock the rows involved, so a concurrent tagging or merge waits instead of interleaving.
    list(Tag.objects.select_for_update().filter(pk__in=[into.pk, *merged_ids]))

    carrying = TaggedArticle.objects.filter(tag_id__in=merged_ids)
    story_ids = set(carrying.values_list("content_object_id", flat=True))
    already = set(
        TaggedArticle.objects.filter(tag=into, content_object_id__in=story_ids).values_list(
            "content_object_id", flat=True
        )
    )
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(tag=into, content_object_id=pk) for pk in sorted(story_ids - already)]
    )
    carrying.delete()
    _move_pins(into, merged_ids)

    names, slugs = retire_merged(
        into, merged, alias_model=TagAlias, owner_field="tag", counts="tags"
    )
    return TagMerge.objects.create(
        into=into,
        into_name=into.name,
        merged_names=names,
        merged_slugs=slugs,
        stories_retagged=len(story_ids),
        merged_by=by,
    )


def _move_pins(into: Tag, merged_ids: list[int]) -> None:
    # Pins follow the stories to the survivor while it has room; the rest are dropped.
    kept = list(into.pins.values_list("article_id", flat=True))
    for pin in TagPin.objects.filter(tag_id__in=merged_ids).order_by("position", "pk"):
        if pin.article_id not in kept and len(kept) < TagPin.MAX_PER_TAG:
            TagPin.objects.create(tag=into, article_id=pin.article_id, position=len(kept))
            kept.append(pin.article_id)


@transaction.atomic
def delete_unused_tags(tags: QuerySet) -> tuple[int, list[str]]:
    """Delete those of `tags` that no story carries; returns (how many, names of the used
    ones left alone — deleting those needs the confirmation page)."""
    used = list(
        tags.filter(tagged_articles__isnull=False).distinct().values_list("name", flat=True)
    )
    deleted = list(tags.filter(tagged_articles__isnull=True).values_list("pk", flat=True))
    Tag.objects.filter(pk__in=deleted).delete()
    return len(deleted), sorted(used)
