"""Merging duplicate sources ("AFP" and "Agence France-Presse"), the way tags are merged."""

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Article, Source, SourceAlias, SourceMerge

from .merging import retire_merged


@transaction.atomic
def merge_sources(into: Source, sources, *, by=None) -> SourceMerge:
    """Fold `sources` into `into`: every story citing one of them cites `into` instead (once),
    their names become alternative names of `into`, their pages answer 301 to its page, and a
    SourceMerge records who merged what and when."""
    merged = [source for source in sources if source.pk != into.pk]
    if not merged:
        raise ValidationError("Choose at least one source besides the one to keep.")
    merged_ids = [source.pk for source in merged]
    list(Source.objects.select_for_update().filter(pk__in=[into.pk, *merged_ids]))

    Citation = Article.sources.through
    citing = Citation.objects.filter(source_id__in=merged_ids)
    story_ids = set(citing.values_list("article_id", flat=True))
    already = set(
        Citation.objects.filter(source=into, article_id__in=story_ids).values_list(
            "article_id", flat=True
        )
    )
    Citation.objects.bulk_create(
        [Citation(source=into, article_id=pk) for pk in sorted(story_ids - already)]
    )
    citing.delete()

    names, slugs = retire_merged(
        into, merged, alias_model=SourceAlias, owner_field="source", counts="sources"
    )
    return SourceMerge.objects.create(
        into=into,
        into_name=into.name,
        merged_names=names,
        merged_slugs=slugs,
        stories_moved=len(story_ids),
        merged_by=by,
    )
