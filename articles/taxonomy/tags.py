"""Tag operations staff trigger from the admin: rename, merge, delete unused, and the usage
figures the tags screen shows. Renames and merges are the shared ones (`articles.taxonomy.renames`,
`merging.merge`) with what only tags need: a slug made from the new name, pins that follow."""

from django.db import transaction
from django.db.models import Count, Max, QuerySet

from articles.models import Tag, TagMerge, public_condition
from articles.models.names import clean_name
from articles.models.vocabularies import TAGS
from articles.taxonomy.renames import rename

from .merging import merge


def with_usage(tags: QuerySet) -> QuerySet:
    """Tags annotated with `total_count`, `published_count` and `last_used` (the newest
    publish or creation time of a story carrying it) — one grouped query for any number."""
    public = public_condition("tagged_articles__content_object__")
    return tags.annotate(
        total_count=Count("tagged_articles", distinct=True),
        published_count=Count("tagged_articles", filter=public, distinct=True),
        last_used=Max("tagged_articles__content_object__created_at"),
    )


def unused_tags() -> QuerySet:
    """Tags no story carries, in any state (drafts count as use)."""
    return Tag.objects.filter(tagged_articles__isnull=True)


def rename_tag(tag: Tag, name: str, *, slug: str | None = None) -> Tag:
    """Give `tag` a new name and, unless `slug` says otherwise, a slug made from it (see
    `articles.taxonomy.renames.rename`: old page and feed answer 301, its stories are retouched)."""
    tag.name = clean_name(name)
    return rename(tag, slug=slug or _free_slug(tag))


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


def merge_tags(into: Tag, tags, *, by=None) -> TagMerge:
    """Fold `tags` into `into` (see `merging.merge`): every story carrying one of them carries
    `into` instead (once), pins follow, their names become aliases of `into`, their pages and
    feeds answer 301 to its own."""
    return merge(TAGS, into, tags, by=by)


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
