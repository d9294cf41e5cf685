"""What every vocabulary merge does once the stories have moved to the surviving entry."""

from articles import changes
from articles.redirects import remember_old_path

from .names import name_key


def retire_merged(into, merged, *, alias_model, owner_field: str, counts: str):
    """Retire the `merged` tags or sources in favour of `into`: their alternative names and
    their own names become alternative names of `into`, the entries are deleted, their pages
    answer 301 to `into`'s, and the cached index counts `counts` are dropped on commit.

    Returns the merged names and slugs, for the merge record.
    """
    names = [entry.name for entry in merged]
    slugs = [entry.slug for entry in merged]
    paths = [entry.get_absolute_url() for entry in merged]
    merged_ids = [entry.pk for entry in merged]
    alias_model.objects.filter(**{f"{owner_field}_id__in": merged_ids}).update(
        **{owner_field: into}
    )
    type(into).objects.filter(pk__in=merged_ids).delete()
    taken = {name_key(alias.name) for alias in into.aliases.all()} | {name_key(into.name)}
    alias_model.objects.bulk_create(
        [
            alias_model(**{owner_field: into}, name=name)
            for name in names
            if name_key(name) not in taken
        ]
    )
    for path in paths:
        remember_old_path(path, new_path=into.get_absolute_url())
    changes.vocabulary_changed(counts)
    return names, slugs
